package jp.kenshin.outreach.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jp.kenshin.outreach.analysis.EffectAnalysis.Counts;
import jp.kenshin.outreach.analysis.EffectAnalysis.Curve;
import jp.kenshin.outreach.analysis.EffectAnalysis.Descriptive;
import jp.kenshin.outreach.analysis.EffectAnalysis.PhoneArm;
import jp.kenshin.outreach.analysis.EffectAnalysis.Stratum;
import jp.kenshin.outreach.analysis.EffectAnalysis.UptakeCurves;
import jp.kenshin.outreach.analysis.stats.Proportion;
import jp.kenshin.outreach.reports.ReportRenderer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The deliverables rendered from the figures of data set (c) (holdout_cells.csv), with and without its
 * holdout, without a database: the stored JSON reads back to the same figures, the CSV and the workbook
 * carry every figure unrounded, the PDF has its Japanese headings and the caveat that fits.
 */
class EffectDocumentsTest {

    private static final UnitCosts COSTS = new UnitCosts(new BigDecimal("85"), new BigDecimal("150"));
    private final EffectDocuments documents = new EffectDocuments(new ReportRenderer(),
            java.time.Clock.system(java.time.ZoneId.of("Asia/Tokyo")));

    /** Data set (c) as an analysis; without the holdout its people count as notice only. */
    static EffectAnalysis analysis(boolean withHoldout) {
        List<AnalysisCell> cells = ReferenceData.holdoutCells().stream()
                .map(c -> withHoldout || c.arm() != Arm.HOLDOUT ? c
                        : new AnalysisCell(Arm.NOTICE_ONLY, c.sex(), c.ageBand(), c.returnedCard(), false, c.attended(), c.people()))
                .toList();
        EffectFigures figures = new EffectCalculator().compute(cells, 5200, Optional.of(COSTS));
        Map<String, long[]> strata = new TreeMap<>();
        for (AnalysisCell c : cells) {
            long[] s = strata.computeIfAbsent(c.sex() + "|" + c.ageBand(), k -> new long[6]);
            int slot = c.arm() == Arm.NOTICE_AND_CALL ? 0 : c.arm() == Arm.NOTICE_ONLY ? 2 : 4;
            s[slot] += c.people();
            s[slot + 1] += c.attended() ? c.people() : 0;
        }
        List<Stratum> stratumList = new ArrayList<>();
        strata.forEach((k, s) -> stratumList.add(new Stratum(Integer.parseInt(k.split("\\|")[0]), k.split("\\|")[1], s[0], s[1], s[2],
                s[3], s[4], s[5])));
        long reached = cells.stream().filter(AnalysisCell::reached).mapToLong(AnalysisCell::people).sum();
        long reachedAttended = cells.stream().filter(c -> c.reached() && c.attended()).mapToLong(AnalysisCell::people).sum();
        Proportion call = figures.call();
        PhoneArm phone = new PhoneArm(call.trials(), call.trials() - 12, 5200,
                List.of(new Descriptive("REACHED", "電話がつながった", Proportion.wilson(reachedAttended, reached)),
                        new Descriptive("NOT_REACHED", "つながらなかった（架電なしを含む）",
                                Proportion.wilson(call.successes() - reachedAttended, call.trials() - reached))),
                List.of(new Descriptive("1", "架電1回", Proportion.wilson(call.successes(), call.trials()))),
                List.of(new Descriptive("WILL_BOOK", "通話：受診予約する", Proportion.wilson(reachedAttended, reached))),
                List.of(new Descriptive("REACHED", "通話済み", Proportion.wilson(reachedAttended, reached))));
        Map<Arm, Curve> curves = new EnumMap<>(Arm.class);
        figures.byArm().forEach((arm, p) -> {
            List<Long> cumulative = new ArrayList<>();
            for (int day = 0; day <= 100; day++) {
                cumulative.add(p.successes() * day / 100);
            }
            curves.put(arm, new Curve(p.trials(), 0, cumulative));
        });
        long attended = cells.stream().filter(AnalysisCell::attended).mapToLong(AnalysisCell::people).sum();
        long people = cells.stream().mapToLong(AnalysisCell::people).sum();
        return new EffectAnalysis(2151, 7, LocalDate.of(2152, 6, 30), withHoldout ? 0.2 : 0, Optional.of(LocalDate.of(2152, 3, 22)),
                new Counts(people, attended, call.trials() - 12, 5200, reached, figures.returnedCards().total()), figures,
                EffectAnalysisService.crudeOddsRatio(figures), stratumList, phone,
                Optional.of(new UptakeCurves(LocalDate.of(2152, 3, 22), 100, curves)), Optional.empty());
    }

    static AnalysisRun run(String status) {
        return new AnalysisRun(12, 2151, 7, LocalDate.of(2152, 6, 30), COSTS.perCard(), COSTS.perCall(), status, "analyst1",
                Instant.parse("2152-07-01T01:00:00Z"), AnalysisRun.APPROVED.equals(status) ? "ward1" : null,
                AnalysisRun.APPROVED.equals(status) ? Instant.parse("2152-07-02T01:00:00Z") : null, null, null);
    }

    @Test
    void storedFiguresReadBackToTheSameFigures() throws Exception {
        EffectAnalysis analysis = analysis(true);
        String json = EffectAnalysisService.JSON.writeValueAsString(analysis);
        EffectAnalysis back = EffectAnalysisService.read(json);

        assertThat(back).usingRecursiveComparison().isEqualTo(analysis);
        assertThat(EffectAnalysisService.JSON.writeValueAsString(back)).isEqualTo(json);
        assertThat(json).contains("\"cutOff\":\"2152-06-30\"");
    }

    @Test
    void csvHasTheBomAndEveryFigureUnrounded() {
        EffectAnalysis analysis = analysis(true);
        byte[] csv = documents.csv(run(AnalysisRun.APPROVED), analysis);

        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8).substring(1);
        assertThat(text).startsWith("区分,指標,群・層,値,95%下限,95%上限,方法,分子,分母\r\n");
        assertThat(text).contains(",受診率の差,粗（調整なし）," + analysis.figures().crude().difference().value() + ","
                + analysis.figures().crude().difference().ci95().lower() + "," + analysis.figures().crude().difference().ci95().upper()
                + ",割合の差・Wald法（連続性補正なし）,,");
        assertThat(text).contains("ランダム化比較（通知＋電話 対 電話しない比較群）,受診率の差,ITT（割り付けどおり）,0.09138464837868");
        assertThat(text).contains("群別の受診率,受診率,通知＋電話," + 1273.0 / 3662 + ",");
        assertThat(text).contains("差出後100日までの累積受診割合");
    }

    @Test
    void workbookHasNumericCellsAtFullPrecision() throws Exception {
        EffectAnalysis analysis = analysis(false);
        byte[] xlsx = documents.xlsx(run(AnalysisRun.DRAFT), analysis);

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(book.getSheetAt(0).getSheetName()).isEqualTo("指標");
            assertThat(book.getSheet("受診の推移")).isNotNull();
            assertThat(book.getSheet("電話の群の内訳")).isNotNull();
            Sheet figures = book.getSheet("指標");
            Row difference = null;
            for (Row row : figures) {
                if (row.getCell(1) != null && "受診率の差".equals(row.getCell(1).getStringCellValue())
                        && FigureRows.CRUDE.equals(row.getCell(0).getStringCellValue())) {
                    difference = row;
                }
            }
            assertThat(difference).isNotNull();
            assertThat(difference.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(difference.getCell(3).getNumericCellValue()).isEqualTo(analysis.figures().crude().difference().value());
            assertThat(book.getSheet("受診の推移").getRow(101).getCell(0).getNumericCellValue()).isEqualTo(100);
        }
    }

    @Test
    void reportWithAHoldoutLeadsWithTheRandomisedComparison() throws Exception {
        byte[] pdf = documents.pdf(run(AnalysisRun.APPROVED), analysis(true));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "effect-analysis-sample-with-holdout.pdf"), pdf);
        String text = pdfText(pdf);

        assertThat(text).contains("効果分析報告書", "主な結果", "電話勧奨の効果（ランダム化比較）", "ランダム化比較",
                "この分析で言えること・言えないこと", "群別の受診率", "粗の値と、性別・年齢をそろえた値", "返戻はがき", "費用",
                "電話の群の内訳", "差出日からの受診の推移", "Mantel–Haenszel", "Wilson法", "区の承認");
        assertThat(text).contains("乱数で分けました").doesNotContain("比較群（ホールドアウト）を設けていません");
    }

    @Test
    void reportWithoutAHoldoutSaysThatTheGroupsDifferInMoreThanTheCall() throws Exception {
        byte[] pdf = documents.pdf(run(AnalysisRun.DRAFT), analysis(false));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "effect-analysis-sample-without-holdout.pdf"), pdf);
        String text = pdfText(pdf);

        assertThat(text).contains("比較群（ホールドアウト）を設けていません", "この差をそのまま電話の効果と読むことはできません",
                "性別と年齢以外の違いは取り除けません", "案（区の承認前）", "層別（Mantel–Haenszel）", "調整（ロジスティック回帰）");
        assertThat(text).doesNotContain("電話勧奨の効果（ランダム化比較）");
    }

    static String pdfText(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", "");
        }
    }

    @Test
    void aFormulaLikeLabelInTheWorkbookIsAQuotePrefixedStringCell() throws Exception {
        EffectAnalysis a = analysis(false);
        PhoneArm tampered = new PhoneArm(a.phoneArm().people(), a.phoneArm().withCallCase(), a.phoneArm().callsMade(),
                a.phoneArm().byReach(), a.phoneArm().byAttempts(),
                List.of(new Descriptive("@SUM(1+1)", "=HYPERLINK(\"http://evil.example/\",\"x\")", a.phoneArm().byLastOutcome().get(0).uptake())),
                a.phoneArm().byCaseState());
        EffectAnalysis analysis = new EffectAnalysis(a.fiscalYear(), a.selectionRunId(), a.cutOff(), a.holdoutShare(), a.dispatchDate(),
                a.counts(), a.figures(), a.crudeOddsRatio(), a.strata(), tampered, a.curves(), a.curvesNotComputedReason());

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(documents.xlsx(run(AnalysisRun.DRAFT), analysis)))) {
            Row row = null;
            for (Row r : book.getSheet("電話の群の内訳")) {
                if (r.getCell(0) != null && "最後の架電結果".equals(r.getCell(0).getStringCellValue())) {
                    row = r;
                }
            }
            assertThat(row).isNotNull();
            assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil.example/\",\"x\")");
            assertThat(row.getCell(1).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(row.getCell(2).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(2).getCellStyle().getQuotePrefixed()).isTrue();
            // no cell anywhere in the workbook is a formula
            for (Sheet sheet : book) {
                for (Row r : sheet) {
                    r.forEach(cell -> assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA));
                }
            }
        }
        // and the CSV of the same figures starts no field with a formula character other than a number's sign
        String csv = new String(documents.csv(run(AnalysisRun.DRAFT), analysis), StandardCharsets.UTF_8);
        assertThat(csv).doesNotContain(",=", ",@", ",+", "\n=", "\n@");
    }

    /** Issue 16: a line resting on fewer than 10 people shows "<10" and "—" in the CSV, the workbook and the PDF. */
    @Test
    void smallCellsAreSuppressedInEveryPublishedTable() throws Exception {
        EffectAnalysis a = analysis(true);
        PhoneArm small = new PhoneArm(a.phoneArm().people(), a.phoneArm().withCallCase(), a.phoneArm().callsMade(),
                a.phoneArm().byReach(), a.phoneArm().byAttempts(),
                List.of(new Descriptive("WRONG_NUMBER", "番号違いの少人数行", Proportion.wilson(3, 7)),
                        new Descriptive("WILL_BOOK", "予約する行", Proportion.wilson(0, 40))),
                a.phoneArm().byCaseState());
        EffectAnalysis analysis = new EffectAnalysis(a.fiscalYear(), a.selectionRunId(), a.cutOff(), a.holdoutShare(), a.dispatchDate(),
                a.counts(), a.figures(), a.crudeOddsRatio(), a.strata(), small, a.curves(), a.curvesNotComputedReason());
        assertThat(small.byLastOutcome()).extracting(Descriptive::suppressed).containsExactly(true, false);
        // the stored figures keep the values for the analyst and mark the line
        assertThat(EffectAnalysisService.JSON.writeValueAsString(analysis)).contains("\"label\":\"番号違いの少人数行\"",
                "\"suppressed\":true");

        String csv = new String(documents.csv(run(AnalysisRun.APPROVED), analysis), StandardCharsets.UTF_8);
        assertThat(csv).contains("電話の群の内訳（記述）,受診率,最後の架電結果：番号違いの少人数行,—,—,—,記述統計（Wilson法の95%信頼区間）（10人未満のため秘匿）,<10,<10")
                .contains("最後の架電結果：予約する行,0.0,");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(documents.xlsx(run(AnalysisRun.APPROVED), analysis)))) {
            Row row = null;
            for (Row r : book.getSheet("電話の群の内訳")) {
                if (r.getCell(1) != null && "番号違いの少人数行".equals(r.getCell(1).getStringCellValue())) {
                    row = r;
                }
            }
            assertThat(row).isNotNull();
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("<10");
            assertThat(row.getCell(5).getStringCellValue()).isEqualTo("—");
        }
        String text = pdfText(documents.pdf(run(AnalysisRun.APPROVED), analysis));
        assertThat(text).contains("番号違いの少人数行<10<10——", "10人未満の人数にもとづく行");
        assertThat(text).doesNotContain("番号違いの少人数行73");
    }
}
