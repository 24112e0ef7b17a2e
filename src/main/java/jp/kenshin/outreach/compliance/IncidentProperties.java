package jp.kenshin.outreach.compliance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Deadlines of an incident (provision 11): the ward's immediate notice, the contractor's written
 * report, and the reminder before the report falls due.
 */
@ConfigurationProperties("kenshin.incident")
public record IncidentProperties(Duration noticeWithin, Duration reportWithin, Duration remindBefore) {

    public IncidentProperties {
        noticeWithin = noticeWithin == null ? Duration.ofHours(4) : noticeWithin;
        reportWithin = reportWithin == null ? Duration.ofDays(7) : reportWithin;
        remindBefore = remindBefore == null ? Duration.ofDays(2) : remindBefore;
    }
}
