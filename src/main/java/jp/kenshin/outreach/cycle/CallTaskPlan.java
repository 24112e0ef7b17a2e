package jp.kenshin.outreach.cycle;

import static jp.kenshin.outreach.process.PhoneOutreachVariables.*;

import java.time.format.DateTimeFormatter;
import java.util.Date;
import jp.kenshin.outreach.calling.CallingProperties;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Task_CallPerson's priority, dates and row text, from the plan of the call: callbacks first, then retries, then
 * first calls; a retry is due at the end of its band, a first call after the configured days. The row names the
 * case, the kind of call, the attempt and the due time (ids and codes only, never the person).
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

    /** 初回, 再架電 or かけ直し. */
    public String kindLabel(VariableScope scope) {
        Object kind = scope.getVariable(CALL_KIND);
        return CALL_KIND_CALLBACK.equals(kind) ? "かけ直し" : CALL_KIND_RETRY.equals(kind) ? "再架電" : "初回";
    }

    /** The number this call will have: one more than the calls recorded. */
    public int attemptNo(VariableScope scope) {
        Object made = scope.getVariable(ATTEMPT_COUNT);
        return made instanceof Number n ? n.intValue() + 1 : 1;
    }

    private static final DateTimeFormatter ROW_DUE = DateTimeFormatter.ofPattern("M/d HH:mm");
    private static final DateTimeFormatter FULL_DUE = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");

    /** The task's name in Tasklist's list: 電話 CC2026N0000123・再架電・2回目・期限 12/14 17:00. */
    public String rowName(String caseId, VariableScope scope, Date due) {
        return "電話 " + caseId + "・" + kindLabel(scope) + "・" + attemptNo(scope) + "回目・期限 "
                + ROW_DUE.format(due.toInstant().atZone(properties.zone()));
    }

    /** The task's description: the same, with the year of the due time. */
    public String rowDescription(String caseId, VariableScope scope, Date due) {
        return "架電ケース " + caseId + "／" + kindLabel(scope) + "／" + attemptNo(scope) + "回目／期限 "
                + FULL_DUE.format(due.toInstant().atZone(properties.zone())) + "（" + properties.zone().getId() + "）";
    }

    public Date due(VariableScope scope) {
        Object at = scope.getVariable(CALL_DUE_AT);
        return at instanceof Date date ? date
                : Date.from(PhoneOutreachAdapters.now().plus(java.time.Duration.ofDays(properties.firstCallDueDays())));
    }
}
