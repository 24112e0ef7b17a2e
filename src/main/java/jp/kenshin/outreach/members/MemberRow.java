package jp.kenshin.outreach.members;

import java.time.LocalDate;
import java.util.Map;
import jp.kenshin.outreach.privacy.PersonalField;

/** One accepted row of a members file, normalised. Personal values go only into the sealed record. */
public record MemberRow(int line, String personNo, int sex, LocalDate birthDate, LocalDate qualifiedFrom,
        LocalDate qualifiedUntil, boolean specialAddress, int awayCode, boolean phoneRecorded, boolean phoneUsable,
        String ticketNumber, Map<PersonalField, String> personal) {

    /**
     * Age at the end of the fiscal year by the legal age rule (one becomes a year older at the end of
     * the day before the birthday): floor(({FY+1}0401 − birth date as yyyymmdd) / 10000).
     */
    public static int ageAtFiscalYearEnd(LocalDate birthDate, int fiscalYear) {
        int reference = (fiscalYear + 1) * 10000 + 401;
        int birth = birthDate.getYear() * 10000 + birthDate.getMonthValue() * 100 + birthDate.getDayOfMonth();
        return Math.floorDiv(reference - birth, 10000);
    }
}
