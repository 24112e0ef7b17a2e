package jp.kenshin.outreach.synthetic;

import java.time.LocalDate;

/**
 * One synthetic member as drawn by {@link SyntheticPopulation#person(long)}: the facts the results
 * need (birth, sex, insurance period, ticket, attendance habit) and the members-file row as written
 * (with the deliberate noise of a real export: padding, full-width digits, odd phone forms).
 */
final class SyntheticPerson {

    /** How the recorded phone number turned out. */
    enum Phone {
        USABLE, MALFORMED, NONE
    }

    /** Checkup habit; fixed for the person, so attendance is sticky across years. */
    enum Habit {
        REGULAR, OCCASIONAL, NEVER
    }

    final long index;
    final long personNo;
    final LocalDate birth;
    final int sex;
    final int ageAtFiscalYearEnd;
    final LocalDate acquired;
    /** First day not insured; null while insured. */
    final LocalDate lost;
    /** This fiscal year's ticket number; null when none is issued. */
    final String ticket;
    final Habit habit;
    final Phone phone;
    /** The members-file fields in {@link SyntheticWardGenerator#MEMBER_COLUMNS} order, as written. */
    final String[] memberFields;

    SyntheticPerson(long index, long personNo, LocalDate birth, int sex, int ageAtFiscalYearEnd, LocalDate acquired,
            LocalDate lost, String ticket, Habit habit, Phone phone, String[] memberFields) {
        this.index = index;
        this.personNo = personNo;
        this.birth = birth;
        this.sex = sex;
        this.ageAtFiscalYearEnd = ageAtFiscalYearEnd;
        this.acquired = acquired;
        this.lost = lost;
        this.ticket = ticket;
        this.habit = habit;
        this.phone = phone;
        this.memberFields = memberFields;
    }

    /** Insured on that day: acquired on or before it and not yet lost. */
    boolean insuredOn(LocalDate day) {
        return !acquired.isAfter(day) && (lost == null || lost.isAfter(day));
    }
}
