package jp.kenshin.outreach.selection;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The target-eligibility decision table ({@code bpmn/target-eligibility.dmn}) as deployed: staff read
 * it in Cockpit and change it in Modeler, and the next selection uses the latest version.
 *
 * <p>The table is evaluated with a standalone DMN engine, not through the process engine's decision
 * service, so a selection of a million people writes no decision history (whose inputs would outlive
 * the cycle's deletion). A decision table is a pure function of its inputs, so each distinct input
 * is evaluated once per selection.
 */
@Component
public class TargetEligibilityRules {

    public static final String DECISION_KEY = "TargetEligibility";

    private final RepositoryService repositoryService;
    private final DmnEngine dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    public TargetEligibilityRules(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    /** The latest deployed version, ready to evaluate many people. */
    public Evaluator latest() {
        DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
                .decisionDefinitionKey(DECISION_KEY).latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("The decision " + DECISION_KEY + " is not deployed");
        }
        try (InputStream model = repositoryService.getDecisionModel(definition.getId())) {
            DmnDecision decision = dmnEngine.parseDecision(DECISION_KEY, model);
            return new Evaluator(definition.getId(), decision);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read the decision " + definition.getId(), e);
        }
    }

    /** Evaluates the decision, once per distinct input. Not thread-safe: one per selection. */
    public final class Evaluator {
        private final String decisionDefinitionId;
        private final DmnDecision decision;
        private final Map<EligibilityInput, EligibilityDecision> memo = new HashMap<>();

        Evaluator(String decisionDefinitionId, DmnDecision decision) {
            this.decisionDefinitionId = decisionDefinitionId;
            this.decision = decision;
        }

        public String decisionDefinitionId() {
            return decisionDefinitionId;
        }

        public EligibilityDecision decide(EligibilityInput input) {
            return memo.computeIfAbsent(input, this::evaluate);
        }

        private EligibilityDecision evaluate(EligibilityInput input) {
            VariableMap variables = Variables.createVariables()
                    .putValue("insuredOnReferenceDate", input.insuredOnReferenceDate())
                    .putValue("ageAtFiscalYearEnd", input.ageAtFiscalYearEnd())
                    .putValue("attendedPreviousYear", input.attendedPreviousYear())
                    .putValue("specialAddress", input.specialAddress())
                    .putValue("awayCode", input.awayCode());
            DmnDecisionTableResult result = dmnEngine.evaluateDecisionTable(decision, variables);
            if (result.isEmpty()) {
                throw new IllegalStateException("The decision " + decisionDefinitionId + " gave no result for " + input);
            }
            DmnDecisionRuleResult entries = result.getFirstResult();
            Object eligible = entries.get("eligible");
            Object reason = entries.get("exclusionReason");
            return new EligibilityDecision(Boolean.TRUE.equals(eligible), reason == null ? null : reason.toString());
        }
    }
}
