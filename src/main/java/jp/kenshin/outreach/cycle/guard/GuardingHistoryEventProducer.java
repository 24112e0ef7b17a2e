package jp.kenshin.outreach.cycle.guard;

import jp.kenshin.outreach.infrastructure.logging.WithheldMessages;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.runtime.Job;

/**
 * The engine's history event producer, checking first: the engine asks it for an event at every variable
 * stored, every process instance start and business key change, every task created or updated (see
 * {@link EngineInputGuard} for why here). A refusal ends the command, and its transaction rolls back.
 */
class GuardingHistoryEventProducer extends CacheAwareHistoryEventProducer {

    @Override
    public HistoryEvent createHistoricVariableCreateEvt(VariableInstanceEntity variableInstance, VariableScope sourceVariableScope) {
        VariableType type = EngineInputGuard.checkVariable(variableInstance);
        return keptOut(type, super.createHistoricVariableCreateEvt(variableInstance, sourceVariableScope));
    }

    @Override
    public HistoryEvent createHistoricVariableUpdateEvt(VariableInstanceEntity variableInstance, VariableScope sourceVariableScope) {
        VariableType type = EngineInputGuard.checkVariable(variableInstance);
        return keptOut(type, super.createHistoricVariableUpdateEvt(variableInstance, sourceVariableScope));
    }

    /** A failed job's log entry (history level full) with its failure as the engine keeps it elsewhere ({@code JobFailures}). */
    @Override
    public HistoryEvent createHistoricJobLogFailedEvt(Job job, Throwable exception) {
        return super.createHistoricJobLogFailedEvt(job, WithheldMessages.forTheEngine(exception));
    }

    /** The history records that the variable was there, not its value, when its declaration says so. */
    private static HistoryEvent keptOut(VariableType type, HistoryEvent event) {
        if (type.keptOutOfHistory() && event instanceof HistoricVariableUpdateEventEntity variable) {
            variable.setTextValue(null);
            variable.setTextValue2(null);
            variable.setLongValue(null);
            variable.setDoubleValue(null);
            variable.setByteValue(null);
        }
        return event;
    }

    @Override
    public HistoryEvent createProcessInstanceStartEvt(DelegateExecution execution) {
        EngineInputGuard.checkBusinessKey(execution);
        return super.createProcessInstanceStartEvt(execution);
    }

    @Override
    public HistoryEvent createProcessInstanceUpdateEvt(DelegateExecution execution) {
        EngineInputGuard.checkBusinessKey(execution);
        return super.createProcessInstanceUpdateEvt(execution);
    }

    @Override
    public HistoryEvent createTaskInstanceCreateEvt(DelegateTask task) {
        EngineInputGuard.checkTaskPeople(task);
        return super.createTaskInstanceCreateEvt(task);
    }

    @Override
    public HistoryEvent createTaskInstanceUpdateEvt(DelegateTask task) {
        EngineInputGuard.checkTaskPeople(task);
        return super.createTaskInstanceUpdateEvt(task);
    }
}
