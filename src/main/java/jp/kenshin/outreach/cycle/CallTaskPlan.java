package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.cycle.CycleVariables.*;

import java.util.Date;
import jp.kenshin.outreach.calling.CallingProperties;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Task_CallPerson's priority and dates, from the plan of the call: callbacks first, then retries, then
 * first calls; a retry is due at the end of its band, a first call after the configured days.
 */
@Component("callTaskPlan")
public class CallTaskPlan {
    private final CallingProperties properties;

    CallTaskPlan(CallingProperties properties) {
        this.properties = properties;
    }

    public int priority(VariableScope scope) {
        Object kind = scope.getVariable(CALL_KIND);
        return CALL_KIND_CALLBACK.equals(kind) ? 90 : CALL_KIND_RETRY.equals(kind) ? 60 : 50;
    }

    public Date followUp(VariableScope scope) {
        Object at = scope.getVariable(NEXT_CALL_AT);
        return at instanceof Date date ? date : Date.from(PhoneOutreachAdapters.now());
    }

    public Date due(VariableScope scope) {
        Object at = scope.getVariable(CALL_DUE_AT);
        return at instanceof Date date ? date
                : Date.from(PhoneOutreachAdapters.now().plus(java.time.Duration.ofDays(properties.firstCallDueDays())));
    }
}
