package jp.kenshin.outreach;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.privacy.PersonalCipher;
import jp.kenshin.outreach.privacy.PersonalField;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The 整理番号 of a year's members, for tests that check outcomes by the numbers of their files: the number is
 * kept only sealed (and as a keyed index), so it is read back by opening the sealed records.
 */
public final class PersonNumbers {

    private PersonNumbers() {
    }

    /** Member id → 整理番号 of every member of the fiscal year. */
    public static Map<Long, String> of(JdbcTemplate jdbc, PersonalCipher cipher, int fiscalYear) {
        Map<Long, String> numbers = new HashMap<>();
        jdbc.query("select id, person_index, personal from member where fiscal_year = ?", rs -> {
            numbers.put(rs.getLong("id"), cipher.openRecord(fiscalYear,
                    PersonalCipher.memberBinding(fiscalYear, rs.getBytes("person_index")), rs.getBytes("personal"))
                    .get(PersonalField.PERSON_NO));
        }, fiscalYear);
        return numbers;
    }

    /** The member ids of the fiscal year in 整理番号 order (as text, like the former clear column). */
    public static List<Long> idsInNumberOrder(JdbcTemplate jdbc, PersonalCipher cipher, int fiscalYear) {
        return of(jdbc, cipher, fiscalYear).entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }
}
