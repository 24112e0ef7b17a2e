package jp.kenshin.outreach.inquiry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import jp.kenshin.outreach.calling.CallReports;
import jp.kenshin.outreach.calling.CallReports.OperatorCalls;
import jp.kenshin.outreach.calling.CallingProperties;
import jp.kenshin.outreach.reports.TableReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The desk's reports (inquiries by category and day) and the work of each operator (calls and inquiries). */
@Service
public class InquiryReports {

    /** One day's inquiries by category, and how many went to the ward. */
    public record Day(LocalDate day, Map<InquiryCategory, Long> byCategory, long escalated, long unanswered) {
        public long total() {
            return byCategory.values().stream().mapToLong(Long::longValue).sum() + unanswered;
        }
    }

    /** One operator's day's work: calls and inquiries. */
    public record OperatorWork(String operator, long calls, long reached, long inquiries, long escalated, long days,
            LocalDate first, LocalDate last) {
    }

    private final JdbcTemplate jdbc;
    private final CallReports calls;
    private final CallingProperties properties;

    public InquiryReports(JdbcTemplate jdbc, CallReports calls, CallingProperties properties) {
        this.jdbc = jdbc;
        this.calls = calls;
        this.properties = properties;
    }

    public List<Day> byDay(int fiscalYear) {
        Map<LocalDate, Map<InquiryCategory, Long>> days = new TreeMap<>();
        Map<LocalDate, long[]> extra = new TreeMap<>();
        jdbc.query("""
                select (received_at at time zone ?)::date, category, count(*), count(*) filter (where escalated)
                from inquiry where fiscal_year = ? group by 1, 2 order by 1""",
                rs -> {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    String category = rs.getString(2);
                    Map<InquiryCategory, Long> counts = days.computeIfAbsent(day, k -> new EnumMap<>(InquiryCategory.class));
                    long[] e = extra.computeIfAbsent(day, k -> new long[2]);
                    if (category == null) {
                        e[1] += rs.getLong(3);
                    } else {
                        counts.put(InquiryCategory.valueOf(category), rs.getLong(3));
                    }
                    e[0] += rs.getLong(4);
                }, properties.zone().getId(), fiscalYear);
        List<Day> list = new ArrayList<>();
        days.forEach((day, counts) -> list.add(new Day(day, counts, extra.get(day)[0], extra.get(day)[1])));
        return list;
    }

    public List<OperatorWork> byOperator(int fiscalYear) {
        Map<String, OperatorCalls> callWork = new TreeMap<>();
        for (OperatorCalls c : calls.byOperator(fiscalYear)) {
            callWork.put(c.operator(), c);
        }
        Map<String, long[]> desk = new TreeMap<>();
        Map<String, TreeSet<LocalDate>> days = new TreeMap<>();
        callWork.forEach((operator, c) -> days.put(operator, new TreeSet<>(c.days())));
        jdbc.query("""
                select received_by, (received_at at time zone ?)::date, count(*), count(*) filter (where escalated)
                from inquiry where fiscal_year = ? group by 1, 2""",
                rs -> {
                    long[] d = desk.computeIfAbsent(rs.getString(1), k -> new long[2]);
                    d[0] += rs.getLong(3);
                    d[1] += rs.getLong(4);
                    days.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getObject(2, LocalDate.class));
                }, properties.zone().getId(), fiscalYear);
        List<OperatorWork> work = new ArrayList<>();
        days.forEach((operator, worked) -> {
            OperatorCalls c = callWork.get(operator);
            long[] d = desk.getOrDefault(operator, new long[2]);
            work.add(new OperatorWork(operator, c == null ? 0 : c.attempts(), c == null ? 0 : c.reached(), d[0], d[1], worked.size(),
                    worked.first(), worked.last()));
        });
        return work;
    }

    /** 問い合わせ 分類別・日別件数. */
    public byte[] byCategoryPdf(int fiscalYear) {
        TableReport t = new TableReport().section("日別・分類別の問い合わせ件数");
        List<String> heads = new ArrayList<>();
        for (InquiryCategory c : InquiryCategory.values()) {
            heads.add(c.label());
        }
        heads.addAll(List.of("未回答", "合計", "区へ引継ぎ"));
        t.head("受付日", heads);
        Map<InquiryCategory, Long> totals = new EnumMap<>(InquiryCategory.class);
        long unanswered = 0;
        long escalated = 0;
        for (Day d : byDay(fiscalYear)) {
            List<String> v = new ArrayList<>();
            for (InquiryCategory c : InquiryCategory.values()) {
                long n = d.byCategory().getOrDefault(c, 0L);
                totals.merge(c, n, Long::sum);
                v.add(Long.toString(n));
            }
            v.addAll(List.of(Long.toString(d.unanswered()), Long.toString(d.total()), Long.toString(d.escalated())));
            unanswered += d.unanswered();
            escalated += d.escalated();
            t.row(d.day().toString(), v);
        }
        List<String> total = new ArrayList<>();
        for (InquiryCategory c : InquiryCategory.values()) {
            total.add(Long.toString(totals.getOrDefault(c, 0L)));
        }
        long all = totals.values().stream().mapToLong(Long::longValue).sum() + unanswered;
        total.addAll(List.of(Long.toString(unanswered), Long.toString(all), Long.toString(escalated)));
        t.row("合計", total);
        t.note("「今後の連絡停止」は、その人の電話勧奨を終え、今年度の連絡から外したものです。住所変更は区の担当課へ引き継いでいます。");
        return calls.render("問い合わせ 分類別・日別件数", fiscalYear, t);
    }

    /** 取扱者別 作業件数. */
    public byte[] byOperatorPdf(int fiscalYear) {
        TableReport t = new TableReport().section("取扱者別の作業件数");
        t.head("取扱者", List.of("架電", "通話", "通話率", "問い合わせ", "区へ引継ぎ", "作業日数", "最初の作業日", "最後の作業日"));
        for (OperatorWork w : byOperator(fiscalYear)) {
            t.row(w.operator(), List.of(Long.toString(w.calls()), Long.toString(w.reached()), TableReport.percent(w.reached(), w.calls()),
                    Long.toString(w.inquiries()), Long.toString(w.escalated()), Long.toString(w.days()),
                    w.first() == null ? "" : w.first().toString(), w.last() == null ? "" : w.last().toString()));
        }
        t.note("取扱者はユーザーIDで示します。作業日数は架電または問い合わせ対応をした日の数です。");
        return calls.render("取扱者別 作業件数", fiscalYear, t);
    }
}
