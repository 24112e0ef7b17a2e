package jp.kenshin.outreach.compliance;

import static jp.kenshin.outreach.process.IncidentReportVariables.INCIDENT_PROCESS_KEY;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import jp.kenshin.outreach.privacy.DoorProperties;
import jp.kenshin.outreach.privacy.ReadBudgetExceeded;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts the ward when a user went past the door's read budget (provision 11): raises an incident and starts its
 * incident-report process, as an incident raised through the API does. Once per user and window (the door publishes
 * it once); the incident carries the user id, the counts and the window, nothing of the persons read.
 */
@Component
class ReadBudgetAlerts {

    static final String RAISED_BY = "system:door";

    private static final Logger log = LoggerFactory.getLogger(ReadBudgetAlerts.class);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final IncidentService incidents;
    private final RuntimeService runtime;
    private final IdentityService identity;
    private final DoorProperties door;
    private final Clock clock;
    private final ZoneId zone;
    private final TransactionTemplate ownTransaction;

    ReadBudgetAlerts(IncidentService incidents, RuntimeService runtime, IdentityService identity, DoorProperties door,
            PlatformTransactionManager transactions, Clock clock) {
        this.clock = clock;
        this.zone = clock.getZone();
        this.incidents = incidents;
        this.runtime = runtime;
        this.identity = identity;
        this.door = door;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    void exceeded(ReadBudgetExceeded exceeded) {
        String window = "HOUR".equals(exceeded.window())
                ? SHOWN.format(exceeded.windowStart().atZone(zone)) + " からの 1 時間"
                : SHOWN.format(exceeded.windowStart().atZone(zone)).substring(0, 10) + " の 1 日";
        String summary = "個人情報の閲覧が上限を超えたため、窓口が閲覧を止めました（不正な持ち出しの疑い）。利用者 " + exceeded.userId()
                + "、期間 " + window + "、閲覧 " + exceeded.personsRead() + " 人（上限 " + exceeded.limit() + " 人）。この 1 時間 "
                + exceeded.hourCount() + " 人（上限 " + door.personsPerHour() + " 人）、この日 " + exceeded.dayCount() + " 人（上限 "
                + door.personsPerDay() + " 人）。閲覧の内容は監査ログで確認してください。";
        Authentication current = identity.getCurrentAuthentication();
        identity.clearAuthentication(); // started by the system, not as the user who was refused
        try {
            ownTransaction.executeWithoutResult(status -> {
                IncidentService.Raised raised = incidents.raise(exceeded.fiscalYear(), "その他",
                        LocalDate.now(clock), exceeded.personsRead(), summary, RAISED_BY);
                runtime.startProcessInstanceByKey(INCIDENT_PROCESS_KEY, raised.businessKey(),
                        raised.processVariables(exceeded.fiscalYear()));
                log.warn("Read budget exceeded by user {} ({} window, {} persons, limit {}): incident {} raised",
                        exceeded.userId(), exceeded.window(), exceeded.personsRead(), exceeded.limit(), raised.id());
            });
        } catch (RuntimeException e) {
            // the door has refused already; the alert is retried at the next window at the latest
            log.error("Read budget exceeded by user {}: the incident could not be raised ({})", exceeded.userId(),
                    e.getClass().getSimpleName());
        } finally {
            if (current != null) {
                identity.setAuthentication(current);
            }
        }
    }
}
