package jp.kenshin.outreach.security;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.PHONE_OUTREACH_PROCESS_KEY;

import java.util.Map;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * How the engine authorizes the tasks offered to a group, where one grant on the process definition says the same as a
 * grant on each task (issue 13, operators at scale).
 *
 * <p>By default the engine writes, for every task offered to a group, an authorization row giving that group READ and
 * UPDATE on that one task. A year's 50,000 call tasks offered to the operators made 50,000 such rows, and every task
 * query of an operator joins the task table with their authorization rows on {@code AUTH.RESOURCE_ID_ IN (RES.ID_,
 * D.KEY_, '*')}: a nested loop of 50,000 tasks by 50,000 rows, about seven minutes for one {@code task/count}. The
 * operators' right to the call tasks is instead granted once, on the phone-outreach definition (READ_TASK and
 * TASK_WORK, see {@link GroupsAndAuthorizations}), and no row is written per call task for their group. The engine's
 * authorization stays on: the query still joins the operator's authorizations, which are now a handful of rows; a claim
 * and a completion are still checked (TASK_WORK on the definition, and on the task for its assignee, whose row the engine
 * still writes). Every other task and group keeps the engine's default rows.
 */
@Component
public class OfferedTaskAuthorizations extends AbstractProcessEnginePlugin {

    /** Process definition key -> the group whose right to that process's tasks is granted on the definition. */
    static final Map<String, String> GRANTED_ON_DEFINITION = Map.of(PHONE_OUTREACH_PROCESS_KEY, "contractor-operator");

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new Provider());
    }

    static boolean grantedOnDefinition(Task task, String groupId) {
        String definitionId = task.getProcessDefinitionId();
        if (definitionId == null || groupId == null) {
            return false;
        }
        int colon = definitionId.indexOf(':');
        String key = colon < 0 ? definitionId : definitionId.substring(0, colon);
        return groupId.equals(GRANTED_ON_DEFINITION.get(key));
    }

    /** The engine's default provider, except for a task offered to a group whose right is granted on the definition. */
    static final class Provider extends DefaultAuthorizationProvider {
        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
            return grantedOnDefinition(task, groupId) ? new AuthorizationEntity[0] : super.newTaskGroupIdentityLink(task, groupId, type);
        }

        @Override
        public AuthorizationEntity[] deleteTaskGroupIdentityLink(Task task, String groupId, String type) {
            return grantedOnDefinition(task, groupId) ? new AuthorizationEntity[0]
                    : super.deleteTaskGroupIdentityLink(task, groupId, type);
        }
    }
}
