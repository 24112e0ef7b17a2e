package jp.kenshin.outreach.cycle.guard;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.regex.Pattern;
import jp.kenshin.outreach.FiscalYears;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.variable.type.PrimitiveValueType;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The engine takes no personal data from anyone: a process engine plugin that admits, per process, only
 * the variables the process declares ({@link DeclaredVariables}, by name and type), business keys only of
 * the process's id shape, task assignees and owners only as user ids, and refuses contractor users any
 * rename or description of a task and any standalone task.
 *
 * <p>Where it hooks in, and why there (checked in the engine's source, 7.24): built-in variable listeners
 * of a BPMN scope ({@code ScopeImpl.addBuiltInVariableListener}) are only invoked for CMMN executions; a BPMN
 * execution's variable events go to conditional events only. Every variable the engine stores, on an
 * execution or a task, by any API (start, start form, task complete and form submit, setVariable(s),
 * modification, message correlation, call activity mappings, DMN result variables, multi-instance) passes
 * through {@code VariableInstanceHistoryListener}, which asks the history event producer for its create or
 * update event; so does every process instance start and business key change, and every task create or
 * update. This plugin installs a producer that checks before producing. It needs a history level that
 * produces variable events (audit or full; the application runs with audit), and refuses to start without.
 * Renames and standalone tasks are checked by a command checker, which the engine asks before it saves a
 * task ({@code SaveTaskCmd}, the REST {@code PUT /task/{id}} and {@code POST /task/create}) and before the
 * {@code setName}/{@code setDescription} commands are refused to contractor users before they run.
 * Comments and attachments, which the engine stores without any authorization check, are refused to everyone,
 * and identity links must name ids ({@link FreeTextCommandGuard}, a command interceptor).
 */
@Component
public class EngineInputGuard extends AbstractProcessEnginePlugin {

    /** A name that may be repeated in a refusal; anything else is not named. */
    private static final Pattern SHOWABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    /** User ids as the application creates them: ASCII, with at least one letter (never a bare phone number). */
    private static final Pattern USER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9._@-]{1,64}");

    /** The fiscal years the system takes (the same range as the API's and the imports'); 2000 to 2100 until set. */
    private static volatile FiscalYears fiscalYears = new FiscalYears(null, null);

    public EngineInputGuard(FiscalYears fiscalYears) {
        EngineInputGuard.fiscalYears = fiscalYears;
    }

    static boolean fiscalYearAdmitted(long year) {
        FiscalYears range = fiscalYears;
        return year >= range.earliest() && year <= range.latest();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventProducer(new GuardingHistoryEventProducer());
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPreCommandInterceptorsTxRequired(new java.util.ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(new FreeTextCommandGuard(configuration));
        if (configuration.getCustomPreCommandInterceptorsTxRequiresNew() == null) {
            configuration.setCustomPreCommandInterceptorsTxRequiresNew(new java.util.ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequiresNew().add(new FreeTextCommandGuard(configuration));
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!configuration.getHistoryLevel().isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_CREATE, null)
                || !configuration.getHistoryLevel().isHistoryEventProduced(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, null)) {
            throw new IllegalStateException("The engine's variable guard needs camunda.bpm.history-level audit or full (it is "
                    + configuration.getHistoryLevel().getName() + ")");
        }
        if (!(configuration.getHistoryEventProducer() instanceof GuardingHistoryEventProducer)) {
            throw new IllegalStateException("The engine's history event producer was replaced: the variable guard is not in place");
        }
        configuration.getCommandCheckers().add(contractorTaskChecker());
    }

    /** A variable about to be created or updated, on an execution or a task: its declared type, or a refusal. */
    static VariableType checkVariable(VariableInstanceEntity variable) {
        String name = variable.getName();
        ExecutionEntity execution = variable.getExecution();
        if (execution == null) {
            throw new EngineInputRefused("プロセスに属さない変数は受け付けません（変数 " + showable(name) + "）");
        }
        String processKey = execution.getProcessDefinition() == null ? null : execution.getProcessDefinition().getKey();
        DeclaredVariables.Process process = DeclaredVariables.of(processKey);
        VariableType type = process == null ? null : process.variables().get(name);
        if (type == null) {
            throw new EngineInputRefused("変数 " + showable(name) + " はプロセス " + processKey + " で宣言されていないため受け付けません");
        }
        TypedValue value = variable.getTypedValue(false);
        boolean primitive = value == null || value.getType() == null || value.getType() instanceof PrimitiveValueType;
        if (!primitive || !type.admits(value == null ? null : value.getValue())) {
            throw new EngineInputRefused("変数 " + showable(name) + " には" + type.describe() + "だけを入れられます");
        }
        return type;
    }

    /** A process instance started or its business key changed. */
    static void checkBusinessKey(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        if (businessKey == null) {
            return;
        }
        String processKey = execution instanceof ExecutionEntity e && e.getProcessDefinition() != null
                ? e.getProcessDefinition().getKey() : null;
        DeclaredVariables.Process process = DeclaredVariables.of(processKey);
        if (process == null) {
            throw new EngineInputRefused("プロセス " + processKey + " は業務キーを受け付けません");
        }
        if (!process.businessKey().matcher(businessKey).matches()) {
            throw new EngineInputRefused("業務キーの形が違います（プロセス " + processKey + " の業務キーは"
                    + process.businessKeyDescription() + "）");
        }
    }

    /** A task created or updated: its assignee and owner are user ids. */
    static void checkTaskPeople(DelegateTask task) {
        if (task.getAssignee() != null && !USER_ID.matcher(task.getAssignee()).matches()) {
            throw new EngineInputRefused("タスクの担当者（assignee）は利用者IDで指定してください");
        }
        if (task.getOwner() != null && !USER_ID.matcher(task.getOwner()).matches()) {
            throw new EngineInputRefused("タスクの所有者（owner）は利用者IDで指定してください");
        }
    }

    /** A task saved by a user (not one the process creates): its name and description stay the process's for contractors. */
    private static void checkRename(TaskEntity task) {
        if ((task.getPropertyChanges().containsKey(TaskEntity.NAME) || task.getPropertyChanges().containsKey(TaskEntity.DESCRIPTION))
                && contractor(Context.getProcessEngineConfiguration().getIdentityService())) {
            throw RENAME_REFUSED.get();
        }
    }

    static final java.util.function.Supplier<EngineInputRefused> RENAME_REFUSED =
            () -> new EngineInputRefused("委託先の利用者はタスクの名前と説明を変えられません");

    /** Whether the user the engine works for is of the contractor (an operator or the person in charge). */
    static boolean contractor(IdentityService identity) {
        Authentication authentication = identity.getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            return false;
        }
        List<String> groups = authentication.getGroupIds();
        if (groups == null || groups.isEmpty()) {
            groups = identity.createGroupQuery().groupMember(authentication.getUserId()).list().stream().map(Group::getId).toList();
        }
        return groups.contains(Requester.CONTRACTOR_OPERATOR) || groups.contains(Requester.CONTRACTOR_LEAD);
    }

    /** The variable's name if it has the shape of a name, else a placeholder (a name may be a value in disguise). */
    static String showable(String name) {
        return name != null && SHOWABLE_NAME.matcher(name).matches() ? name : "（変数名の形ではない名前）";
    }

    /** Asked by the engine before a task is saved (created or updated) or one of its properties is set. */
    static CommandChecker contractorTaskChecker() {
        return (CommandChecker) Proxy.newProxyInstance(CommandChecker.class.getClassLoader(), new Class<?>[] {CommandChecker.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "checkCreateTask" -> {
                            if (contractor(Context.getProcessEngineConfiguration().getIdentityService())) {
                                throw new EngineInputRefused("委託先の利用者はプロセスに属さないタスクを作れません");
                            }
                        }
                        case "checkTaskAssign" -> {
                            if (args != null && args.length == 1 && args[0] instanceof TaskEntity task) {
                                checkRename(task);
                            }
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "toString" -> {
                            return "EngineInputGuard.contractorTaskChecker";
                        }
                        default -> {
                            // every other check: nothing to add to the engine's own
                        }
                    }
                    return null;
                });
    }
}
