package jp.kenshin.outreach.reports;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.engine.util.JRLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Renders the documents of {@code reports/} (JasperReports .jrxml) to PDF with the embedded IPAex
 * fonts. The reports are compiled by the build ({@link ReportCompiler}, Maven's {@code process-classes}
 * phase) into {@code <name>.jasper} on the classpath, and loaded from there once: the packaged jar cannot
 * compile a report at run time. Only when the compiled report is missing (a development run whose build
 * skipped the Maven step, e.g. an IDE) is the {@code .jrxml} compiled here, which works from an unpacked
 * classpath only.
 */
@Component
public class ReportRenderer {

    private static final DateTimeFormatter ERA_DATE = DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN);

    static final String COMPILED = ".jasper";

    private static final Logger log = LoggerFactory.getLogger(ReportRenderer.class);

    private final Map<String, JasperReport> compiled = new ConcurrentHashMap<>();

    public byte[] pdf(String report, Map<String, Object> parameters, Collection<Map<String, ?>> rows) {
        try {
            JasperPrint print = JasperFillManager.fillReport(compiled(report), new java.util.HashMap<>(parameters),
                    new JRMapCollectionDataSource(rows));
            return JasperExportManager.exportReportToPdf(print);
        } catch (JRException e) {
            throw new IllegalStateException("The report " + report + " could not be rendered", e);
        }
    }

    private JasperReport compiled(String report) {
        return compiled.computeIfAbsent(report, name -> {
            try (InputStream jasper = getClass().getResourceAsStream("/" + name + COMPILED)) {
                if (jasper != null) {
                    return (JasperReport) JRLoader.loadObject(jasper);
                }
            } catch (IOException | JRException e) {
                throw new IllegalStateException("The compiled report " + name + COMPILED + " cannot be loaded", e);
            }
            try (InputStream source = getClass().getResourceAsStream("/" + name + ".jrxml")) {
                if (source == null) {
                    throw new IllegalStateException("No report " + name + COMPILED + " or " + name + ".jrxml on the classpath");
                }
                log.warn("The report {} was not compiled by the build; compiling {}.jrxml now (works from an unpacked classpath only)",
                        name, name);
                return JasperCompileManager.compileReport(source);
            } catch (IOException | JRException e) {
                throw new IllegalStateException("The report " + name + " does not compile", e);
            }
        });
    }

    /** A date in the Japanese era, e.g. 令和8年11月25日. */
    public static String eraDate(LocalDate date) {
        return JapaneseDate.from(date).format(ERA_DATE);
    }

    /**
     * A moment as the ward reads it on a document: its date in the era, the time, and the zone, e.g.
     * 令和8年4月1日 09:30:00（日本時間）; another zone is named by its id.
     */
    public static String eraDateTime(java.time.Instant at, java.time.ZoneId zone) {
        java.time.ZonedDateTime local = at.atZone(zone);
        String shown = zone.normalized().equals(java.time.ZoneId.of("Asia/Tokyo")) ? "日本時間" : zone.getId();
        return eraDate(local.toLocalDate()) + " " + java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").format(local)
                + "（" + shown + "）";
    }

    /** A fiscal year in the Japanese era, e.g. 2026 → 令和8年度. */
    public static String eraFiscalYear(int fiscalYear) {
        JapaneseDate start = JapaneseDate.from(LocalDate.of(fiscalYear, 4, 1));
        int year = start.get(java.time.temporal.ChronoField.YEAR_OF_ERA);
        return start.getEra().getDisplayName(java.time.format.TextStyle.FULL, Locale.JAPAN) + (year == 1 ? "元" : Integer.toString(year)) + "年度";
    }
}
