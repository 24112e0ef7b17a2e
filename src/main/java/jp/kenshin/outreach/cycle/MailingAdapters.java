package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.MailingVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import jp.kenshin.outreach.mailing.MailingProperties;
import jp.kenshin.outreach.mailing.MailingService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The engine adapters of mailing.bpmn. */
final class MailingAdapters {

    private MailingAdapters() {
    }


    /** ServiceTask_PlanMailing: the targets in postal-code order and batches (once; repeating changes nothing). */
    @Component("planMailingDelegate")
    static class Plan implements JavaDelegate {
        private final MailingService mailing;
        private final MailingProperties properties;

        Plan(MailingService mailing, MailingProperties properties) {
            this.mailing = mailing;
            this.properties = properties;
        }

        @Override
        public void execute(DelegateExecution execution) {
            MailingService.Plan plan = mailing.plan(AdapterSupport.fiscalYear(execution), properties.batchSize());
            execution.setVariable(BATCH_COUNT, plan.batches());
            execution.setVariable(CARD_COUNT, plan.cards());
        }
    }

    /**
     * ServiceTask_RenderBatch (one job per batch): the batch's PDF and CSV, once per job. The batches' jobs run in
     * parallel, on every node: two completing at once conflict on the multi-instance's counters and the engine rolls
     * one back and runs it again, and a node that stops mid-batch leaves its job to another node when the lock
     * expires. Either retry finds the files of its own execution in place and renders nothing again.
     */
    @Component("renderBatchDelegate")
    static class RenderBatch implements JavaDelegate {
        private final MailingService mailing;
        private final MailingProperties properties;

        RenderBatch(MailingService mailing, MailingProperties properties) {
            this.mailing = mailing;
            this.properties = properties;
        }

        @Override
        public void execute(DelegateExecution execution) {
            int fiscalYear = AdapterSupport.fiscalYear(execution);
            int batchNo = ((Number) execution.getVariable("loopCounter")).intValue() + 1;
            mailing.renderBatchOnce(fiscalYear, batchNo, properties.directory(fiscalYear), execution.getId());
        }
    }

    /** ServiceTask_RenderManifest: the 差出票 next to the batches. */
    @Component("renderManifestDelegate")
    static class RenderManifest implements JavaDelegate {
        private final MailingService mailing;
        private final MailingProperties properties;

        RenderManifest(MailingService mailing, MailingProperties properties) {
            this.mailing = mailing;
            this.properties = properties;
        }

        @Override
        public void execute(DelegateExecution execution) {
            int fiscalYear = AdapterSupport.fiscalYear(execution);
            try {
                Files.createDirectories(properties.directory(fiscalYear));
                Files.write(properties.directory(fiscalYear).resolve("manifest.pdf"), mailing.manifest(fiscalYear));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Task_RecordDispatch: the dispatch date; returned mail is accepted until it plus the configured days. */
    @Component("recordDispatchTaskCheck")
    static class RecordDispatch implements TaskListener {
        private final MailingService mailing;
        private final MailingProperties properties;
        private final Clock clock;

        RecordDispatch(MailingService mailing, MailingProperties properties, Clock clock) {
            this.mailing = mailing;
            this.properties = properties;
            this.clock = clock;
        }

        @Override
        public void notify(DelegateTask task) {
            ZoneId zone = clock.getZone();
            LocalDate dispatched = AdapterSupport.guarded(() -> {
                LocalDate date = DispatchDates.parse(task.getVariable(DISPATCH_DATE), zone);
                DispatchDates.check(date, LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone),
                        proofApprovedOn(task, zone), properties.dispatchMaxDaysPast());
                return date;
            });
            // the cycle and the calls read the date in ISO form, whichever way it was typed
            task.setVariable(DISPATCH_DATE, dispatched.toString());
            mailing.recordDispatch(AdapterSupport.fiscalYear(task), dispatched, AdapterSupport.user(task));
            task.setVariable(RETURNED_MAIL_CLOSING, Date.from(dispatched.plusDays(properties.returnedMailDays())
                    .atStartOfDay(clock.getZone()).toInstant()));
        }

        /** The day (in zone) the proof was last approved in this mailing, from the engine's history; null if none. */
        private static LocalDate proofApprovedOn(DelegateTask task, ZoneId zone) {
            // the approval belongs to the process, not to what the signed-in user may read of the history
            List<HistoricTaskInstance> approvals = Context.getCommandContext().runWithoutAuthorization(() ->
                    task.getProcessEngineServices().getHistoryService().createHistoricTaskInstanceQuery()
                            .processInstanceId(task.getProcessInstanceId()).taskDefinitionKey(TASK_APPROVE_PROOF).finished()
                            .orderByHistoricTaskInstanceEndTime().desc().listPage(0, 1));
            return approvals.isEmpty() || approvals.get(0).getEndTime() == null ? null
                    : LocalDate.ofInstant(approvals.get(0).getEndTime().toInstant(), zone);
        }
    }
}
