package jp.kenshin.outreach.selection;

import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.infrastructure.DeployedDecisions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The call-priority decision table a fiscal year's selection applies: the latest plan the ward approved from the
 * previous fiscal year's effect analysis (a version of {@value #DECISION_KEY} deployed at run time, its decision
 * definition id recorded in call_plan), else the committed default bpmn/call-priority.dmn (phone everyone with a
 * number). Inputs {@code sex} and {@code ageBand}; outputs {@code call} and {@code holdoutShare} (empty: the cycle's own
 * share).
 */
@Component
public class CallPriorityRules {

    public static final String DECISION_KEY = "Decision_CallPriority";
    /** The resource names of the versions deployed at run time (plans) start with this. */
    static final String PLAN_RESOURCE_PREFIX = "call-plan-";

    private final DeployedDecisions decisions;
    private final JdbcTemplate jdbc;

    public CallPriorityRules(DeployedDecisions decisions, JdbcTemplate jdbc) {
        this.decisions = decisions;
        this.jdbc = jdbc;
    }

    /** The table that applies to a fiscal year's selection. */
    public Evaluator forYear(int fiscalYear) {
        List<String> approved = jdbc.queryForList("""
                select decision_definition_id from call_plan where fiscal_year = ? and status = 'APPROVED'
                  and decision_definition_id is not null order by approved_at desc, id desc limit 1""", String.class, fiscalYear - 1);
        return new Evaluator(approved.isEmpty() ? decisions.latestShipped(DECISION_KEY, PLAN_RESOURCE_PREFIX)
                : decisions.byId(DECISION_KEY, approved.get(0)));
    }

    /** What the table says for one stratum. */
    public record Priority(boolean call, Double holdoutShare) {
    }

    /** Evaluates the table once per stratum. Not thread-safe: one per selection. */
    public static final class Evaluator {
        private final DeployedDecisions.Evaluator decision;

        Evaluator(DeployedDecisions.Evaluator decision) {
            this.decision = decision;
        }

        public String decisionDefinitionId() {
            return decision.decisionDefinitionId();
        }

        public Priority decide(int sex, String ageBand) {
            Map<String, Object> outputs = decision.evaluate(Map.of("sex", sex, "ageBand", ageBand));
            Object share = outputs.get("holdoutShare");
            Double holdout = share instanceof Number n ? n.doubleValue() : null;
            if (holdout != null && !(holdout >= 0 && holdout <= 0.5)) {
                throw new IllegalStateException("The call priority " + decision.decisionDefinitionId()
                        + " gives a holdout share outside 0 to 0.5 for stratum " + sex + "|" + ageBand);
            }
            return new Priority(!Boolean.FALSE.equals(outputs.get("call")), holdout);
        }
    }
}
