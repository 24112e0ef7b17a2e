package jp.kenshin.outreach.members;

import static jp.kenshin.outreach.members.MemberColumns.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.kenshin.outreach.fileimport.CsvImportFile;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.Text;
import jp.kenshin.outreach.privacy.PersonalField;

/**
 * Checks and normalises one row of the members file (members.md). Every problem of a row is
 * reported with its column and reason; reasons never repeat the value.
 */
public final class MemberRowParser {

    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1880, 1, 1);

    /**
     * Lengths the format leaves open, capped where no real person reaches: a name of 100 characters (a
     * foreign resident's full name in katakana stays well under it), an address or building line of 200, a
     * phone number as recorded of 30. The file reader refuses anything over 1000 before this.
     */
    static final int MAX_NAME = 100;
    static final int MAX_ADDRESS = 200;
    static final int MAX_PHONE = 30;

    private final PhoneNumbers phoneNumbers;

    public MemberRowParser(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
    }

    public record Parsed(MemberRow row, List<ImportIssue> issues) {
        public boolean accepted() {
            return row != null;
        }
    }

    public Parsed parse(CsvImportFile.Row source) {
        int line = source.line();
        List<ImportIssue> issues = new ArrayList<>(2);

        String personNo = Text.number(source.get(PERSON_NO));
        if (personNo.isEmpty()) {
            issues.add(ImportIssue.rejected(line, PERSON_NO, "必須項目が空です"));
        } else if (!Text.isDigits(personNo) || personNo.length() > 15) {
            issues.add(ImportIssue.rejected(line, PERSON_NO, "1〜15桁の数字ではありません"));
        }

        String insurance = Text.halfWidthAscii(Text.trim(source.get(INSURANCE_NUMBER)));
        if (insurance.isEmpty()) {
            issues.add(ImportIssue.rejected(line, INSURANCE_NUMBER, "必須項目が空です"));
        } else if (insurance.length() > 20 || !isInsuranceNumberForm(insurance)) {
            issues.add(ImportIssue.rejected(line, INSURANCE_NUMBER, "英数字とハイフン20文字以内ではありません"));
        }

        String ticket = Text.number(source.get(TICKET_NUMBER));
        if (!ticket.isEmpty() && (ticket.length() != 11 || !Text.isDigits(ticket))) {
            issues.add(ImportIssue.rejected(line, TICKET_NUMBER, "11桁の数字ではありません"));
        }

        String kana = Text.fullWidthKana(Text.trim(source.get(KANA_NAME))).replace('\u3000', ' ');
        if (kana.isEmpty()) {
            issues.add(ImportIssue.rejected(line, KANA_NAME, "必須項目が空です"));
        } else if (kana.length() > MAX_NAME) {
            issues.add(tooLong(line, KANA_NAME, MAX_NAME));
        } else if (Text.notAName(kana)) {
            issues.add(ImportIssue.rejected(line, KANA_NAME, Text.NOT_A_NAME_REASON));
        } else if (!isKatakanaName(kana)) {
            issues.add(ImportIssue.rejected(line, KANA_NAME, "カタカナ以外の文字が含まれています"));
        }

        String kanji = Text.trim(source.get(KANJI_NAME));
        if (kanji.isEmpty()) {
            issues.add(ImportIssue.rejected(line, KANJI_NAME, "必須項目が空です"));
        } else if (kanji.length() > MAX_NAME) {
            issues.add(tooLong(line, KANJI_NAME, MAX_NAME));
        } else if (Text.notAName(kanji)) {
            issues.add(ImportIssue.rejected(line, KANJI_NAME, Text.NOT_A_NAME_REASON));
        }

        LocalDate birth = Text.requiredDate(source, BIRTH_DATE, issues);
        if (birth != null && birth.isBefore(EARLIEST_BIRTH)) {
            issues.add(ImportIssue.rejected(line, BIRTH_DATE, "ありえない日付です"));
            birth = null;
        }

        String sexText = Text.number(source.get(SEX));
        int sex = 0;
        if (sexText.isEmpty()) {
            issues.add(ImportIssue.rejected(line, SEX, "必須項目が空です"));
        } else if (sexText.equals("1") || sexText.equals("2")) {
            sex = sexText.charAt(0) - '0';
        } else {
            issues.add(ImportIssue.rejected(line, SEX, "1（男）または2（女）ではありません"));
        }

        String postal = Text.halfWidthAscii(Text.number(source.get(POSTAL_CODE)));
        if (postal.length() == 8 && postal.charAt(3) == '-') {
            postal = postal.substring(0, 3) + postal.substring(4);
        }
        if (postal.isEmpty()) {
            issues.add(ImportIssue.rejected(line, POSTAL_CODE, "必須項目が空です"));
        } else if (postal.length() != 7 || !Text.isDigits(postal)) {
            issues.add(ImportIssue.rejected(line, POSTAL_CODE, "7桁の郵便番号ではありません"));
        }

        String address = Text.trim(source.get(ADDRESS));
        if (address.isEmpty()) {
            issues.add(ImportIssue.rejected(line, ADDRESS, "必須項目が空です"));
        } else if (address.length() > MAX_ADDRESS) {
            issues.add(tooLong(line, ADDRESS, MAX_ADDRESS));
        } else if (Text.notAName(address)) {
            issues.add(ImportIssue.rejected(line, ADDRESS, Text.NOT_A_NAME_REASON));
        }
        String addressDetail = Text.trim(source.get(ADDRESS_DETAIL));
        if (addressDetail.length() > MAX_ADDRESS) {
            issues.add(tooLong(line, ADDRESS_DETAIL, MAX_ADDRESS));
        } else if (Text.notAnAddressDetail(addressDetail)) {
            issues.add(ImportIssue.rejected(line, ADDRESS_DETAIL, Text.NOT_A_NAME_REASON));
        }

        String phoneRecorded = Text.trim(source.get(PHONE));
        if (phoneRecorded.length() > MAX_PHONE) {
            issues.add(tooLong(line, PHONE, MAX_PHONE));
        }
        Optional<String> phone = phoneNumbers.callable(phoneRecorded);

        String special = Text.number(source.get(SPECIAL_ADDRESS));
        if (!special.isEmpty() && !special.equals("0") && !special.equals("1")) {
            issues.add(ImportIssue.rejected(line, SPECIAL_ADDRESS, "0、1または空ではありません"));
        }
        String away = Text.number(source.get(AWAY));
        if (!away.isEmpty() && !away.equals("0") && !away.equals("1") && !away.equals("2")) {
            issues.add(ImportIssue.rejected(line, AWAY, "0、1、2または空ではありません"));
        }

        LocalDate from = Text.requiredDate(source, QUALIFIED_FROM, issues);
        LocalDate until = null;
        String untilText = Text.number(source.get(QUALIFIED_UNTIL));
        if (!untilText.isEmpty()) {
            until = Text.yyyymmdd(untilText);
            if (until == null) {
                issues.add(ImportIssue.rejected(line, QUALIFIED_UNTIL, "YYYYMMDD形式の正しい日付ではありません"));
            } else if (from != null && until.isBefore(from)) {
                issues.add(ImportIssue.rejected(line, QUALIFIED_UNTIL, "資格取得年月日より前の日付です"));
            }
        }

        if (!issues.isEmpty()) {
            return new Parsed(null, issues);
        }
        Map<PersonalField, String> personal = new EnumMap<>(PersonalField.class);
        personal.put(PersonalField.INSURANCE_NUMBER, insurance);
        if (!ticket.isEmpty()) {
            personal.put(PersonalField.TICKET_NUMBER, ticket);
        }
        personal.put(PersonalField.KANA_NAME, kana);
        personal.put(PersonalField.KANJI_NAME, kanji);
        personal.put(PersonalField.BIRTH_DATE, birth.toString());
        personal.put(PersonalField.POSTAL_CODE, postal);
        personal.put(PersonalField.ADDRESS, address);
        if (!addressDetail.isEmpty()) {
            personal.put(PersonalField.ADDRESS_DETAIL, addressDetail);
        }
        phone.ifPresent(p -> personal.put(PersonalField.PHONE, p));
        personal.put(PersonalField.PERSON_NO, personNo);
        MemberRow row = new MemberRow(line, personNo, sex, birth, from, until, special.equals("1"),
                away.isEmpty() ? 0 : away.charAt(0) - '0', !phoneRecorded.isEmpty(), phone.isPresent(),
                ticket.isEmpty() ? null : ticket, personal);
        return new Parsed(row, List.of());
    }


    private static ImportIssue tooLong(int line, String column, int max) {
        return ImportIssue.rejected(line, column, "長すぎます（" + max + "文字まで）");
    }

    /** Letters, digits and hyphens only ([A-Za-z0-9-]+ on a value known not to be empty). */
    private static boolean isInsuranceNumberForm(String insurance) {
        for (int i = 0; i < insurance.length(); i++) {
            char c = insurance.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKatakanaName(String kana) {
        for (int i = 0; i < kana.length(); i++) {
            char c = kana.charAt(i);
            boolean katakana = c >= '\u30A1' && c <= '\u30FA' || c == 'ー' || c == '・' || c == 'ヽ' || c == 'ヾ';
            if (!katakana && c != ' ') {
                return false;
            }
        }
        return true;
    }
}
