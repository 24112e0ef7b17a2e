package jp.kenshin.outreach.cycle;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import jp.kenshin.outreach.calling.CallingHours;
import org.springframework.stereotype.Component;

/** Due dates of the ward's tasks: five working days for an address change. */
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
}
