package jp.kenshin.outreach.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.kenshin.outreach.analysis.EffectAnalysis.Counts;
import jp.kenshin.outreach.analysis.EffectAnalysis.Curve;
import jp.kenshin.outreach.analysis.EffectAnalysis.Descriptive;
import jp.kenshin.outreach.analysis.EffectAnalysis.PhoneArm;
import jp.kenshin.outreach.analysis.EffectAnalysis.Stratum;
import jp.kenshin.outreach.analysis.EffectAnalysis.UptakeCurves;
import jp.kenshin.outreach.analysis.stats.BinomialRow;
import jp.kenshin.outreach.analysis.stats.Estimate;
import jp.kenshin.outreach.analysis.stats.LogisticFit;
import jp.kenshin.outreach.analysis.stats.LogisticRegression;
import jp.kenshin.outreach.analysis.stats.NotEstimableException;
import jp.kenshin.outreach.analysis.stats.Proportion;
import jp.kenshin.outreach.calling.CallOutcome;
import jp.kenshin.outreach.calling.CaseState;
import jp.kenshin.outreach.privacy.PersonalDataService;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Requester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The effect analysis of a fiscal year (issue 7): who of the frozen target list attended by the results
 * cut-off date, read through the door for the ANALYSIS purpose, joined in memory with the non-personal
 * facts of the cycle (arm, sex, 5-year age band, returned card, calls), aggregated into cells and computed
 * by {@link EffectCalculator}; plus descriptive tables of the call arm and cumulative uptake curves. Each
 * run is stored with its figures (aggregates only); the ward approves one, whose deliverables are published.
 *
 * <p>Attendance: a result of the fiscal year ({@code result_year} = the fiscal year) with an exam date on or
 * before the cut-off date. Reached: any call with an outcome where the person was spoken to
 * ({@link CallOutcome#reached()}); people of the call arm without a call case or without a call count as
 * not reached. Calls made: every call attempt of the year.
 */
@Service
public class EffectAnalysisService {

    private static final Logger log = LoggerFactory.getLogger(EffectAnalysisService.class);

    static final String CRUDE_ODDS_RATIO_METHOD = "オッズ比（調整なし）・ロジスティック回帰のWald信頼区間（Woolf法と同じ）";

    /** Figures are stored and read back with this mapper (NaN as "NaN", dates as ISO text). */
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final JdbcTemplate jdbc;
    private final PersonalDataService door;
    private final TargetSelectionService selection;
    private final EffectCalculator calculator = new EffectCalculator();
    private final EffectDocuments documents;
    /** The ward's zone, in which a cut-off day ends. */
    private final java.time.ZoneId zone;

    public EffectAnalysisService(JdbcTemplate jdbc, PersonalDataService door, TargetSelectionService selection,
            EffectDocuments documents, Clock clock) {
        this.zone = clock.getZone();
        this.jdbc = jdbc;
        this.door = door;
        this.selection = selection;
        this.documents = documents;
    }

    /**
     * Runs the analysis of a fiscal year as {@code who} (the door checks them for the ANALYSIS purpose and
     * records the read), stores it as the year's draft (superseding an earlier draft) and returns its id.
     *
     * @param cutOff results with a later exam date do not count
     * @param costs unit prices of a card and a call, when costs are to be reported
     * @throws jp.kenshin.outreach.privacy.AccessRefusedException when the door refuses
     * @throws IllegalStateException when the year has no frozen target list or a group to compare is empty
     */
    @Transactional
    public long run(Requester who, int fiscalYear, LocalDate cutOff, Optional<UnitCosts> costs, AccessContext why) {
        if (cutOff == null) {
            throw new IllegalArgumentException("結果の締切日を指定してください");
        }
        Long selectionRunId = selection.frozenRun(fiscalYear);
        if (selectionRunId == null) {
            throw new IllegalStateException(fiscalYear + " 年度の対象者リストが確定していないため、効果分析はできません");
        }
        PersonalDataService.AnalysisResults results = door.resultsForAnalysis(who, fiscalYear, cutOff, why);
        EffectAnalysis analysis = compute(fiscalYear, selectionRunId, cutOff, costs, results);
        String figures;
        try {
            figures = JSON.writeValueAsString(analysis);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(fiscalYear + "年度の効果分析の数値を書き出せませんでした", e);
        }
        jdbc.update("update analysis_run set status = 'SUPERSEDED' where fiscal_year = ? and status = 'DRAFT'", fiscalYear);
        Long id = jdbc.queryForObject("""
                insert into analysis_run (fiscal_year, selection_run_id, cut_off, unit_cost_card, unit_cost_call, status, figures, created_by)
                values (?, ?, ?, ?, ?, 'DRAFT', ?, ?) returning id""", Long.class, fiscalYear, selectionRunId,
                java.sql.Date.valueOf(cutOff), costs.map(UnitCosts::perCard).orElse(null), costs.map(UnitCosts::perCall).orElse(null),
                figures, who.userId());
        log.info("Effect analysis {} of {}: {} targets, {} attended by {}, holdout {}", id, fiscalYear,
                analysis.counts().targets(), analysis.counts().attended(), cutOff, analysis.withHoldout());
        return id;
    }

    /** The ward approves a draft: it becomes the year's analysis (an earlier approved one is superseded). */
    @Transactional
    public AnalysisRun approve(long runId, String by) {
        AnalysisRun run = find(runId);
        jdbc.queryForList("select id from analysis_run where fiscal_year = ? for update", Long.class, run.fiscalYear());
        run = find(runId);
        if (!AnalysisRun.DRAFT.equals(run.status())) {
            throw new IllegalStateException("分析 " + runId + " は" + (AnalysisRun.APPROVED.equals(run.status()) ? "承認済みです"
                    : "後の分析に置き換えられています。差し戻して分析し直してください"));
        }
        jdbc.update("update analysis_run set status = 'SUPERSEDED' where fiscal_year = ? and status = 'APPROVED'", run.fiscalYear());
        jdbc.update("update analysis_run set status = 'APPROVED', approved_by = ?, approved_at = now() where id = ?", by, runId);
        log.info("Effect analysis {} of {} approved", runId, run.fiscalYear());
        return find(runId);
    }

    /**
     * Writes the approved run's deliverables into the directory: report.pdf, figures.csv and figures.xlsx,
     * each replacing an earlier file of the same name (a retried step writes them again), and records their
     * SHA-256.
     *
     * @return the files written with their SHA-256
     */
    public Map<String, String> publish(long runId, Path directory) {
        AnalysisRun run = find(runId);
        if (!AnalysisRun.APPROVED.equals(run.status())) {
            throw new IllegalStateException("分析 " + runId + " は承認されていないため公表できません（状態 " + run.status() + "）");
        }
        EffectAnalysis analysis = analysis(runId);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("report.pdf", documents.pdf(run, analysis));
        files.put("figures.csv", documents.csv(run, analysis));
        files.put("figures.xlsx", documents.xlsx(run, analysis));
        Map<String, String> written = new LinkedHashMap<>();
        try {
            Files.createDirectories(directory);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = directory.resolve(file.getKey());
                Path partial = directory.resolve(file.getKey() + ".part");
                Files.write(partial, file.getValue());
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.put(file.getKey(), sha256(file.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("効果分析 " + runId + " の成果物を " + directory + " に書けませんでした", e);
        }
        jdbc.update("update analysis_run set published_at = now(), published_files = ? where id = ?",
                written.entrySet().stream().map(f -> f.getKey() + " " + f.getValue()).collect(Collectors.joining("\n")), runId);
        log.info("Effect analysis {} of {} published: {}", runId, run.fiscalYear(), written.keySet());
        return written;
    }

    public AnalysisRun find(long runId) {
        return jdbc.query(RUN_COLUMNS + " where id = ?", (rs, n) -> run(rs), runId).stream().findFirst()
                .orElseThrow(() -> new NoSuchElementException("分析 " + runId + " はありません"));
    }

    /** The runs of a fiscal year, newest first. */
    public List<AnalysisRun> runs(int fiscalYear) {
        return jdbc.query(RUN_COLUMNS + " where fiscal_year = ? order by id desc", (rs, n) -> run(rs), fiscalYear);
    }

    /** The figures of a run as stored. */
    public EffectAnalysis analysis(long runId) {
        String figures = jdbc.query("select figures from analysis_run where id = ?", (rs, n) -> rs.getString(1), runId).stream()
                .findFirst().orElseThrow(() -> new NoSuchElementException("分析 " + runId + " はありません"));
        return read(figures);
    }

    /** The report of a run (Japanese PDF with charts); a draft is marked as such. */
    public byte[] reportPdf(long runId) {
        return documents.pdf(find(runId), analysis(runId));
    }

    /** The figures of a run as CSV (UTF-8 with BOM). */
    public byte[] figuresCsv(long runId) {
        return documents.csv(find(runId), analysis(runId));
    }

    /** The figures of a run as an Excel workbook. */
    public byte[] figuresXlsx(long runId) {
        return documents.xlsx(find(runId), analysis(runId));
    }

    static EffectAnalysis read(String figures) {
        try {
            return JSON.readValue(figures, EffectAnalysis.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored figures could not be read", e);
        }
    }

    // ---- the computation ----

    /**
     * One target as the analysis sees them: no id leaves this class. Everything is a recorded fact as of the cut-off
     * (issue 16, item 4): calls made by the end of the cut-off day, the result's exam date by the cut-off, and
     * {@code caseState} the state of the call case as of the cut-off derived from those facts (see
     * {@link #stateAsOfCutOff}), never what the engine is doing at the time of the analysis.
     */
    private record Target(Arm arm, int sex, String ageBand, boolean returned, String caseState, int calls, boolean reached,
            String lastOutcome, LocalDate examDate, boolean attendedBefore, String variant, GuidanceLevel.Classified level) {

        boolean attended() {
            return examDate != null;
        }
    }

    private EffectAnalysis compute(int fiscalYear, long selectionRunId, LocalDate cutOff, Optional<UnitCosts> costs,
            PersonalDataService.AnalysisResults results) {
        java.sql.Timestamp cutOffEnd = cutOffEnd(cutOff);
        List<Target> targets = targets(fiscalYear, selectionRunId, results, cutOffEnd);
        long callsMade = jdbc.queryForObject("""
                select count(*) from call_attempt a join call_case c on c.id = a.case_id where c.fiscal_year = ? and a.called_at < ?""",
                Long.class, fiscalYear, cutOffEnd);
        long call = targets.stream().filter(t -> t.arm() == Arm.NOTICE_AND_CALL).count();
        if (call == 0 || call == targets.size()) {
            throw new IllegalStateException(fiscalYear + " 年度の対象者には比較する群がそろっていません（通知＋電話 " + call
                    + " 人、通知のみ " + (targets.size() - call) + " 人）");
        }
        List<AnalysisCell> cells = cells(targets);
        EffectFigures figures = calculator.compute(cells, callsMade, costs);
        double holdoutShare = jdbc.queryForObject("select holdout_share from selection_run where id = ?", Double.class, selectionRunId);
        Optional<LocalDate> dispatch = jdbc.queryForList("select dispatched_on from mailing_dispatch where fiscal_year = ?",
                java.sql.Date.class, fiscalYear).stream().findFirst().map(java.sql.Date::toLocalDate);
        Counts counts = new Counts(targets.size(), targets.stream().filter(Target::attended).count(),
                targets.stream().filter(t -> t.caseState() != null).count(), callsMade,
                targets.stream().filter(Target::reached).count(), targets.stream().filter(Target::returned).count());
        Optional<String> curvesNotComputed = dispatch.isEmpty()
                ? Optional.of("差出日が記録されていないため、差出日からの受診の推移は作成していません")
                : cutOff.isBefore(dispatch.get())
                        ? Optional.of("結果の締切日（" + cutOff + "）が差出日（" + dispatch.get() + "）より前のため、受診の推移は作成していません")
                        : Optional.empty();
        Optional<UptakeCurves> curves = curvesNotComputed.isPresent() ? Optional.empty()
                : Optional.of(curves(targets, dispatch.get(), cutOff));
        HealthYield yield = HealthYield.of(targets.stream().map(t -> new HealthYield.Input(t.arm(), t.attended(), t.level())).toList(),
                callsMade, costs);
        SegmentEffects segments = SegmentEffects.of(targets.stream()
                .map(t -> new SegmentEffects.Input(t.arm(), t.sex(), t.ageBand(), t.attendedBefore(), t.variant(), t.attended())).toList());
        return new EffectAnalysis(fiscalYear, selectionRunId, cutOff, holdoutShare, dispatch, counts, figures,
                crudeOddsRatio(figures), strata(targets), phoneArm(targets, callsMade), curves, curvesNotComputed,
                Optional.of(yield), Optional.of(segments), CallPriority.of(segments.segmentations().get(0),
                        targets.stream().map(t -> new CallPriority.Input(t.arm(), t.sex(), t.ageBand(), t.calls())).toList(), callsMade));
    }

    /** The first instant after the cut-off day in the ward's time zone: facts recorded before it count. */
    private java.sql.Timestamp cutOffEnd(LocalDate cutOff) {
        return java.sql.Timestamp.from(cutOff.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private List<Target> targets(int fiscalYear, long selectionRunId, PersonalDataService.AnalysisResults results,
            java.sql.Timestamp cutOffEnd) {
        String[] reachedOutcomes = CallOutcome.reachedCodes();
        List<Target> targets = new ArrayList<>();
        jdbc.query("""
                select e.member_id, e.target_group, e.holdout, e.sex, e.age_band, mi.variant,
                  (mi.returned_at is not null) as returned, cc.id as case_id, cc.state as case_state,
                  (cc.closed_at is not null and cc.closed_at < ?) as closed_by_cut_off,
                  coalesce(a.calls, 0) as calls, coalesce(a.reached, false) as reached, a.last_outcome
                from selection_entry e
                left join mailing_item mi on mi.fiscal_year = ? and mi.member_id = e.member_id
                left join call_case cc on cc.fiscal_year = ? and cc.member_id = e.member_id and cc.opened_at < ?
                left join (select c.member_id, count(*) as calls, bool_or(a.outcome = any (?)) as reached,
                             (array_agg(a.outcome order by a.attempt_no desc))[1] as last_outcome
                           from call_attempt a join call_case c on c.id = a.case_id
                           where c.fiscal_year = ? and a.called_at < ? group by c.member_id) a on a.member_id = e.member_id
                where e.run_id = ? and e.eligible""",
                ps -> {
                    ps.setTimestamp(1, cutOffEnd);
                    ps.setInt(2, fiscalYear);
                    ps.setInt(3, fiscalYear);
                    ps.setTimestamp(4, cutOffEnd);
                    ps.setArray(5, ps.getConnection().createArrayOf("varchar", reachedOutcomes));
                    ps.setInt(6, fiscalYear);
                    ps.setTimestamp(7, cutOffEnd);
                    ps.setLong(8, selectionRunId);
                },
                rs -> {
                    targets.add(target(rs, results));
                });
        return targets;
    }

    private static Target target(ResultSet rs, PersonalDataService.AnalysisResults results) throws SQLException {
        boolean call = "NOTICE_AND_CALL".equals(rs.getString("target_group"));
        Arm arm = call ? Arm.NOTICE_AND_CALL : rs.getBoolean("holdout") ? Arm.HOLDOUT : Arm.NOTICE_ONLY;
        long memberId = rs.getLong("member_id");
        PersonalDataService.AnalysisResult result = results.attended().get(memberId);
        String ageBand = rs.getString("age_band");
        boolean hasCase = call && rs.getString("case_id") != null;
        String caseState = hasCase ? stateAsOfCutOff(rs.getString("case_state"), rs.getBoolean("closed_by_cut_off"), result != null)
                : null;
        return new Target(arm, rs.getInt("sex"), ageBand, rs.getBoolean("returned"), caseState,
                call ? rs.getInt("calls") : 0, call && rs.getBoolean("reached"), call ? rs.getString("last_outcome") : null,
                result == null ? null : result.examDate(), results.attendedBefore().contains(memberId), rs.getString("variant"),
                result == null ? null : GuidanceLevel.classify(result.items(), rs.getInt("sex"), bandStart(ageBand)));
    }

    /**
     * The state of a call case as of the cut-off, from recorded facts only: a case closed by a call's outcome
     * (reached, declined, unreachable, wrong number, opted out, elsewhere) on or before the cut-off day keeps that
     * state; otherwise a person with a result by the cut-off is ATTENDED (受診済み) and everybody else OPEN (calls not
     * finished at the cut-off). The engine may still be calling someone who attended, or may have closed a case after
     * the cut-off: neither changes the report. A case the cycle ended at the cut-off ({@code ENDED_AT_CUT_OFF}) was
     * open then, whenever it was recorded.
     */
    static String stateAsOfCutOff(String recordedState, boolean closedByCutOff, boolean attended) {
        boolean closedByCall = closedByCutOff && !CaseState.OPEN.name().equals(recordedState)
                && !CaseState.ATTENDED.name().equals(recordedState) && !CaseState.ENDED_AT_CUT_OFF.name().equals(recordedState);
        if (closedByCall) {
            return recordedState;
        }
        return attended ? CaseState.ATTENDED.name() : CaseState.OPEN.name();
    }

    private static List<AnalysisCell> cells(List<Target> targets) {
        record Key(Arm arm, int sex, String ageBand, boolean returned, boolean reached, boolean attended) {
        }
        Map<Key, Long> counts = targets.stream().collect(Collectors.groupingBy(
                t -> new Key(t.arm(), t.sex(), t.ageBand(), t.returned(), t.reached(), t.attended()), Collectors.counting()));
        return counts.entrySet().stream()
                .map(e -> new AnalysisCell(e.getKey().arm(), e.getKey().sex(), e.getKey().ageBand(), e.getKey().returned(),
                        e.getKey().reached(), e.getKey().attended(), e.getValue()))
                .sorted(Comparator.comparing(AnalysisCell::arm).thenComparingInt(AnalysisCell::sex)
                        .thenComparing(AnalysisCell::ageBand).thenComparing(AnalysisCell::returnedCard)
                        .thenComparing(AnalysisCell::reached).thenComparing(AnalysisCell::attended))
                .toList();
    }

    /** The odds ratio without adjustment: the logistic regression of attendance on the group alone (Woolf's interval). */
    static Optional<Estimate> crudeOddsRatio(EffectFigures figures) {
        try {
            LogisticFit fit = LogisticRegression.fit(List.of("call"), List.of(
                    new BinomialRow(new double[] {1}, figures.call().trials(), figures.call().successes()),
                    new BinomialRow(new double[] {0}, figures.noticeOnly().trials(), figures.noticeOnly().successes())));
            LogisticFit.Coefficient call = fit.coefficient("call");
            return Optional.of(new Estimate(call.oddsRatio(), call.oddsRatioCi95(), CRUDE_ODDS_RATIO_METHOD));
        } catch (NotEstimableException e) {
            return Optional.empty();
        }
    }

    private static List<Stratum> strata(List<Target> targets) {
        Map<String, long[]> bySexAndBand = new TreeMap<>();
        for (Target t : targets) {
            long[] c = bySexAndBand.computeIfAbsent(t.sex() + "|" + t.ageBand(), k -> new long[6]);
            int slot = switch (t.arm()) {
                case NOTICE_AND_CALL -> 0;
                case NOTICE_ONLY -> 2;
                case HOLDOUT -> 4;
            };
            c[slot]++;
            c[slot + 1] += t.attended() ? 1 : 0;
        }
        List<Stratum> strata = new ArrayList<>();
        bySexAndBand.forEach((key, c) -> {
            String[] parts = key.split("\\|", 2);
            strata.add(new Stratum(Integer.parseInt(parts[0]), parts[1], c[0], c[1], c[2], c[3], c[4], c[5]));
        });
        return strata;
    }

    private static PhoneArm phoneArm(List<Target> targets, long callsMade) {
        List<Target> arm = targets.stream().filter(t -> t.arm() == Arm.NOTICE_AND_CALL).toList();
        List<Descriptive> byReach = new ArrayList<>();
        add(byReach, "REACHED", "電話がつながった", arm.stream().filter(Target::reached).toList());
        add(byReach, "NOT_REACHED", "つながらなかった（架電なしを含む）", arm.stream().filter(t -> !t.reached()).toList());

        List<Descriptive> byAttempts = new ArrayList<>();
        Map<Integer, List<Target>> attempts = arm.stream().collect(Collectors.groupingBy(Target::calls, TreeMap::new, Collectors.toList()));
        attempts.forEach((n, people) -> add(byAttempts, Integer.toString(n), n == 0 ? "架電0回（架電なし）" : "架電" + n + "回", people));

        List<Descriptive> byOutcome = new ArrayList<>();
        Map<String, List<Target>> outcomes = arm.stream().collect(Collectors.groupingBy(t -> t.lastOutcome() == null ? "NONE" : t.lastOutcome()));
        for (CallOutcome outcome : CallOutcome.values()) {
            add(byOutcome, outcome.name(), outcome.label(), outcomes.getOrDefault(outcome.name(), List.of()));
        }
        add(byOutcome, "NONE", "架電なし", outcomes.getOrDefault("NONE", List.of()));

        List<Descriptive> byState = new ArrayList<>();
        Map<String, List<Target>> states = arm.stream().collect(Collectors.groupingBy(t -> t.caseState() == null ? "NO_CASE" : t.caseState()));
        for (CaseState state : CaseState.values()) {
            String label = switch (state) {
                case OPEN -> "締切日に架電が終わっていない（受診なし）";
                case ATTENDED -> "受診済み（締切日までの健診結果）";
                default -> state.label();
            };
            add(byState, state.name(), label, states.getOrDefault(state.name(), List.of()));
        }
        add(byState, "NO_CASE", "架電ケースなし（電話番号が使えなくなった等）", states.getOrDefault("NO_CASE", List.of()));
        return new PhoneArm(arm.size(), arm.stream().filter(t -> t.caseState() != null).count(), callsMade, byReach, byAttempts,
                byOutcome, byState);
    }

    /** A line of a descriptive table, left out when nobody is in it. */
    private static void add(List<Descriptive> table, String code, String label, List<Target> people) {
        if (!people.isEmpty()) {
            table.add(new Descriptive(code, label, Proportion.wilson(people.stream().filter(Target::attended).count(), people.size())));
        }
    }

    private static UptakeCurves curves(List<Target> targets, LocalDate dispatch, LocalDate cutOff) {
        int lastDay = (int) ChronoUnit.DAYS.between(dispatch, cutOff);
        Map<Arm, Curve> byArm = new EnumMap<>(Arm.class);
        Map<Arm, List<Target>> arms = targets.stream().collect(Collectors.groupingBy(Target::arm));
        for (Arm arm : Arm.values()) {
            List<Target> people = arms.getOrDefault(arm, List.of());
            if (people.isEmpty()) {
                continue;
            }
            long[] byDay = new long[lastDay + 1];
            long before = 0;
            for (Target t : people) {
                if (t.attended()) {
                    long day = ChronoUnit.DAYS.between(dispatch, t.examDate());
                    if (day < 0) {
                        before++;
                        day = 0;
                    }
                    byDay[(int) day]++;
                }
            }
            List<Long> cumulative = new ArrayList<>(lastDay + 1);
            long sum = 0;
            for (long n : byDay) {
                sum += n;
                cumulative.add(sum);
            }
            byArm.put(arm, new Curve(people.size(), before, cumulative));
        }
        return new UptakeCurves(dispatch, lastDay, byArm);
    }

    /** The leading number of an age band label ("65-69" → 65); 0 without one. */
    private static int bandStart(String band) {
        int end = 0;
        while (band != null && end < band.length() && Character.isDigit(band.charAt(end))) {
            end++;
        }
        return end == 0 || end > 9 ? 0 : Integer.parseInt(band.substring(0, end));
    }

    // ---- rows ----

    private static final String RUN_COLUMNS = """
            select id, fiscal_year, selection_run_id, cut_off, unit_cost_card, unit_cost_call, status, created_by, created_at,
              approved_by, approved_at, published_at, published_files from analysis_run""";

    private static AnalysisRun run(ResultSet rs) throws SQLException {
        return new AnalysisRun(rs.getLong("id"), rs.getInt("fiscal_year"), rs.getLong("selection_run_id"),
                rs.getDate("cut_off").toLocalDate(), rs.getBigDecimal("unit_cost_card"), rs.getBigDecimal("unit_cost_call"),
                rs.getString("status"), rs.getString("created_by"), instant(rs.getTimestamp("created_at")),
                rs.getString("approved_by"), instant(rs.getTimestamp("approved_at")), instant(rs.getTimestamp("published_at")),
                rs.getString("published_files"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
