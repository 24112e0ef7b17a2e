package jp.kenshin.outreach.selection;

import java.util.Map;
import jp.kenshin.outreach.infrastructure.DeployedDecisions;
import org.springframework.stereotype.Component;

/** The target-eligibility decision table ({@code bpmn/target-eligibility.dmn}) as deployed. */
@Component
public class TargetEligibilityRules {

    public static final String DECISION_KEY = "TargetEligibility";

    private final DeployedDecisions decisions;

    public TargetEligibilityRules(DeployedDecisions decisions) {
        this.decisions = decisions;
    }

    /** The latest deployed version, ready to evaluate many people. */
    public Evaluator latest() {
        return new Evaluator(decisions.latest(DECISION_KEY));
    }

    /** Evaluates the decision, once per distinct input. Not thread-safe: one per selection. */
    public static final class Evaluator {
        private final DeployedDecisions.Evaluator decision;

        Evaluator(DeployedDecisions.Evaluator decision) {
            this.decision = decision;
        }

        public String decisionDefinitionId() {
            return decision.decisionDefinitionId();
        }

        public EligibilityDecision decide(EligibilityInput input) {
            Map<String, Object> outputs = decision.evaluate(Map.of(
                    "insuredOnReferenceDate", input.insuredOnReferenceDate(),
                    "ageAtFiscalYearEnd", input.ageAtFiscalYearEnd(),
                    "attendedPreviousYear", input.attendedPreviousYear(),
                    "specialAddress", input.specialAddress(),
                    "awayCode", input.awayCode()));
            Object reason = outputs.get("exclusionReason");
            return new EligibilityDecision(Boolean.TRUE.equals(outputs.get("eligible")), reason == null ? null : reason.toString());
        }
    }
}
