package jp.kenshin.outreach.cycle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import jp.kenshin.outreach.calling.CallingHours;
import org.springframework.stereotype.Component;

/** Due dates of the ward's tasks: five working days for an address change. */
@Component("inquiryTaskPlan")
public class InquiryTaskPlan {
    private final CallingHours hours;

    InquiryTaskPlan(CallingHours hours) {
        this.hours = hours;
    }

    public Date addressChangeDue() {
        return Date.from(hours.plusWorkingDays(LocalDate.now(), 5).atStartOfDay(ZoneId.systemDefault()).toInstant());
    }
}
