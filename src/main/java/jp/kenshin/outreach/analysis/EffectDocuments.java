package jp.kenshin.outreach.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.analysis.EffectAnalysis.Curve;
import jp.kenshin.outreach.analysis.EffectAnalysis.Descriptive;
import jp.kenshin.outreach.analysis.EffectAnalysis.Stratum;
import jp.kenshin.outreach.analysis.EffectAnalysis.UptakeCurves;
import jp.kenshin.outreach.analysis.EffectFigures.ArmCost;
import jp.kenshin.outreach.analysis.EffectFigures.Costs;
import jp.kenshin.outreach.analysis.EffectFigures.HoldoutFigures;
import jp.kenshin.outreach.analysis.stats.ChiSquareTest;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.MantelHaenszel;
import jp.kenshin.outreach.analysis.stats.Proportion;
import jp.kenshin.outreach.analysis.stats.TwoProportions;
import jp.kenshin.outreach.reports.ReportRenderer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import jp.kenshin.outreach.reports.SpreadsheetCells;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.stereotype.Component;

/**
 * The deliverables of an effect analysis, from its stored figures: the report (Japanese PDF with
 * charts, reports/effect-analysis.jrxml), the figures as CSV (UTF-8 with BOM) and as an Excel workbook.
 * Aggregates only: no row about a person is in any of them.
 */
@Component
public class EffectDocuments {

    private final ReportRenderer renderer;
    /** The ward's zone, in which the report's dates are printed. */
    private final ZoneId ward;

    public EffectDocuments(ReportRenderer renderer, Clock clock) {
        this.renderer = renderer;
        this.ward = clock.getZone();
    }

    // ---- CSV ----

    /** Every figure, one per row (see {@link FigureRows}): UTF-8 with BOM, CRLF, numbers unrounded. */
    public byte[] csv(AnalysisRun run, EffectAnalysis analysis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get())) {
            writer.write('\uFEFF');
            csv.printRecord(SpreadsheetCells.csvRecord(FigureRows.HEADER.toArray()));
            for (FigureRows.Row r : FigureRows.of(run, analysis, true)) {
                csv.printRecord(r.suppressed()
                        ? SpreadsheetCells.csvRecord(r.section(), r.indicator(), r.group(), SmallCells.VALUE, SmallCells.VALUE,
                                SmallCells.VALUE, r.method(), SmallCells.COUNT, SmallCells.COUNT)
                        : SpreadsheetCells.csvRecord(r.section(), r.indicator(), r.group(), text(r.value()), text(r.lower()),
                                text(r.upper()), r.method(), text(r.numerator()), text(r.denominator())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A number as written in the CSV: integers as such, doubles in full (shortest exact) precision, NaN empty. */
    static String text(Number value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            if (d.isNaN()) {
                return "";
            }
            if (d.isInfinite()) {
                return d > 0 ? "Inf" : "-Inf";
            }
            return Double.toString(d);
        }
        if (value instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    // ---- XLSX ----

    /** Sheets: 指標 (every figure), 受診の推移 (curves by day), 電話の群の内訳, 層別の人数. Numbers as numeric cells. */
    public byte[] xlsx(AnalysisRun run, EffectAnalysis analysis) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);

            SpreadsheetCells.Texts texts = new SpreadsheetCells.Texts(book);
            Sheet figures = book.createSheet("指標");
            header(figures, FigureRows.HEADER, bold);
            int r = 1;
            for (FigureRows.Row f : FigureRows.of(run, analysis, false)) {
                Row row = figures.createRow(r++);
                texts.set(row.createCell(0), f.section());
                texts.set(row.createCell(1), f.indicator());
                texts.set(row.createCell(2), f.group());
                if (f.suppressed()) {
                    for (int c : new int[] {3, 4, 5}) {
                        texts.set(row.createCell(c), SmallCells.VALUE);
                    }
                    texts.set(row.createCell(7), SmallCells.COUNT);
                    texts.set(row.createCell(8), SmallCells.COUNT);
                } else {
                    number(row, 3, f.value());
                    number(row, 4, f.lower());
                    number(row, 5, f.upper());
                    number(row, 7, f.numerator());
                    number(row, 8, f.denominator());
                }
                texts.set(row.createCell(6), f.method());
            }
            widths(figures, 36, 34, 34, 14, 14, 14, 60, 10, 10);

            Sheet curves = book.createSheet("受診の推移");
            if (analysis.curves().isPresent()) {
                UptakeCurves c = analysis.curves().get();
                header(curves, FigureRows.curveHeader(c.byArm()), bold);
                for (int day = 0; day <= c.lastDay(); day++) {
                    Row row = curves.createRow(day + 1);
                    row.createCell(0).setCellValue(day);
                    row.createCell(1).setCellValue(c.dispatchDate().plusDays(day).toString());
                    int col = 2;
                    for (Curve curve : c.byArm().values()) {
                        number(row, col++, curve.share(day));
                    }
                    for (Curve curve : c.byArm().values()) {
                        row.createCell(col++).setCellValue(curve.cumulativeAttended().get(day));
                    }
                    for (Curve curve : c.byArm().values()) {
                        row.createCell(col++).setCellValue(curve.people());
                    }
                }
                widths(curves, 10, 12, 20, 20, 20, 20, 20, 20, 12, 12, 12);
            } else {
                texts.set(curves.createRow(0).createCell(0), analysis.curvesNotComputedReason().orElse(""));
            }

            Sheet phone = book.createSheet("電話の群の内訳");
            header(phone, List.of("表", "区分", "コード", "人数", "受診者数", "受診率", "95%下限", "95%上限", "方法"), bold);
            int p = 1;
            for (Map.Entry<String, List<Descriptive>> table : phoneTables(analysis).entrySet()) {
                for (Descriptive d : table.getValue()) {
                    Row row = phone.createRow(p++);
                    texts.set(row.createCell(0), table.getKey());
                    texts.set(row.createCell(1), d.label());
                    texts.set(row.createCell(2), d.code());
                    if (d.suppressed()) {
                        texts.set(row.createCell(3), SmallCells.COUNT);
                        texts.set(row.createCell(4), SmallCells.COUNT);
                        for (int c : new int[] {5, 6, 7}) {
                            texts.set(row.createCell(c), SmallCells.VALUE);
                        }
                    } else {
                        row.createCell(3).setCellValue(d.uptake().trials());
                        row.createCell(4).setCellValue(d.uptake().successes());
                        number(row, 5, d.uptake().estimate());
                        number(row, 6, d.uptake().ci95().lower());
                        number(row, 7, d.uptake().ci95().upper());
                    }
                    row.createCell(8).setCellValue(FigureRows.DESCRIPTIVE);
                }
            }
            widths(phone, 16, 36, 22, 10, 10, 12, 12, 12, 36);

            Sheet strata = book.createSheet("層別の人数");
            header(strata, List.of("性別", "年齢階級", "通知＋電話 人数", "通知＋電話 受診者数", "通知のみ 人数", "通知のみ 受診者数",
                    "比較群 人数", "比較群 受診者数"), bold);
            int s = 1;
            for (Stratum st : analysis.strata()) {
                Row row = strata.createRow(s++);
                row.createCell(0).setCellValue(AnalysisTexts.sex(st.sex()));
                row.createCell(1).setCellValue(st.ageBand());
                long[] counts = {st.callPeople(), st.callAttended(), st.noticeOnlyPeople(), st.noticeOnlyAttended(), st.holdoutPeople(),
                    st.holdoutAttended()};
                for (int c = 0; c < counts.length; c++) {
                    if (SmallCells.suppressed(counts[c])) {
                        texts.set(row.createCell(c + 2), SmallCells.COUNT);
                    } else {
                        row.createCell(c + 2).setCellValue(counts[c]);
                    }
                }
            }
            widths(strata, 8, 10, 16, 18, 16, 18, 14, 16);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<Descriptive>> phoneTables(EffectAnalysis a) {
        Map<String, List<Descriptive>> tables = new java.util.LinkedHashMap<>();
        tables.put("つながり", a.phoneArm().byReach());
        tables.put("架電回数", a.phoneArm().byAttempts());
        tables.put("最後の架電結果", a.phoneArm().byLastOutcome());
        tables.put("架電ケースの状態", a.phoneArm().byCaseState());
        return tables;
    }

    private static void header(Sheet sheet, List<String> names, CellStyle style) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(names.get(i));
            cell.setCellStyle(style);
        }
        sheet.createFreezePane(0, 1);
    }

    /** A numeric cell at full precision; blank for no value or NaN, "∞" for an infinite value. */
    private static void number(Row row, int column, Number value) {
        if (value == null || value instanceof Double d && d.isNaN()) {
            return;
        }
        if (value instanceof Double d && d.isInfinite()) {
            row.createCell(column).setCellValue(d > 0 ? "∞" : "-∞");
            return;
        }
        row.createCell(column).setCellValue(value.doubleValue());
    }

    private static void widths(Sheet sheet, int... characters) {
        for (int i = 0; i < characters.length; i++) {
            sheet.setColumnWidth(i, characters[i] * 256);
        }
    }

    // ---- PDF ----

    /** The report: reports/effect-analysis.jrxml filled with blocks (headings, paragraphs, tables, charts). */
    public byte[] pdf(AnalysisRun run, EffectAnalysis a) {
        Blocks b = new Blocks();
        summary(b, a);
        b.add("BREAK", "");
        b.h("1　主な結果");
        b.add("HEAD", AnalysisTexts.headline(a));
        b.add("NOTE", AnalysisTexts.caveat(a));

        b.h("2　群別の受診率");
        b.t6h("群", "人数", "受診者", "受診率", "95%信頼区間", "方法");
        List<String> labels = new ArrayList<>();
        List<Proportion> shown = new ArrayList<>();
        a.figures().byArm().forEach((arm, p) -> {
            b.proportion(AnalysisTexts.arm(arm), p);
            labels.add(AnalysisTexts.chartLabel(arm));
            shown.add(p);
        });
        if (a.withHoldout()) {
            b.proportion(AnalysisTexts.NOTICE_GROUP, a.figures().noticeOnly());
            labels.add(AnalysisTexts.NOTICE_GROUP_SHORT);
            shown.add(a.figures().noticeOnly());
        }
        b.chart(new AnalysisCharts.Uptake(labels, shown.stream().mapToDouble(Proportion::estimate).toArray(),
                shown.stream().mapToDouble(p -> p.ci95().lower()).toArray(), shown.stream().mapToDouble(p -> p.ci95().upper()).toArray()));

        b.h("3　電話の効果の比較");
        if (a.withHoldout()) {
            HoldoutFigures h = a.figures().holdout().get();
            b.add("H3", "3.1　ランダム化比較：通知＋電話 対 電話しない比較群（主な結果）");
            comparison(b, h.intentionToTreat());
            mantelHaenszel(b, h.stratified(), "層別（性別×5歳年齢階級）");
            b.t6("電話がつながった割合", AnalysisTexts.percent(h.reachedShare().estimate()), "", "",
                    AnalysisTexts.percentInterval(h.reachedShare().ci95()), h.reachedShare().method());
            b.t6("電話がつながった人での効果（ポイント）", AnalysisTexts.points(h.effectAmongReached().value()), "", "",
                    AnalysisTexts.pointsInterval(h.effectAmongReached().ci95()), h.effectAmongReached().method());
            b.add("H3", "3.2　通知＋電話 対 通知のみ群 計（参考：群の違いを含む）");
        } else {
            b.add("H3", "通知＋電話 対 通知のみ");
        }
        comparison(b, a.figures().crude());
        b.add("NOTE", a.withHoldout() ? AnalysisTexts.referenceComparison() : AnalysisTexts.caveat(a));

        b.h("4　粗の値と、性別・年齢をそろえた値");
        b.add("P", "通知＋電話の群と" + (a.withHoldout() ? AnalysisTexts.NOTICE_GROUP : "通知のみの群") + "の比較を、調整なし（粗）、性別×5歳年齢階級で層別（Mantel–Haenszel法）、"
                + "ロジスティック回帰で性別・年齢階級を調整、の三通りで並べます。括弧内は95%信頼区間です。");
        b.t4h("指標", "粗（調整なし）", "層別（Mantel–Haenszel）", "調整（ロジスティック回帰）");
        MantelHaenszel mh = a.figures().stratified();
        b.t4("受診率の差（ポイント）", AnalysisTexts.pointsWithInterval(a.figures().crude().difference()),
                AnalysisTexts.pointsWithInterval(mh.riskDifference()), "－（オッズ比で示します）");
        b.t4("オッズ比", a.crudeOddsRatio().map(AnalysisTexts::ratioWithInterval).orElse("推定できません"),
                AnalysisTexts.ratioWithInterval(mh.oddsRatio()),
                a.figures().regression().callOddsRatio().map(AnalysisTexts::ratioWithInterval).orElse("推定できません"));
        b.t4("受診率の比", AnalysisTexts.ratioWithInterval(a.figures().crude().ratio()), "－", "－");
        b.t4("差がないとしたときのp値", AnalysisTexts.pValue(a.figures().crude().chiSquare().pValue()) + "（カイ二乗検定）",
                AnalysisTexts.pValue(mh.chiSquare().pValue()) + "（MHカイ二乗検定）",
                a.figures().regression().fit().map(f -> AnalysisTexts.pValue(f.coefficient("call").pValue()) + "（Wald検定）")
                        .orElse("－"));
        b.add("P", "方法：粗の差は" + a.figures().crude().difference().method() + "、粗のオッズ比は" + EffectAnalysisService.CRUDE_ODDS_RATIO_METHOD
                + "、層別は" + mh.oddsRatio().method() + "、" + mh.riskDifference().method() + "、" + mh.chiSquare().method()
                + "（比べられた層 " + mh.informativeStrata() + "、一方の群に人がいないため除いた層 " + mh.uninformativeStrata() + "）、調整は"
                + a.figures().regression().fit().map(f -> f.method()).orElse("ロジスティック回帰") + "、モデル "
                + a.figures().regression().model() + "。"
                + a.figures().regression().notEstimableReason().map(r -> "調整オッズ比：" + r).orElse(""));

        b.h("5　この分析で言えること・言えないこと");
        AnalysisTexts.canAndCannot(a).forEach(p -> b.add("P", p));

        b.h("6　差出日からの受診の推移");
        if (a.curves().isPresent()) {
            UptakeCurves c = a.curves().get();
            b.add("P", "差出日：" + ReportRenderer.eraDate(c.dispatchDate()) + "。" + AnalysisTexts.curves());
            List<String> curveLabels = new ArrayList<>();
            List<double[]> shares = new ArrayList<>();
            c.byArm().forEach((arm, curve) -> {
                curveLabels.add(AnalysisTexts.chartLabel(arm));
                double[] s = new double[c.lastDay() + 1];
                for (int day = 0; day <= c.lastDay(); day++) {
                    s[day] = curve.share(day);
                }
                shares.add(s);
            });
            b.chart(new AnalysisCharts.Curves(curveLabels, shares.toArray(double[][]::new)));
            int[] days = {30, 60, 90, 180};
            b.t6h("群", "30日", "60日", "90日", "180日", "締切日（" + c.lastDay() + "日）");
            c.byArm().forEach((arm, curve) -> {
                String[] cells = new String[5];
                for (int i = 0; i < 4; i++) {
                    cells[i] = days[i] > c.lastDay() ? "－" : SmallCells.suppressed(curve.cumulativeAttended().get(days[i]))
                            ? SmallCells.VALUE : AnalysisTexts.percent(curve.share(days[i]));
                }
                cells[4] = SmallCells.suppressed(curve.cumulativeAttended().get(c.lastDay())) ? SmallCells.VALUE
                        : AnalysisTexts.percent(curve.share(c.lastDay()));
                b.t6(AnalysisTexts.arm(arm), cells[0], cells[1], cells[2], cells[3], cells[4]);
            });
        } else {
            b.add("P", a.curvesNotComputedReason().orElse(""));
        }

        b.h("7　返戻はがき（宛所不明）");
        b.add("P", AnalysisTexts.returnedCards());
        EffectFigures.ReturnedCards returned = a.figures().returnedCards();
        b.t6h("群", "人数", "返戻数", "返戻の割合", "", "");
        returned.byArm().forEach((arm, n) -> {
            long people = a.figures().byArm().get(arm).trials();
            boolean small = SmallCells.suppressed(n);
            b.t6(AnalysisTexts.arm(arm), AnalysisTexts.count(people), small ? SmallCells.COUNT : AnalysisTexts.count(n),
                    small ? SmallCells.VALUE : AnalysisTexts.percent((double) n / people), "", "");
        });
        b.t6("計", AnalysisTexts.count(a.counts().targets()), AnalysisTexts.count(returned.total()),
                AnalysisTexts.percent((double) returned.total() / a.counts().targets()), "", "");
        if (returned.excludingReturned().isPresent()) {
            b.add("H3", "返戻を含む比較と返戻を除いた比較（通知＋電話 対 通知のみ群 計）");
            b.t4h("指標", "返戻を含む（全員）", "返戻を除く（参考）", "");
            TwoProportions all = a.figures().crude();
            TwoProportions delivered = returned.excludingReturned().get().crude();
            b.t4("受診率（通知＋電話）", AnalysisTexts.rate(all.first()), AnalysisTexts.rate(delivered.first()), "");
            b.t4("受診率（通知のみ群 計）", AnalysisTexts.rate(all.second()), AnalysisTexts.rate(delivered.second()), "");
            b.t4("受診率の差（ポイント）", AnalysisTexts.pointsWithInterval(all.difference()), AnalysisTexts.pointsWithInterval(delivered.difference()), "");
            b.t4("受診率の比", AnalysisTexts.ratioWithInterval(all.ratio()), AnalysisTexts.ratioWithInterval(delivered.ratio()), "");
            b.t4("MHオッズ比（層別）", AnalysisTexts.ratioWithInterval(a.figures().stratified().oddsRatio()),
                    AnalysisTexts.ratioWithInterval(returned.excludingReturned().get().stratified().oddsRatio()), "");
            b.t4("MHリスク差（ポイント）", AnalysisTexts.pointsWithInterval(a.figures().stratified().riskDifference()),
                    AnalysisTexts.pointsWithInterval(returned.excludingReturned().get().stratified().riskDifference()), "");
        } else {
            b.add("P", returned.notComputedReason().orElse(""));
        }

        b.h("8　費用");
        if (a.figures().costs().isPresent()) {
            Costs c = a.figures().costs().get();
            b.add("P", "単価：はがき1通 " + yen(c.unitCosts().perCard()) + "、電話1回 " + yen(c.unitCosts().perCall()) + "。架電数 "
                    + AnalysisTexts.count(c.callsMade()) + " 回。" + AnalysisTexts.costs(a));
            b.t6h("群", "はがき", "電話", "費用", "受診者1人当たり", "");
            c.byArm().forEach((arm, cost) -> armCost(b, AnalysisTexts.arm(arm), cost));
            armCost(b, AnalysisTexts.NOTICE_GROUP, c.noticeOnly());
            EffectFigures.CostPerAdditionalAttendee p = c.perAdditionalAttendee();
            b.t6("追加受診者1人当たりの電話費用", "", "", yen(p.callCost()), p.value().map(EffectDocuments::yen).orElse("－"),
                    p.basis() + "：差 " + AnalysisTexts.points(p.difference()) + " ポイント、追加受診者 "
                            + AnalysisTexts.number(p.additionalAttendees(), 1) + " 人" + p.notComputedReason().map(r -> "。" + r).orElse(""));
        } else {
            b.add("P", "はがき1通と電話1回の単価が入力されていないため、費用は計算していません。");
        }

        b.h("9　電話の群の内訳（記述）");
        b.add("P", AnalysisTexts.phoneArm() + "電話の群 " + AnalysisTexts.count(a.phoneArm().people()) + " 人のうち架電ケースのある人 "
                + AnalysisTexts.count(a.phoneArm().withCallCase()) + " 人、架電数 " + AnalysisTexts.count(a.phoneArm().callsMade()) + " 回。");
        phoneTables(a).forEach((table, lines) -> {
            if (!lines.isEmpty()) {
                b.t6h(table, "人数", "受診者", "受診率", "95%信頼区間", "");
                lines.forEach(d -> b.proportion(d.label(), d.uptake(), "", d.suppressed()));
            }
        });

        b.h("10　性別・年齢階級別の受診者数／人数");
        b.t4h("層", "通知＋電話", "通知のみ", a.withHoldout() ? "電話しない比較群" : "");
        for (Stratum s : a.strata()) {
            b.t4(AnalysisTexts.sex(s.sex()) + " " + s.ageBand() + "歳", fraction(s.callAttended(), s.callPeople()),
                    fraction(s.noticeOnlyAttended(), s.noticeOnlyPeople()),
                    a.withHoldout() ? fraction(s.holdoutAttended(), s.holdoutPeople()) : "");
        }

        a.healthYield().ifPresent(y -> healthYield(b, y));
        a.segments().ifPresent(s -> segments(b, s));

        a.callPriority().ifPresent(c -> callPriority(b, c));

        b.h((a.healthYield().isPresent() ? (a.callPriority().isPresent() ? "14" : "13") : "11") + "　方法");
        AnalysisTexts.methods(a).forEach(p -> b.add("P", p));
        b.add("P", "小さな集計の秘匿：" + SmallCells.MIN + "人未満の人数にもとづく行（群の人数が10人未満、または表示する人数が1～9人）は、人数を「"
                + SmallCells.COUNT + "」、割合・推定値・信頼区間を「" + SmallCells.VALUE + "」と表示します（0人は表示します）。");

        Map<String, Object> parameters = new HashMap<>();
        parameters.put("title", ReportRenderer.eraFiscalYear(a.fiscalYear()) + " 特定健康診査 受診勧奨 効果分析報告書");
        parameters.put("subtitle", "分析番号 " + run.id() + "　結果の締切日 " + ReportRenderer.eraDate(a.cutOff()) + "　対象者 "
                + AnalysisTexts.count(a.counts().targets()) + " 人　作成日 " + ReportRenderer.eraDate(run.createdAt().atZone(ward).toLocalDate()));
        parameters.put("status", AnalysisRun.APPROVED.equals(run.status()) || run.approvedAt() != null
                ? "区の承認：" + ReportRenderer.eraDate(run.approvedAt().atZone(ward).toLocalDate())
                        + (AnalysisRun.SUPERSEDED.equals(run.status()) ? "（後の分析に置き換え済み）" : "")
                : AnalysisRun.SUPERSEDED.equals(run.status()) ? "後の分析に置き換えられた案" : "案（区の承認前）");
        parameters.put("footer", "個人を特定する情報は含みません（集計値のみ）。");
        return renderer.pdf("effect-analysis", parameters, b.rows);
    }

    private static void healthYield(Blocks b, HealthYield y) {
        b.h("11　健診で見つかったこと（受診者の保健指導レベル）");
        b.add("P", "締切日までの受診者について、健診結果の保健指導レベルを群ごとに示します。レベルの記載がない人は、測定項目（腹囲・BMI、血圧、"
                + "脂質、血糖・HbA1c）から厚生労働省の階層化の基準でレベルとリスク因子の数を推定しました。" + String.join("", y.notes()));
        y.byArm().forEach((arm, a) -> {
            b.add("H3", AnalysisTexts.arm(arm) + "（対象者 " + (SmallCells.suppressed(a.people()) ? SmallCells.COUNT : AnalysisTexts.count(a.people()))
                    + " 人、受診者 " + (SmallCells.suppressed(a.attendees()) ? SmallCells.COUNT : AnalysisTexts.count(a.attendees())) + " 人）");
            if (a.attendees() == 0) {
                return;
            }
            b.t6h("保健指導レベル", "受診者", "人数", "割合", "95%信頼区間", "");
            for (List<HealthYield.LevelLine> table : List.of(a.recorded(), a.derived())) {
                table.forEach(l -> b.proportion(l.label(), l.share(), "", l.suppressed()));
            }
            b.proportion("保健指導が必要な人（記録＋推定）÷対象者", a.needingGuidance(), "",
                    SmallCells.suppressed(a.needingGuidance().successes(), a.needingGuidance().trials()));
        });
        y.gain().ifPresent(g -> {
            b.add("H3", "保健指導が必要な人の発見：" + (EffectAnalysis.Headline.ITT.equals(g.basis()) ? "通知＋電話 対 電話しない比較群（ITT）"
                    : "通知＋電話 対 通知のみ群 計（参考：群の違いを含む）"));
            b.t6h("指標", "値", "95%下限", "95%上限", "", "方法");
            b.t6("割合の差（ポイント）", AnalysisTexts.points(g.comparison().difference().value()),
                    AnalysisTexts.points(g.comparison().difference().ci95().lower()),
                    AnalysisTexts.points(g.comparison().difference().ci95().upper()), "", g.comparison().difference().method());
            b.t6("電話で追加で見つかった人数", AnalysisTexts.number(g.additionalFound().value(), 1),
                    AnalysisTexts.number(g.additionalFound().ci95().lower(), 1), AnalysisTexts.number(g.additionalFound().ci95().upper(), 1), "", "");
            b.t6("見つかった人（架電1,000回当たり、通知＋電話の群）", AnalysisTexts.number(g.foundPer1000Calls(), 1), "", "", "", "");
            b.t6("追加で見つかった人（架電1,000回当たり）", AnalysisTexts.number(g.additionalPer1000Calls().value(), 1),
                    AnalysisTexts.number(g.additionalPer1000Calls().ci95().lower(), 1),
                    AnalysisTexts.number(g.additionalPer1000Calls().ci95().upper(), 1), "", "");
            g.callCostPerAdditionalFound().ifPresent(e -> b.t6("追加で見つかった1人当たりの電話費用", yen(BigDecimal.valueOf(e.value())),
                    yen(BigDecimal.valueOf(e.ci95().lower())), Double.isNaN(e.ci95().upper()) ? "上限なし" : yen(BigDecimal.valueOf(e.ci95().upper())),
                    "", e.method()));
        });
    }

    /**
     * Page 1: what a ward manager reads in a minute — attendance gained by the calls, people needing guidance found, cost
     * per attendee, next year's proposal. Aggregates only, every figure with its 95% interval where it is an estimate.
     */
    private static void summary(Blocks b, EffectAnalysis a) {
        EffectAnalysis.Headline h = a.headline();
        boolean itt = EffectAnalysis.Headline.ITT.equals(h.basis());
        long callArm = h.treated().trials();
        b.h("要約（1ページ）");
        b.add("HEAD", "電話で増えた受診者：約 " + AnalysisTexts.number(h.difference().value() * callArm, 0) + " 人（95%信頼区間 "
                + AnalysisTexts.number(h.difference().ci95().lower() * callArm, 0) + "～"
                + AnalysisTexts.number(h.difference().ci95().upper() * callArm, 0) + " 人）");
        b.add("P", itt ? "電話をかける群と、乱数で選んだ電話しない比較群の受診率の差に、電話をかける群の人数（"
                + AnalysisTexts.count(callArm) + " 人）を掛けた値です（ランダム化比較）。"
                : "電話しない比較群がないため、通知＋電話の群と通知のみの群の差から計算した参考値です（電話の効果そのものではありません）。");
        b.add("H3", "数字で見る");
        b.add("P", "・受診率：" + (itt ? "電話する群 " : "通知＋電話 ") + AnalysisTexts.percent(h.treated().estimate()) + "、"
                + (itt ? "比較群 " : "通知のみ ") + AnalysisTexts.percent(h.comparison().estimate()) + "（差 "
                + AnalysisTexts.pointsWithInterval(h.difference()) + "、締切日 " + ReportRenderer.eraDate(a.cutOff()) + " までの受診）");
        a.healthYield().flatMap(HealthYield::gain).ifPresent(g -> b.add("P", "・保健指導が必要な人の追加の発見："
                + AnalysisTexts.number(g.additionalFound().value(), 1) + " 人（95%信頼区間 "
                + AnalysisTexts.number(g.additionalFound().ci95().lower(), 1) + "～" + AnalysisTexts.number(g.additionalFound().ci95().upper(), 1)
                + " 人）、電話1,000回当たり " + AnalysisTexts.number(g.additionalPer1000Calls().value(), 1) + " 人（"
                + AnalysisTexts.number(g.additionalPer1000Calls().ci95().lower(), 1) + "～"
                + AnalysisTexts.number(g.additionalPer1000Calls().ci95().upper(), 1) + " 人）。積極的支援・動機付け支援（記載または測定値から推定）、架電 "
                + AnalysisTexts.count(g.callsMade()) + " 回"));
        a.figures().costs().ifPresentOrElse(c -> b.add("P", "・増えた受診者1人当たりの電話の費用："
                + c.perAdditionalAttendee().value().map(v -> AnalysisTexts.count(v.longValue()) + " 円（電話の費用 "
                        + AnalysisTexts.count(c.perAdditionalAttendee().callCost().longValue()) + " 円 ÷ 増えた受診者）")
                        .orElse("計算できません（" + c.perAdditionalAttendee().notComputedReason().orElse("") + "）")),
                () -> b.add("P", "・増えた受診者1人当たりの電話の費用：単価の入力がないため計算していません"));
        b.add("H3", "翌年度の提案（区の承認前の計算）");
        a.callPriority().ifPresentOrElse(c -> {
            List<String> top = c.rows().stream().filter(CallPriority.Row::proposed).filter(r -> !r.suppressed()).limit(5)
                    .map(CallPriority.Row::label).toList();
            b.add("P", "電話1回当たりの追加受診が多い層から、今年度と同じ架電数（" + AnalysisTexts.count(c.budget()) + " 回）の範囲で電話すると、"
                    + "架電 " + AnalysisTexts.number(c.plannedCalls(), 0) + " 回で追加の受診者 " + AnalysisTexts.number(c.plannedGain(), 1)
                    + " 人の見込みです（電話番号のある人全員に電話すると架電 " + AnalysisTexts.number(c.everyoneCalls(), 0) + " 回で "
                    + AnalysisTexts.number(c.everyoneGain(), 1) + " 人）。"
                    + (top.isEmpty() ? "" : "優先する層：" + String.join("、", top) + "。")
                    + "区が承認した計画は決定表として登録され、翌年度の対象者抽出が使います（電話しない比較群を残し、翌年度に計画を確かめます）。");
        }, () -> b.add("P", "層ごとの推定ができないため、翌年度も電話番号のある人全員に電話する案です。"));
        b.add("NOTE", AnalysisTexts.caveat(a));
    }

    private static void callPriority(Blocks b, CallPriority c) {
        b.h("13　翌年度の架電の優先順位（計算結果。区の承認前の参考）");
        b.add("P", "性別×年齢階級ごとの縮小推定（受診率の差）を1人当たりの架電数で割り、架電1回当たりの追加受診者の多い順に並べました。"
                + "架電数の予算 " + AnalysisTexts.count(c.budget()) + " 回（今年度の架電数）の範囲に入る層に「予算内」と記します。"
                + "予算内の層だけに架電した場合の見込み：架電 " + AnalysisTexts.number(c.plannedCalls(), 0) + " 回、追加受診者 "
                + AnalysisTexts.number(c.plannedGain(), 1) + " 人。電話のある全員に架電した場合：架電 " + AnalysisTexts.number(c.everyoneCalls(), 0)
                + " 回、追加受診者 " + AnalysisTexts.number(c.everyoneGain(), 1) + " 人。");
        b.t6h("順位・層", "架電1回当たり", "95%信頼区間", "1人当たり架電数", "見込みの追加受診者", "予算");
        for (CallPriority.Row r : c.rows()) {
            if (r.suppressed()) { // a stratum of fewer than 10 people: its figures are left out, as in every table
                b.t6(r.rank() + "　" + r.label(), SmallCells.VALUE, SmallCells.VALUE, SmallCells.VALUE, SmallCells.VALUE,
                        r.proposed() ? "予算内" : "－");
                continue;
            }
            b.t6(r.rank() + "　" + r.label(), AnalysisTexts.number(r.gainPerCall().value(), 4),
                    AnalysisTexts.number(r.gainPerCall().ci95().lower(), 4) + "～" + AnalysisTexts.number(r.gainPerCall().ci95().upper(), 4),
                    AnalysisTexts.number(r.callsPerPerson(), 2), AnalysisTexts.number(r.expectedGain(), 1), r.proposed() ? "予算内" : "－");
        }
    }

    private static void segments(Blocks b, SegmentEffects s) {
        b.h("12　層別の効果（だれに電話が効いたか）");
        b.add("P", "通知＋電話の群と" + (EffectAnalysis.Headline.ITT.equals(s.basis()) ? "電話しない比較群" : "通知のみ群 計（参考）")
                + "の受診率の差を層ごとに示します。層の差がどれだけ偶然で説明できるかを、オッズ比についてBreslow–Day検定（Taroneの補正）、"
                + "受診率の差についてCochranのQ検定で調べました。縮小推定は変量効果モデル（DerSimonian–Laird法）の経験ベイズ推定（BLUP）で、"
                + "人数の少ない層の推定値を全体の値に引き寄せ、偶然のばらつきで翌年度の計画が左右されないようにします。");
        for (SegmentEffects.Segmentation seg : s.segmentations()) {
            b.add("H3", seg.label());
            b.t6h("層", "通知＋電話", "比較した群", "受診率の差（ポイント）", "縮小推定（ポイント）", "");
            for (SegmentEffects.Segment g : seg.segments()) {
                if (g.suppressed()) {
                    b.t6(g.label(), SmallCells.COUNT, SmallCells.COUNT, SmallCells.VALUE,
                            g.shrunken().map(AnalysisTexts::pointsWithInterval).orElse("－"), "");
                } else {
                    b.t6(g.label(), fraction(g.callAttended(), g.callPeople()), fraction(g.comparisonAttended(), g.comparisonPeople()),
                            g.difference().map(AnalysisTexts::pointsWithInterval).orElse("－"),
                            g.shrunken().map(AnalysisTexts::pointsWithInterval).orElse("－"), "");
                }
            }
            String bd = seg.breslowDay().map(t -> "Breslow–Day χ² = " + AnalysisTexts.number(t.statistic(), 3) + "（自由度" + t.degreesOfFreedom()
                    + "）、p = " + AnalysisTexts.pValue(t.pValue())).orElse("Breslow–Day検定：比べられる層が2つ未満");
            String q = seg.meta().map(m -> "CochranのQ = " + AnalysisTexts.number(m.cochranQ().statistic(), 3) + "（自由度"
                    + m.cochranQ().degreesOfFreedom() + "）、p = " + AnalysisTexts.pValue(m.cochranQ().pValue()) + "、変量効果の差 "
                    + AnalysisTexts.pointsWithInterval(m.randomEffects()) + " ポイント、τ² = " + AnalysisTexts.number(m.tau2(), 6) + "、I² = "
                    + AnalysisTexts.number(m.i2(), 1) + "%").orElse("CochranのQ：モデルに入る層が2つ未満");
            b.add("P", bd + "。" + q + "。");
        }
    }

    private static void comparison(Blocks b, TwoProportions t) {
        b.t6h("指標", "値", "95%下限", "95%上限", "p値", "方法");
        b.t6("受診率の差（ポイント）", AnalysisTexts.points(t.difference().value()), AnalysisTexts.points(t.difference().ci95().lower()),
                AnalysisTexts.points(t.difference().ci95().upper()), AnalysisTexts.pValue(t.chiSquare().pValue()), t.difference().method());
        estimate(b, "受診率の比", t.ratio(), "");
        chiSquare(b, "カイ二乗検定", t.chiSquare());
    }

    private static void mantelHaenszel(Blocks b, MantelHaenszel mh, String label) {
        estimate(b, "MHオッズ比（" + label + "）", mh.oddsRatio(), AnalysisTexts.pValue(mh.chiSquare().pValue()));
        Estimate rd = mh.riskDifference();
        b.t6("MHリスク差（ポイント）", AnalysisTexts.points(rd.value()), AnalysisTexts.points(rd.ci95().lower()),
                AnalysisTexts.points(rd.ci95().upper()), "", rd.method());
        chiSquare(b, "MHカイ二乗検定", mh.chiSquare());
    }

    private static void estimate(Blocks b, String label, Estimate e, String p) {
        b.t6(label, AnalysisTexts.number(e.value(), 3), AnalysisTexts.number(e.ci95().lower(), 3), AnalysisTexts.number(e.ci95().upper(), 3),
                p, e.method());
    }

    private static void chiSquare(Blocks b, String label, ChiSquareTest t) {
        b.t6(label + "（χ²）", AnalysisTexts.number(t.statistic(), 3), "", "", AnalysisTexts.pValue(t.pValue()), t.method());
    }

    private static void armCost(Blocks b, String group, ArmCost cost) {
        b.t6(group, AnalysisTexts.count(cost.cards()), AnalysisTexts.count(cost.calls()), yen(cost.total()),
                cost.perAttendee().map(EffectDocuments::yen).orElse("－"), "");
    }

    private static String yen(BigDecimal amount) {
        return String.format(java.util.Locale.ROOT, "%,.0f円", amount);
    }

    private static String fraction(long attended, long people) {
        if (SmallCells.suppressed(attended, people)) {
            return SmallCells.COUNT + "（" + SmallCells.VALUE + "）";
        }
        return people == 0 ? "－" : AnalysisTexts.count(attended) + "/" + AnalysisTexts.count(people) + "（"
                + AnalysisTexts.percent((double) attended / people) + "）";
    }

    /** The report's content as a list of blocks, each printed by the band of its kind. */
    private static final class Blocks {
        final List<Map<String, ?>> rows = new ArrayList<>();

        void add(String kind, String text) {
            Map<String, Object> row = new HashMap<>();
            row.put("kind", kind);
            row.put("text", text);
            rows.add(row);
        }

        void h(String text) {
            add("H2", text);
        }

        void t6h(String... cells) {
            cells("T6H", cells);
        }

        void t6(String... cells) {
            cells("T6", cells);
        }

        void t4h(String... cells) {
            cells("T4H", cells);
        }

        void t4(String... cells) {
            cells("T4", cells);
        }

        void proportion(String label, Proportion p) {
            proportion(label, p, p.method());
        }

        void proportion(String label, Proportion p, String method, boolean suppressed) {
            if (suppressed) {
                t6(label, SmallCells.COUNT, SmallCells.COUNT, SmallCells.VALUE, SmallCells.VALUE, method);
            } else {
                proportion(label, p, method);
            }
        }

        void proportion(String label, Proportion p, String method) {
            t6(label, AnalysisTexts.count(p.trials()), AnalysisTexts.count(p.successes()), AnalysisTexts.percent(p.estimate()),
                    AnalysisTexts.percentInterval(p.ci95()), method);
        }

        private void cells(String kind, String... cells) {
            Map<String, Object> row = new HashMap<>();
            row.put("kind", kind);
            for (int i = 0; i < cells.length; i++) {
                row.put("c" + (i + 1), cells[i]);
            }
            rows.add(row);
        }

        void chart(net.sf.jasperreports.renderers.Renderable chart) {
            Map<String, Object> row = new HashMap<>();
            row.put("kind", "CHART");
            row.put("chart", chart);
            rows.add(row);
        }
    }
}
