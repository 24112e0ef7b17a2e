package jp.kenshin.outreach;

import java.time.LocalDate;

/** Japan's fiscal year (年度): April to March, named by the year it starts in. */
public final class FiscalYear {

    private FiscalYear() {
    }

    /** The fiscal year a day belongs to: 2027-03-31 is in 2026, 2027-04-01 in 2027. */
    public static int of(LocalDate day) {
        return day.getMonthValue() >= 4 ? day.getYear() : day.getYear() - 1;
    }
}
