package jp.kenshin.outreach.infrastructure;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The decision tables of bpmn/ as deployed (staff read them in Cockpit and change them in Modeler; the
 * latest version applies), evaluated with a standalone DMN engine: evaluating a table for every person
 * writes no decision history (whose inputs would outlive a cycle's deletion), and since a table is a
 * pure function of its inputs, each distinct input is evaluated once.
 */
@Component
public class DeployedDecisions {

    private final RepositoryService repositoryService;
    private final DmnEngine dmnEngine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

    public DeployedDecisions(RepositoryService repositoryService) {
        this.repositoryService = repositoryService;
    }

    /** The latest deployed version of a decision, ready to evaluate many inputs. */
    public Evaluator latest(String decisionKey) {
        DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery()
                .decisionDefinitionKey(decisionKey).latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("The decision " + decisionKey + " is not deployed");
        }
        try (InputStream model = repositoryService.getDecisionModel(definition.getId())) {
            return new Evaluator(definition.getId(), dmnEngine.parseDecision(decisionKey, model));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the decision " + definition.getId(), e);
        }
    }

    /** A given deployed version of a decision (by its decision definition id), ready to evaluate many inputs. */
    public Evaluator byId(String decisionKey, String decisionDefinitionId) {
        try (InputStream model = repositoryService.getDecisionModel(decisionDefinitionId)) {
            return new Evaluator(decisionDefinitionId, dmnEngine.parseDecision(decisionKey, model));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the decision " + decisionDefinitionId, e);
        }
    }

    /**
     * The latest version of a decision among those the application ships (deployed from bpmn/), leaving out the versions
     * deployed at run time, whose resource names start with {@code runtimePrefix}.
     */
    public Evaluator latestShipped(String decisionKey, String runtimePrefix) {
        DecisionDefinition definition = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(decisionKey)
                .orderByDecisionDefinitionVersion().desc().list().stream()
                .filter(d -> d.getResourceName() == null || !d.getResourceName().startsWith(runtimePrefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The decision " + decisionKey + " is not deployed"));
        return byId(decisionKey, definition.getId());
    }

    /**
     * Deploys a decision table made at run time as a new version of its decision (resource {@code resourceName}) and
     * returns the decision definition id of {@code decisionKey} in that deployment.
     */
    public String deploy(String deploymentName, String resourceName, String xml, String decisionKey) {
        // the definitions as the deployment returns them: inside a running engine command (a service task) a query
        // would not see the rows of this deployment yet
        return repositoryService.createDeployment().name(deploymentName)
                .addInputStream(resourceName, new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .deployWithResult().getDeployedDecisionDefinitions().stream().filter(d -> decisionKey.equals(d.getKey()))
                .findFirst().orElseThrow(() -> new IllegalStateException("The deployment " + deploymentName + " holds no decision "
                        + decisionKey))
                .getId();
    }

    /** Evaluates one decision, once per distinct input. Not thread-safe: one per run. */
    public final class Evaluator {
        private final String decisionDefinitionId;
        private final DmnDecision decision;
        private final Map<Map<String, Object>, Map<String, Object>> memo = new HashMap<>();

        Evaluator(String decisionDefinitionId, DmnDecision decision) {
            this.decisionDefinitionId = decisionDefinitionId;
            this.decision = decision;
        }

        public String decisionDefinitionId() {
            return decisionDefinitionId;
        }

        /** The first matching rule's outputs for the inputs. */
        public Map<String, Object> evaluate(Map<String, Object> inputs) {
            return memo.computeIfAbsent(Map.copyOf(inputs), key -> {
                DmnDecisionTableResult result = dmnEngine.evaluateDecisionTable(decision, Variables.fromMap(key));
                if (result.isEmpty()) {
                    throw new IllegalStateException("The decision " + decisionDefinitionId + " gave no result for " + key);
                }
                return new HashMap<>(result.getFirstResult().getEntryMap());
            });
        }
    }
}
