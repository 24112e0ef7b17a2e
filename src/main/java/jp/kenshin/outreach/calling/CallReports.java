package jp.kenshin.outreach.calling;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.kenshin.outreach.reports.ReportRenderer;
import jp.kenshin.outreach.reports.TableReport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** The contractor's and the ward's view of the calls: counts only, by day, time band, outcome and operator. */
@Service
public class CallReports {

    /** One day's calls: attempts and people reached, by band, and attempts by outcome. */
    public record Day(LocalDate day, Map<TimeBand, long[]> byBand, Map<CallOutcome, Long> byOutcome) {
        public long attempts() {
            return byBand.values().stream().mapToLong(v -> v[0]).sum();
        }

        public long reached() {
            return byBand.values().stream().mapToLong(v -> v[1]).sum();
        }
    }

    /** One operator's calls, and the days (in the ward's time zone) they called on. */
    public record OperatorCalls(String operator, long attempts, long reached, java.util.SortedSet<LocalDate> days) {
    }

    /** The year's calls at a glance. */
    public record Progress(int fiscalYear, Map<CaseState, Long> casesByState, List<Day> days, long attempts, long reached) {
    }

    private final JdbcTemplate jdbc;
    private final ReportRenderer renderer;
    private final CallingProperties properties;
    private final Clock clock;

    public CallReports(JdbcTemplate jdbc, ReportRenderer renderer, CallingProperties properties, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.renderer = renderer;
        this.properties = properties;
    }

    public Progress progress(int fiscalYear) {
        Map<CaseState, Long> states = new EnumMap<>(CaseState.class);
        for (CaseState s : CaseState.values()) {
            states.put(s, 0L);
        }
        jdbc.query("select state, count(*) from call_case where fiscal_year = ? group by state",
                rs -> {
                    states.put(CaseState.valueOf(rs.getString(1)), rs.getLong(2));
                }, fiscalYear);
        Map<LocalDate, Day> days = new TreeMap<>();
        String zone = properties.zone().getId();
        jdbc.query("""
                select (a.called_at at time zone ?)::date as day, a.time_band, a.outcome, count(*)
                from call_attempt a join call_case c on c.id = a.case_id
                where c.fiscal_year = ? group by 1, 2, 3 order by 1""",
                rs -> {
                    LocalDate day = rs.getObject(1, LocalDate.class);
                    TimeBand band = TimeBand.valueOf(rs.getString(2));
                    CallOutcome outcome = CallOutcome.valueOf(rs.getString(3));
                    long n = rs.getLong(4);
                    Day d = days.computeIfAbsent(day, k -> new Day(k, new EnumMap<>(TimeBand.class), new EnumMap<>(CallOutcome.class)));
                    long[] counts = d.byBand().computeIfAbsent(band, k -> new long[2]);
                    counts[0] += n;
                    if (outcome.reached()) {
                        counts[1] += n;
                    }
                    d.byOutcome().merge(outcome, n, Long::sum);
                }, zone, fiscalYear);
        List<Day> list = new ArrayList<>(days.values());
        return new Progress(fiscalYear, states, list, list.stream().mapToLong(Day::attempts).sum(),
                list.stream().mapToLong(Day::reached).sum());
    }

    /** The call cases in which the person was spoken to at least once (a reached outcome). */
    public long casesReached(int fiscalYear) {
        return jdbc.queryForObject("""
                select count(distinct a.case_id) from call_attempt a join call_case c on c.id = a.case_id
                where c.fiscal_year = ? and a.outcome = any (?)""",
                Long.class, fiscalYear, CallOutcome.reachedCodes());
    }

    public List<OperatorCalls> byOperator(int fiscalYear) {
        Map<String, OperatorCalls> work = new TreeMap<>();
        jdbc.query("""
                select a.operator, (a.called_at at time zone ?)::date, count(*), count(*) filter (where a.outcome = any (?))
                from call_attempt a join call_case c on c.id = a.case_id
                where c.fiscal_year = ? group by 1, 2""",
                rs -> {
                    OperatorCalls w = work.get(rs.getString(1));
                    java.util.SortedSet<LocalDate> days = w == null ? new java.util.TreeSet<>() : w.days();
                    days.add(rs.getObject(2, LocalDate.class));
                    work.put(rs.getString(1), new OperatorCalls(rs.getString(1), (w == null ? 0 : w.attempts()) + rs.getLong(3),
                            (w == null ? 0 : w.reached()) + rs.getLong(4), days));
                }, properties.zone().getId(), CallOutcome.reachedCodes(), fiscalYear);
        return new ArrayList<>(work.values());
    }

    /** 日別架電状況: cases by state, each day's attempts and reach rate by time band, and outcomes by day. */
    public byte[] progressPdf(int fiscalYear) {
        Progress p = progress(fiscalYear);
        TableReport t = new TableReport();
        t.section("架電ケースの状況");
        List<String> stateHeads = new ArrayList<>();
        List<String> stateCounts = new ArrayList<>();
        for (CaseState s : CaseState.values()) {
            stateHeads.add(s.label());
            stateCounts.add(Long.toString(p.casesByState().get(s)));
        }
        stateHeads.add("合計");
        stateCounts.add(Long.toString(p.casesByState().values().stream().mapToLong(Long::longValue).sum()));
        t.head("", stateHeads).row("件数", stateCounts);

        t.section("日別・時間帯別の架電数と通話率");
        List<String> heads = new ArrayList<>();
        List<TimeBand> bands = List.of(TimeBand.WEEKDAY_DAYTIME, TimeBand.WEEKDAY_EVENING, TimeBand.SATURDAY);
        for (TimeBand b : bands) {
            heads.addAll(List.of(b.label() + " 架電", "通話", "通話率"));
        }
        heads.addAll(List.of("計 架電", "通話", "通話率"));
        t.head("日付", heads);
        for (Day d : p.days()) {
            List<String> v = new ArrayList<>();
            for (TimeBand b : bands) {
                long[] c = d.byBand().getOrDefault(b, new long[2]);
                v.addAll(List.of(Long.toString(c[0]), Long.toString(c[1]), TableReport.percent(c[1], c[0])));
            }
            v.addAll(List.of(Long.toString(d.attempts()), Long.toString(d.reached()), TableReport.percent(d.reached(), d.attempts())));
            t.row(d.day().toString(), v);
        }
        long outside = p.days().stream().mapToLong(d -> d.byBand().getOrDefault(TimeBand.OUTSIDE_HOURS, new long[2])[0]).sum();
        t.row("合計", List.of("", "", "", "", "", "", "", "", "", Long.toString(p.attempts()), Long.toString(p.reached()),
                TableReport.percent(p.reached(), p.attempts())));
        if (outside > 0) {
            t.note("架電時間外に記録された架電が " + outside + " 件あります（時間帯別の欄には含めず、計に含めています）。");
        }

        t.section("日別の架電結果");
        List<String> outcomeHeads = new ArrayList<>();
        for (CallOutcome o : CallOutcome.values()) {
            outcomeHeads.add(o.label().replace("通話：", ""));
        }
        t.head("日付", outcomeHeads);
        Map<CallOutcome, Long> totals = new EnumMap<>(CallOutcome.class);
        for (Day d : p.days()) {
            List<String> v = new ArrayList<>();
            for (CallOutcome o : CallOutcome.values()) {
                long n = d.byOutcome().getOrDefault(o, 0L);
                totals.merge(o, n, Long::sum);
                v.add(Long.toString(n));
            }
            t.row(d.day().toString(), v);
        }
        List<String> total = new ArrayList<>();
        for (CallOutcome o : CallOutcome.values()) {
            total.add(Long.toString(totals.getOrDefault(o, 0L)));
        }
        t.row("合計", total);
        t.note("通話＝本人と話せた架電（予約する・予約済み・受けない・他で受診済み・架電停止の申出・かけ直し希望）。時間帯は平日日中 "
                + properties.dayStart() + "〜" + properties.eveningStart() + "、平日夕方〜" + properties.dayEnd() + "、土曜 "
                + properties.dayStart() + "〜" + properties.dayEnd() + "。");
        return render("電話勧奨 日別架電状況", fiscalYear, t);
    }

    public byte[] render(String title, int fiscalYear, TableReport table) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("title", ReportRenderer.eraFiscalYear(fiscalYear) + " " + title);
        parameters.put("subtitle", "特定健康診査 受診勧奨（" + fiscalYear + " 年度）");
        parameters.put("issuedOn", ReportRenderer.eraDate(LocalDate.now(clock)));
        return renderer.pdf("table-report", parameters, table.rows());
    }
}
