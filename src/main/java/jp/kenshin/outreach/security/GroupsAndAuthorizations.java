package jp.kenshin.outreach.security;

import static jp.kenshin.outreach.process.EffectAnalysisVariables.EFFECT_ANALYSIS_PROCESS_KEY;
import static jp.kenshin.outreach.process.ExportApprovalVariables.EXPORT_APPROVAL_PROCESS_KEY;
import static jp.kenshin.outreach.process.IncidentReportVariables.INCIDENT_PROCESS_KEY;
import static jp.kenshin.outreach.process.InquiryVariables.INQUIRY_PROCESS_KEY;
import static jp.kenshin.outreach.process.PhoneOutreachVariables.PHONE_OUTREACH_PROCESS_KEY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The groups of DESIGN.md and what each may do in the engine, created at start-up when missing
 * (staff may extend them in the Admin webapp). Tasks are seen through their candidate group: the
 * engine grants a task to the groups it is offered to, so an operator sees only the operators' tasks.
 */
@Component
@Order(0)
public class GroupsAndAuthorizations implements ApplicationRunner {

    public record GroupDefinition(String id, String name, String type) {
    }

    public static final List<GroupDefinition> GROUPS = List.of(
            new GroupDefinition("ward-staff", "区 健康推進課 健診係", "WORKFLOW"),
            new GroupDefinition("contractor-lead", "委託先 取扱責任者", "WORKFLOW"),
            new GroupDefinition("contractor-operator", "委託先 取扱者", "WORKFLOW"),
            new GroupDefinition("analyst", "効果分析担当", "WORKFLOW"),
            new GroupDefinition("auditor", "区 個人情報保護・監査担当", "WORKFLOW"),
            new GroupDefinition("camunda-admin", "システム管理者", "SYSTEM"));

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    public GroupsAndAuthorizations(IdentityService identity, AuthorizationService authorizations) {
        this.identity = identity;
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (GroupDefinition g : GROUPS) {
            if (identity.createGroupQuery().groupId(g.id()).count() == 0) {
                Group group = identity.newGroup(g.id());
                group.setName(g.name());
                group.setType(g.type());
                identity.saveGroup(group);
            }
        }
        for (Resource resource : Resources.values()) {
            grant("camunda-admin", resource, "*", Permissions.ALL);
        }
        grant("ward-staff", Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant("ward-staff", Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        for (Resource resource : List.of(Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE, Resources.TASK)) {
            grant("ward-staff", resource, "*", Permissions.ALL);
        }
        for (Resource resource : List.of(Resources.DECISION_DEFINITION, Resources.DECISION_REQUIREMENTS_DEFINITION,
                Resources.DEPLOYMENT, Resources.FILTER)) {
            grant("ward-staff", resource, "*", Permissions.READ);
        }
        for (String group : List.of("contractor-lead", "contractor-operator", "analyst", "auditor")) {
            grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(group, Resources.FILTER, "*", Permissions.READ);
        }
        // the desk: operators start an inquiry per inbound call; the person in charge sees all calls and inquiries
        grant("contractor-operator", Resources.PROCESS_DEFINITION, INQUIRY_PROCESS_KEY, Permissions.READ, Permissions.CREATE_INSTANCE);
        grant("contractor-lead", Resources.PROCESS_DEFINITION, INQUIRY_PROCESS_KEY, Permissions.READ, Permissions.CREATE_INSTANCE,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_INSTANCE);
        grant("contractor-lead", Resources.PROCESS_DEFINITION, PHONE_OUTREACH_PROCESS_KEY, Permissions.READ,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.READ_INSTANCE);
        // the operators' call tasks: granted once on the definition instead of one row per task (OfferedTaskAuthorizations);
        // no READ on the definition itself, so phone outreach is not offered to them as a process to start
        grant("contractor-operator", Resources.PROCESS_DEFINITION, PHONE_OUTREACH_PROCESS_KEY, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.TASK_WORK);
        // the analyst works the effect analysis's task (offered to the analyst group) and sees its process
        grant("analyst", Resources.PROCESS_DEFINITION, EFFECT_ANALYSIS_PROCESS_KEY, Permissions.READ);
        // anyone of the contractor may raise an incident or ask to export (provisions 11 and 5)
        for (String group : List.of("contractor-lead", "contractor-operator", "analyst")) {
            for (String process : List.of(INCIDENT_PROCESS_KEY, EXPORT_APPROVAL_PROCESS_KEY)) {
                grant(group, Resources.PROCESS_DEFINITION, process, Permissions.READ, Permissions.CREATE_INSTANCE);
            }
            grant(group, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        boolean exists = authorizations.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
                .resourceId(resourceId).count() > 0;
        if (exists) {
            return;
        }
        Authorization authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }
}
