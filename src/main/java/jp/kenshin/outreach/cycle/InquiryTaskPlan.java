package jp.kenshin.outreach.cycle;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import jp.kenshin.outreach.calling.CallingHours;
import jp.kenshin.outreach.process.InquiryVariables;
import org.springframework.stereotype.Component;

/** Due dates of the ward's tasks: five working days for an address change (sooner if escalated with an earlier date). */
@Component("inquiryTaskPlan")
public class InquiryTaskPlan {
    private final CallingHours hours;
    private final Clock clock;

    InquiryTaskPlan(CallingHours hours, Clock clock) {
        this.hours = hours;
        this.clock = clock;
    }

    public Date addressChangeDue() {
        return Date.from(hours.plusWorkingDays(LocalDate.now(clock), 5).atStartOfDay(clock.getZone()).toInstant());
    }

    /**
     * Task_ForwardAddressChange: five working days, or the escalation's due date when the desk also asked the
     * ward to act and that comes sooner (an address change is one ward task, escalated or not).
     */
    public Date addressChangeDue(org.camunda.bpm.engine.delegate.VariableScope execution) {
        Date due = addressChangeDue();
        boolean escalated = Boolean.TRUE.equals(execution.getVariable(InquiryVariables.ESCALATE));
        return escalated && execution.getVariable(InquiryVariables.ESCALATION_DUE) instanceof Date escalation && escalation.before(due)
                ? escalation : due;
    }
}
