package jp.kenshin.outreach.selection;

import java.security.SecureRandom;
import java.sql.Date;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import javax.sql.DataSource;
import jp.kenshin.outreach.infrastructure.BinaryCopyWriter;
import jp.kenshin.outreach.privacy.PersonalDataService;
import org.springframework.jdbc.datasource.DataSourceUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Selects a fiscal year's targets from its imported members by the target-eligibility decision
 * table, assigns each target its group, optionally holds out a stratified random share of the phone
 * owners, and freezes the list once ward staff approve it. The call-priority table ({@link CallPriorityRules}: last
 * year's approved plan, else the default) decides per stratum whether phone owners are phoned and the holdout share;
 * the run records the decision definition id it applied. Works on the clear, non-identifying
 * columns only; the holdout's seeded draw reads the 整理番号 through the door (recorded).
 */
@Service
public class TargetSelectionService {

    private static final Logger log = LoggerFactory.getLogger(TargetSelectionService.class);
    private static final SecureRandom SEEDS = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final TargetEligibilityRules rules;
    private final PersonalDataService personalData;
    private final CallPriorityRules callPriority;

    public TargetSelectionService(JdbcTemplate jdbc, DataSource dataSource, TargetEligibilityRules rules,
            PersonalDataService personalData, CallPriorityRules callPriority) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.rules = rules;
        this.personalData = personalData;
        this.callPriority = callPriority;
    }

    @Transactional
    public SelectionCounts select(SelectionRequest request) {
        if (request.holdoutShare() < 0 || request.holdoutShare() > 0.5) {
            throw new IllegalArgumentException("holdoutShare must be between 0 and 0.5, was " + request.holdoutShare());
        }
        int year = request.fiscalYear();
        if (frozenRun(year) != null) {
            throw new IllegalStateException("The target list of fiscal year " + year + " is already frozen");
        }
        Integer members = jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Integer.class, year);
        if (members == null || members == 0) {
            throw new IllegalStateException("No members are imported for fiscal year " + year);
        }
        long seed = request.holdoutSeed() != null ? request.holdoutSeed() : SEEDS.nextLong() & Long.MAX_VALUE;
        TargetEligibilityRules.Evaluator decision = rules.latest();

        // The call priority per stratum (sex x 5-year age band): last year's approved plan, else the default (phone
        // everyone with a number). A stratum the plan does not phone gets no calls; in the phoned strata the holdout
        // share is the plan's, or the request's when the plan gives none.
        CallPriorityRules.Evaluator plan = callPriority.forYear(year);
        List<Object[]> planLookup = new ArrayList<>();
        double recordedShare = request.holdoutShare();
        boolean anyHoldout = false;
        boolean planShare = false;
        for (Map<String, Object> stratum : jdbc.queryForList("""
                select distinct sex, (age_at_fy_end / 5 * 5) || '-' || (age_at_fy_end / 5 * 5 + 4) as age_band
                from member where fiscal_year = ?""", year)) {
            int sex = ((Number) stratum.get("sex")).intValue();
            CallPriorityRules.Priority priority = plan.decide(sex, (String) stratum.get("age_band"));
            double share = priority.holdoutShare() != null ? priority.holdoutShare() : request.holdoutShare();
            if (priority.holdoutShare() != null) {
                recordedShare = planShare ? Math.max(recordedShare, share) : share;
                planShare = true;
            }
            anyHoldout |= priority.call() && share > 0;
            planLookup.add(new Object[] {sex, stratum.get("age_band"), priority.call(), share});
        }
        jdbc.update("update selection_run set status = 'SUPERSEDED' where fiscal_year = ? and status = 'DRAFT'", year);
        long runId = jdbc.queryForObject("""
                insert into selection_run (fiscal_year, reference_date, members_import_id, results_import_id, holdout_share,
                  holdout_seed, decision_id, status, process_instance_id, call_plan_decision_id)
                values (?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?) returning id""", Long.class,
                year, Date.valueOf(request.referenceDate()), request.membersImportId(), request.resultsImportId(),
                recordedShare, seed, decision.decisionDefinitionId(), request.processInstanceId(), plan.decisionDefinitionId());

        // 0. The holdout's draw: md5 of the seed and the 整理番号, which is kept only sealed (and as a keyed
        //    index), so it comes through the door; computed here as PostgreSQL's md5(seed || ':' || number) was.
        drawHoldoutOrder(year, anyHoldout, Long.toString(seed), runId);

        // 1. The facts the decision needs, per member, derived in SQL (no personal field is read).
        jdbc.update("""
                create temporary table selection_facts on commit drop as
                select m.id, h.draw, m.sex, m.age_at_fy_end as age, m.phone_usable, m.special_address, m.away_code,
                  (m.qualified_from <= ? and (m.qualified_until is null or m.qualified_until > ?)) as insured,
                  exists (select 1 from checkup_result r where r.member_id = m.id and r.result_year = ?) as attended,
                  (m.age_at_fy_end / 5 * 5) || '-' || (m.age_at_fy_end / 5 * 5 + 4) as age_band
                from member m left join holdout_draw h on h.id = m.id where m.fiscal_year = ?""",
                Date.valueOf(request.referenceDate()), Date.valueOf(request.referenceDate()), year - 1, year);

        // 2. The decision table, evaluated once per distinct combination of facts.
        jdbc.execute("""
                create temporary table eligibility_lookup (insured boolean, age smallint, attended boolean,
                  special_address boolean, away_code smallint, eligible boolean, reason varchar(40)) on commit drop""");
        List<Object[]> lookup = new ArrayList<>();
        jdbc.query("select distinct insured, age, attended, special_address, away_code from selection_facts", rs -> {
            EligibilityInput input = new EligibilityInput(rs.getBoolean("insured"), rs.getInt("age"),
                    rs.getBoolean("attended"), rs.getBoolean("special_address"), rs.getInt("away_code"));
            EligibilityDecision outcome = decision.decide(input);
            lookup.add(new Object[] {input.insuredOnReferenceDate(), input.ageAtFiscalYearEnd(),
                    input.attendedPreviousYear(), input.specialAddress(), input.awayCode(), outcome.eligible(),
                    outcome.eligible() ? null : outcome.exclusionReason()});
        });
        jdbc.batchUpdate("insert into eligibility_lookup values (?, ?, ?, ?, ?, ?, ?)", lookup);
        jdbc.execute("""
                create temporary table call_plan_lookup (sex smallint, age_band text, call boolean, share double precision)
                on commit drop""");
        jdbc.batchUpdate("insert into call_plan_lookup values (?, ?, ?, ?)", planLookup);

        // 3. Every member gets an entry: eligible with a group, or left out with the reason. The holdout:
        //    within each stratum (sex × 5-year age band) of eligible phone owners, order by a hash of the
        //    seed and the person number and move the first round(share × n) to NOTICE_ONLY. A stratum the call plan
        //    does not phone: its phone owners are NOTICE_ONLY, marked not_called_by_plan, and none is held out.
        jdbc.update("""
                insert into selection_entry (run_id, member_id, eligible, exclusion_reason, target_group, holdout, sex, age, age_band,
                  not_called_by_plan)
                select ?, d.id, d.eligible, d.reason,
                  case when not d.eligible then null
                       when d.phone_usable and d.plan_call and not d.held_out then 'NOTICE_AND_CALL' else 'NOTICE_ONLY' end,
                  d.held_out, d.sex, d.age, d.age_band, coalesce(d.eligible and d.phone_usable and not d.plan_call, false)
                from (
                  select f.*, l.eligible, l.reason, p.call as plan_call,
                    coalesce(l.eligible and f.phone_usable and p.call and p.share > 0
                      and row_number() over stratum <= floor(count(*) over stratum * p.share + 0.5), false) as held_out
                  from selection_facts f join eligibility_lookup l on l.insured = f.insured and l.age = f.age
                    and l.attended = f.attended and l.special_address = f.special_address and l.away_code = f.away_code
                    join call_plan_lookup p on p.sex = f.sex and p.age_band = f.age_band
                  window stratum as (partition by l.eligible and f.phone_usable, f.sex, f.age_band
                                     order by f.draw, f.id
                                     rows between unbounded preceding and unbounded following)
                ) d""",
                runId);

        // fresh statistics for the list just written (see the members import): the cases are opened from it
        jdbc.execute("analyze selection_entry");

        SelectionCounts counts = counts(runId);
        log.info("Selection run {} for fiscal year {}: {} members, {} targets ({} with calls), {} excluded", runId, year,
                counts.members(), counts.targets(), counts.noticeAndCall(), counts.excluded());
        return counts;
    }

    /** Freezes the approved list; any other list of the year is superseded. Repeating it changes nothing. */
    @Transactional
    public SelectionCounts freeze(long runId, String approvedBy) {
        Map<String, Object> run = jdbc.queryForMap("select fiscal_year, status from selection_run where id = ? for update", runId);
        String status = (String) run.get("status");
        if ("FROZEN".equals(status)) {
            return counts(runId);
        }
        if (!"DRAFT".equals(status)) {
            throw new IllegalStateException("Selection run " + runId + " is " + status + " and cannot be frozen");
        }
        int year = ((Number) run.get("fiscal_year")).intValue();
        jdbc.update("update selection_run set status = 'SUPERSEDED' where fiscal_year = ? and id <> ? and status = 'DRAFT'", year, runId);
        jdbc.update("update selection_run set status = 'FROZEN', frozen_at = now(), frozen_by = ? where id = ?", approvedBy, runId);
        log.info("Target list {} of fiscal year {} frozen", runId, year);
        return counts(runId);
    }

    public Long frozenRun(int fiscalYear) {
        List<Long> ids = jdbc.queryForList("select id from selection_run where fiscal_year = ? and status = 'FROZEN'",
                Long.class, fiscalYear);
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** The year's frozen list, or else its latest draft; null when nothing was selected. */
    public Long currentRun(int fiscalYear) {
        List<Long> ids = jdbc.queryForList("""
                select id from selection_run where fiscal_year = ? and status in ('FROZEN', 'DRAFT')
                order by status = 'FROZEN' desc, id desc limit 1""", Long.class, fiscalYear);
        return ids.isEmpty() ? null : ids.get(0);
    }

    public SelectionCounts counts(long runId) {
        Map<String, Object> run = jdbc.queryForList("select * from selection_run where id = ?", runId).stream().findFirst()
                .orElseThrow(() -> unknownRun(runId));
        Map<String, Object> totals = jdbc.queryForMap("""
                select count(*) as members,
                  count(*) filter (where eligible) as targets,
                  count(*) filter (where target_group = 'NOTICE_AND_CALL') as notice_and_call,
                  count(*) filter (where target_group = 'NOTICE_ONLY') as notice_only,
                  count(*) filter (where holdout) as held_out,
                  count(*) filter (where not eligible) as excluded,
                  count(*) filter (where not_called_by_plan) as not_called_by_plan
                from selection_entry where run_id = ?""", runId);
        Map<String, Long> byReason = new LinkedHashMap<>();
        jdbc.query("""
                select exclusion_reason, count(*) as n from selection_entry where run_id = ? and not eligible
                group by exclusion_reason order by n desc, exclusion_reason""",
                rs -> {
                    byReason.put(rs.getString("exclusion_reason") == null ? "UNSPECIFIED" : rs.getString("exclusion_reason"),
                            rs.getLong("n"));
                }, runId);
        List<SelectionCounts.StratumCount> strata = jdbc.query("""
                select sex, age_band, count(*) as targets,
                  count(*) filter (where target_group = 'NOTICE_AND_CALL') as notice_and_call,
                  count(*) filter (where target_group = 'NOTICE_ONLY') as notice_only,
                  count(*) filter (where holdout) as held_out,
                  count(*) filter (where not_called_by_plan) as not_called_by_plan
                from selection_entry where run_id = ? and eligible group by sex, age_band order by sex, age_band""",
                (rs, n) -> new SelectionCounts.StratumCount(rs.getInt("sex"), rs.getString("age_band"), rs.getLong("targets"),
                        rs.getLong("notice_and_call"), rs.getLong("notice_only"), rs.getLong("held_out"),
                        rs.getLong("not_called_by_plan")), runId);
        return new SelectionCounts(runId, ((Number) run.get("fiscal_year")).intValue(),
                ((Date) run.get("reference_date")).toLocalDate(), (String) run.get("status"), (String) run.get("decision_id"),
                ((Number) run.get("holdout_share")).doubleValue(), ((Number) run.get("holdout_seed")).longValue(),
                number(totals, "members"), number(totals, "targets"), number(totals, "notice_and_call"),
                number(totals, "notice_only"), number(totals, "held_out"), number(totals, "excluded"), byReason, strata,
                (String) run.get("call_plan_decision_id"), number(totals, "not_called_by_plan"));
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    /** The holdout's order key of each member: empty when nothing is held out (then no personal field is read). */
    private void drawHoldoutOrder(int year, boolean holdout, String seed, long runId) {
        jdbc.execute("create temporary table holdout_draw (id bigint, draw text) on commit drop");
        if (!holdout) {
            return;
        }
        HexFormat hex = HexFormat.of();
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // read first, then copied: the door reads on this transaction's connection, which a COPY would hold
        List<Long> ids = new ArrayList<>();
        List<String> draws = new ArrayList<>();
        personalData.personNumbersForHoldoutDraw(year, (personNo, id) -> {
            ids.add(id);
            draws.add(hex.formatHex(md5.digest((seed + ":" + personNo).getBytes(StandardCharsets.UTF_8))));
        }, "対象者選定 " + runId);
        try (BinaryCopyWriter copy = new BinaryCopyWriter(DataSourceUtils.getConnection(dataSource),
                "copy holdout_draw (id, draw) from stdin (format binary)")) {
            for (int i = 0; i < ids.size(); i++) {
                copy.startRow(2).int8(ids.get(i)).text(draws.get(i));
            }
            copy.finish();
        }
    }

    /** One line per selected person, by member id: for staff checks and the tests. */
    public List<SelectedTarget> targets(long runId) {
        if (!Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from selection_run where id = ?)", Boolean.class, runId))) {
            throw unknownRun(runId);
        }
        return jdbc.query("""
                select e.member_id, e.target_group, e.holdout from selection_entry e
                where e.run_id = ? and e.eligible order by e.member_id""",
                (rs, n) -> new SelectedTarget(rs.getLong("member_id"), TargetGroup.valueOf(rs.getString("target_group")),
                        rs.getBoolean("holdout")), runId);
    }

    private static java.util.NoSuchElementException unknownRun(long runId) {
        return new java.util.NoSuchElementException("対象者選定 " + runId + " はありません");
    }

    /** A selected target by member id (the 整理番号 is personal and kept sealed). */
    public record SelectedTarget(long memberId, TargetGroup group, boolean heldOut) {
    }

}
