package jp.kenshin.outreach.privacy;

import static jp.kenshin.outreach.privacy.ViewField.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The purposes the contractor may handle personal data for, with the fields of each: DESIGN.md's
 * purpose table, the law of the system. A purpose's view carries these fields and no others.
 */
public enum Purpose {
    NOTICE(EnumSet.of(INSURANCE_NUMBER, BIRTH_DATE, SEX, TICKET_NUMBER, KANA_NAME, KANJI_NAME, POSTAL_CODE, ADDRESS,
            ADDRESS_DETAIL)),
    INQUIRY(EnumSet.of(INSURANCE_NUMBER, BIRTH_DATE, SEX, TICKET_NUMBER, KANA_NAME, KANJI_NAME, POSTAL_CODE, ADDRESS,
            ADDRESS_DETAIL)),
    CALL(EnumSet.of(INSURANCE_NUMBER, BIRTH_DATE, SEX, TICKET_NUMBER, KANA_NAME, KANJI_NAME, POSTAL_CODE, ADDRESS,
            ADDRESS_DETAIL, PHONE)),
    ANALYSIS(EnumSet.of(CHECKUP_RESULTS, TICKET_NUMBER, BIRTH_DATE, SEX));

    private final Set<ViewField> fields;

    Purpose(Set<ViewField> fields) {
        this.fields = fields;
    }

    public Set<ViewField> fields() {
        return EnumSet.copyOf(fields);
    }
}
