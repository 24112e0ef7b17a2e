package jp.kenshin.outreach.cycle.guard;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * The engine's history event producer, checking first: the engine asks it for an event at every variable
 * stored, every process instance start and business key change, every task created or updated (see
 * {@link EngineInputGuard} for why here). A refusal ends the command, and its transaction rolls back.
 */
class GuardingHistoryEventProducer extends CacheAwareHistoryEventProducer {

    @Override
    public HistoryEvent createHistoricVariableCreateEvt(VariableInstanceEntity variableInstance, VariableScope sourceVariableScope) {
        EngineInputGuard.checkVariable(variableInstance);
        return super.createHistoricVariableCreateEvt(variableInstance, sourceVariableScope);
    }

    @Override
    public HistoryEvent createHistoricVariableUpdateEvt(VariableInstanceEntity variableInstance, VariableScope sourceVariableScope) {
        EngineInputGuard.checkVariable(variableInstance);
        return super.createHistoricVariableUpdateEvt(variableInstance, sourceVariableScope);
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
