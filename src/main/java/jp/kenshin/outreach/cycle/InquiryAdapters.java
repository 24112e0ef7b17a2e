package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.InquiryVariables.*;
import static jp.kenshin.outreach.process.ProcessVariables.*;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.Set;
import jp.kenshin.outreach.inquiry.InquiryCategory;
import jp.kenshin.outreach.inquiry.InquiryService;
import jp.kenshin.outreach.inquiry.InquiryService.Inquiry;
import jp.kenshin.outreach.privacy.PersonalDataService.AccessContext;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** The engine adapters of inquiry.bpmn. */
final class InquiryAdapters {

    private InquiryAdapters() {
    }

    /**
     * StartEvent_InquiryReceived: registers the inbound call; its id becomes the business key. Without a fiscal
     * year (the start form's field left empty) the call is about the current one, in the ward's time zone.
     */
    @Component("registerInquiryListener")
    static class Register implements ExecutionListener {
        private final InquiryService inquiries;
        private final Clock clock;

        Register(InquiryService inquiries, Clock clock) {
            this.inquiries = inquiries;
            this.clock = clock;
        }

        @Override
        public void notify(DelegateExecution execution) {
            if (execution.getVariable(INQUIRY_ID) != null) {
                return;
            }
            Object year = execution.getVariable(FISCAL_YEAR);
            int fiscalYear;
            if (year == null || year.toString().isBlank()) {
                fiscalYear = jp.kenshin.outreach.FiscalYear.of(LocalDate.now(clock));
            } else {
                try {
                    fiscalYear = new java.math.BigDecimal(year.toString().trim()).intValueExact();
                } catch (ArithmeticException | NumberFormatException e) {
                    throw new org.camunda.bpm.engine.ProcessEngineException("年度（fiscalYear）は 2026 のように西暦の数字で入力してください");
                }
            }
            String id = AdapterSupport.guarded(() -> inquiries.open(fiscalYear, AdapterSupport.user(execution)));
            inquiries.attachProcess(id, execution.getProcessInstanceId());
            execution.setVariable(FISCAL_YEAR, fiscalYear);
            execution.setVariable(INQUIRY_ID, id);
            execution.setProcessBusinessKey(id);
        }
    }

    /**
     * Task_AnswerInquiry, on complete: the answer is recorded (by the REST endpoint with its note, or here from
     * the category alone) and the follow-ups are decided from it.
     */
    @Component("inquiryAnsweredListener")
    static class Answered implements TaskListener {
        private final InquiryService inquiries;
        private final Clock clock;

        Answered(InquiryService inquiries, Clock clock) {
            this.inquiries = inquiries;
            this.clock = clock;
        }

        @Override
        public void notify(DelegateTask task) {
            String id = (String) task.getVariable(INQUIRY_ID);
            Inquiry inquiry = inquiries.find(id);
            if ("OPEN".equals(inquiry.state())) {
                InquiryCategory category = AdapterSupport.guarded(() -> InquiryCategory.parse(task.getVariable(INQUIRY_CATEGORY)));
                boolean escalate = Boolean.TRUE.equals(task.getVariable(ESCALATE));
                LocalDate due = AdapterSupport.date(task.getVariable(ESCALATION_DUE), clock.getZone());
                inquiry = AdapterSupport.guarded(() -> inquiries.answer(new Requester(AdapterSupport.user(task), Set.of()), id,
                        new InquiryService.Answer(category, null, escalate, due),
                        new AccessContext(task.getId(), task.getProcessInstanceId(), "問い合わせ回答の記録")));
            }
            task.setVariable(INQUIRY_CATEGORY, inquiry.category().name());
            task.setVariable(ESCALATE, inquiry.escalated());
            task.setVariable(ADDRESS_CHANGE, inquiry.category() == InquiryCategory.ADDRESS_CHANGE);
            task.setVariable(OPT_OUT, inquiry.category() == InquiryCategory.STOP_CONTACT);
            if (inquiry.escalationDue() != null) {
                task.setVariable(ESCALATION_DUE, Date.from(inquiry.escalationDue().atStartOfDay(clock.getZone()).toInstant()));
            }
        }
    }

    /** ServiceTask_RecordOptOut: the person's calls end and no further contact is made this cycle. */
    @Component("recordOptOutDelegate")
    static class RecordOptOut implements JavaDelegate {
        private final InquiryService inquiries;

        RecordOptOut(InquiryService inquiries) {
            this.inquiries = inquiries;
        }

        @Override
        public void execute(DelegateExecution execution) {
            AdapterSupport.guarded(() -> inquiries.optOut((String) execution.getVariable(INQUIRY_ID), AdapterSupport.user(execution)));
        }
    }

    /** ServiceTask_CloseInquiry. */
    @Component("closeInquiryDelegate")
    static class Close implements JavaDelegate {
        private final InquiryService inquiries;

        Close(InquiryService inquiries) {
            this.inquiries = inquiries;
        }

        @Override
        public void execute(DelegateExecution execution) {
            inquiries.close((String) execution.getVariable(INQUIRY_ID));
        }
    }
}
