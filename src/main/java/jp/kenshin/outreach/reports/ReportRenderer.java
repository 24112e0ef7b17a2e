package jp.kenshin.outreach.reports;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jp.kenshin.outreach.infrastructure.WardClock;
import net.sf.jasperreports.engine.JRCommonText;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRExpression;
import net.sf.jasperreports.engine.JRExpressionChunk;
import net.sf.jasperreports.engine.JRLineBox;
import net.sf.jasperreports.engine.JRTextField;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.engine.type.RotationEnum;
import net.sf.jasperreports.engine.util.JRElementsVisitor;
import net.sf.jasperreports.engine.util.JRVisitorSupport;
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
    private final Map<String, Map<String, LineWidth>> lineWidths = new ConcurrentHashMap<>();

    /**
     * Renders a report. Every text a text field shows as a whole ({@code $F{name}} or {@code $P{name}}) is
     * broken into lines by the Japanese rules first ({@link Kinsoku}), at the narrowest width it is shown in.
     */
    public byte[] pdf(String report, Map<String, Object> parameters, Collection<Map<String, ?>> rows) {
        try {
            JasperReport jasper = compiled(report);
            Map<String, LineWidth> widths = lineWidths.computeIfAbsent(report, r -> lineWidths(jasper));
            List<Map<String, ?>> broken = new ArrayList<>(rows.size());
            for (Map<String, ?> row : rows) {
                broken.add(kinsoku(row, widths, "F:"));
            }
            JasperPrint print = JasperFillManager.fillReport(jasper, kinsoku(parameters, widths, "P:"),
                    new JRMapCollectionDataSource(broken));
            return JasperExportManager.exportReportToPdf(print);
        } catch (JRException e) {
            throw new IllegalStateException("The report " + report + " could not be rendered", e);
        }
    }

    /** The width, font and size of the text fields that show one field or parameter whole; key F:name or P:name. */
    private record LineWidth(boolean mincho, float fontSize, float width) {
    }

    private static Map<String, Object> kinsoku(Map<String, ?> values, Map<String, LineWidth> widths, String prefix) {
        Map<String, Object> out = new HashMap<>(values);
        for (Map.Entry<String, Object> e : out.entrySet()) {
            LineWidth w = widths.get(prefix + e.getKey());
            if (w != null && e.getValue() instanceof String text) {
                e.setValue(Kinsoku.breakLines(text, w.mincho(), w.fontSize(), w.width()));
            }
        }
        return out;
    }

    private static Map<String, LineWidth> lineWidths(JasperReport report) {
        Map<String, LineWidth> widths = new HashMap<>();
        JRElementsVisitor.visitReport(report, new JRVisitorSupport() {
            @Override
            public void visitTextField(JRTextField field) {
                String name = wholeValue(field.getExpression());
                if (name == null || field.getRotation() != RotationEnum.NONE
                        || (field.getMarkup() != null && !JRCommonText.MARKUP_NONE.equals(field.getMarkup()))) {
                    return;
                }
                JRLineBox box = field.getLineBox();
                int padding = (box.getLeftPadding() == null ? 0 : box.getLeftPadding())
                        + (box.getRightPadding() == null ? 0 : box.getRightPadding());
                LineWidth w = new LineWidth("IPAexMincho".equals(field.getFontName()), field.getFontSize(),
                        field.getWidth() - padding);
                widths.merge(name, w, (a, b) -> a.width() / a.fontSize() <= b.width() / b.fontSize() ? a : b);
            }
        });
        return widths;
    }

    /** F:name or P:name when the expression is exactly one field or parameter, else null. */
    private static String wholeValue(JRExpression expression) {
        if (expression == null || expression.getChunks() == null) {
            return null;
        }
        String name = null;
        for (JRExpressionChunk chunk : expression.getChunks()) {
            switch (chunk.getType()) {
                case JRExpressionChunk.TYPE_FIELD, JRExpressionChunk.TYPE_PARAMETER -> {
                    if (name != null) {
                        return null;
                    }
                    name = (chunk.getType() == JRExpressionChunk.TYPE_FIELD ? "F:" : "P:") + chunk.getText();
                }
                case JRExpressionChunk.TYPE_TEXT -> {
                    if (!chunk.getText().isBlank()) {
                        return null;
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        return name;
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
        String shown = zone.normalized().equals(WardClock.DEFAULT_ZONE) ? "日本時間" : zone.getId();
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
