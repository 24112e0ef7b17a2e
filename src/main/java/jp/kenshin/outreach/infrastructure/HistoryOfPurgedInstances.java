package jp.kenshin.outreach.infrastructure;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * The history of instances that are cancelled only to be purged is not written.
 *
 * <p>A year's deletion cancels what still runs of the year and purges its whole history right after. Cancelling
 * one instance through the engine writes, at history level audit, the end of its activity instances, its tasks
 * and its variables: a read and an update each, all deleted a moment later. While {@link #skippedDuring} runs,
 * the engine's history handler drops those events; only the end of each process instance is kept, because the
 * engine purges the history of ended instances only. Everything else the engine does (the runtime rows, the
 * authorizations, the jobs) is done as always.
 */
@Component
public class HistoryOfPurgedInstances extends AbstractProcessEnginePlugin {

    private static final ThreadLocal<Boolean> SKIPPING = ThreadLocal.withInitial(() -> false);

    /** Runs the work on this thread with the history of what it ends dropped, but for the process instances' ends. */
    public static void skippedDuring(Runnable work) {
        SKIPPING.set(true);
        try {
            work.run();
        } finally {
            SKIPPING.remove();
        }
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new Skipping(configuration.getHistoryEventHandler()));
    }

    private record Skipping(HistoryEventHandler handler) implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!SKIPPING.get() || kept(event)) {
                handler.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            for (HistoryEvent event : events) {
                handleEvent(event);
            }
        }

        private static boolean kept(HistoryEvent event) {
            return HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(event.getEventType());
        }
    }
}
