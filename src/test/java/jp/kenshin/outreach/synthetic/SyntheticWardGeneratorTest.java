package jp.kenshin.outreach.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticWardGeneratorTest {

    private static final int FY = 2026;
    private static final int N = 20_000;
    private static final Charset CP932 = Charset.forName("windows-31j");

    /** The column list of shared/formats/members.md, in its order. */
    private static final String MEMBERS_MD_HEADER = "整理番号,国保記号番号,受診券整理番号,カナ氏名,漢字氏名,生年月日,性別,郵便番号,"
            + "漢字住所,漢字方書,電話番号,住所地特例フラグ,マル学・マル遠区分,資格取得年月日,資格喪失年月日,資格証区分,資格取得事由,"
            + "資格取得届出日,資格喪失事由,資格喪失届出日,保険証回収日,旧国保記号番号,旧住民番号,旧記号番号有効日";

    /** The CSV header of shared/formats/checkup-results.md. */
    private static final String RESULTS_MD_HEADER = "年度,整理番号,受診券整理番号,生年月日,性別,実施年月日,健診機関番号,身長,体重,BMI,"
            + "腹囲,収縮期血圧,拡張期血圧,中性脂肪,HDLコレステロール,LDLコレステロール,空腹時血糖,HbA1c,保健指導レベル";

    private static final SyntheticWardSpec SPEC = new SyntheticWardSpec(20260401L, N, FY, StandardCharsets.UTF_8);

    private static String membersText;
    private static List<List<String>> members;
    private static Map<String, List<String>> memberByNo;
    private static List<List<String>> previousResults;
    private static List<List<String>> currentResults;

    @BeforeAll
    static void generate() throws IOException {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(SPEC);
        membersText = decodeStrictly(members(generator), StandardCharsets.UTF_8);
        members = parseCsv(membersText);
        memberByNo = new HashMap<>();
        for (List<String> row : members.subList(1, members.size())) {
            memberByNo.put(number(row.get(0)), row);
        }
        previousResults = parseCsv(decodeStrictly(results(generator, FY - 1), StandardCharsets.UTF_8));
        currentResults = parseCsv(decodeStrictly(results(generator, FY), StandardCharsets.UTF_8));
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedOthers() throws IOException {
        for (Charset encoding : List.of(CP932, StandardCharsets.UTF_8)) {
            SyntheticWardSpec spec = new SyntheticWardSpec(99, 3_000, FY, encoding);
            SyntheticWardGenerator first = new SyntheticWardGenerator(spec);
            SyntheticWardGenerator second = new SyntheticWardGenerator(new SyntheticWardSpec(99, 3_000, FY, encoding));
            SyntheticWardGenerator other = new SyntheticWardGenerator(new SyntheticWardSpec(100, 3_000, FY, encoding));

            assertThat(members(first)).isEqualTo(members(second)).isNotEqualTo(members(other));
            assertThat(results(first, FY - 1)).isEqualTo(results(second, FY - 1)).isNotEqualTo(results(other, FY - 1));
            assertThat(results(first, FY)).isEqualTo(results(second, FY)).isNotEqualTo(results(other, FY));
            // the same generator written twice is the same too
            assertThat(members(first)).isEqualTo(members(first));
        }
    }

    @Test
    void personIsTheSameWhateverTheWardSize() throws IOException {
        SyntheticWardGenerator small = new SyntheticWardGenerator(new SyntheticWardSpec(SPEC.seed(), 500, FY,
                StandardCharsets.UTF_8));
        List<List<String>> smallRows = parseCsv(decodeStrictly(members(small), StandardCharsets.UTF_8));
        assertThat(smallRows).isEqualTo(members.subList(0, 501));
    }

    @Test
    void headersAreTheColumnListsOfTheFormats() {
        assertThat(membersText).startsWith(MEMBERS_MD_HEADER + "\r\n");
        assertThat(String.join(",", SyntheticWardGenerator.MEMBER_COLUMNS)).isEqualTo(MEMBERS_MD_HEADER);
        assertThat(String.join(",", previousResults.get(0))).isEqualTo(RESULTS_MD_HEADER);
        assertThat(String.join(",", currentResults.get(0))).isEqualTo(RESULTS_MD_HEADER);
    }

    @Test
    void oneRowPerPersonWithCrlfLineEnds() {
        assertThat(members).hasSize(N + 1);
        assertThat(members).allSatisfy(row -> assertThat(row).hasSize(24));
        assertThat(membersText).endsWith("\r\n");
        assertThat(membersText.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        assertThat(membersText).doesNotStartWith("\uFEFF");
        assertThat(memberByNo).hasSize(N);
        assertThat(memberByNo).containsKeys("100000001", Long.toString(100000000L + N));
    }

    @Test
    void fieldsWithCommasOrQuotesAreQuoted() {
        List<String> details = members.stream().map(row -> row.get(9)).toList();
        assertThat(details).anyMatch(d -> d.contains(","));
        assertThat(details).anyMatch(d -> d.contains("\""));
        assertThat(membersText).contains("\"\""); // a doubled quote inside a quoted field
    }

    @Test
    void cp932FileKeepsCharactersShiftJisLacks() throws IOException {
        SyntheticWardGenerator cp932 = new SyntheticWardGenerator(new SyntheticWardSpec(SPEC.seed(), 2_000, FY, CP932));
        SyntheticWardGenerator utf8 = new SyntheticWardGenerator(new SyntheticWardSpec(SPEC.seed(), 2_000, FY,
                StandardCharsets.UTF_8));
        byte[] bytes = members(cp932);
        String decoded = decodeStrictly(bytes, CP932);

        assertThat(decoded).contains("髙", "﨑", "①", "㈱", "\uFF5E");
        assertThat(decoded).isEqualTo(decodeStrictly(members(utf8), StandardCharsets.UTF_8));
        assertThat(new String(decoded.getBytes(CP932), CP932)).isEqualTo(decoded);
        assertThat(Charset.forName("Shift_JIS").newEncoder().canEncode("髙﨑①㈱")).isFalse();
        // half-width katakana and full-width digits are present too
        assertThat(decoded).containsPattern("[\uFF66-\uFF9D]+ [\uFF66-\uFF9D]+");
        assertThat(decoded).containsPattern("[０-９]");
    }

    @Test
    void aboutEightyTwoPercentOfThe40To74HaveAUsableNumber() {
        int people = 0;
        int usable = 0;
        for (List<String> row : rows(members)) {
            int age = ageAtFiscalYearEnd(date(row.get(5)), FY);
            if (age >= 40 && age <= 74) {
                people++;
                if (usablePhone(row.get(10))) {
                    usable++;
                }
            }
        }
        assertThat(people).isGreaterThan(N / 2);
        assertThat((double) usable / people).isBetween(0.79, 0.85);
    }

    @Test
    void agesFollowTheNationalHealthInsurance() {
        int aged65to74 = 0;
        Set<String> edges = new HashSet<>();
        for (List<String> row : rows(members)) {
            LocalDate birth = date(row.get(5));
            int age = ageAtFiscalYearEnd(birth, FY);
            assertThat(age).isBetween(0, 74);
            assertThat(birth).isBeforeOrEqualTo(LocalDate.of(FY, 4, 1));
            if (age >= 65) {
                aged65to74++;
            }
            String monthDay = row.get(5).substring(4);
            if (monthDay.equals("0401") || monthDay.equals("0402") || monthDay.equals("0229")) {
                edges.add(monthDay);
            }
        }
        assertThat((double) aged65to74 / N).isBetween(0.37, 0.43);
        assertThat(edges).containsExactlyInAnyOrder("0401", "0402", "0229");
    }

    @Test
    void memberRowsKeepTheRulesOfMembersMd() {
        Set<String> tickets = new HashSet<>();
        int joinedThisYear = 0;
        int lost = 0;
        for (List<String> row : rows(members)) {
            assertThat(number(row.get(0))).matches("[0-9]{9}");
            assertThat(row.get(1)).matches("[0-9]{2}-[0-9]{7}");
            assertThat(row.get(6)).isIn("1", "2");
            assertThat(number(row.get(7)).replace("-", "")).matches("1[0-9]{6}");
            assertThat(Normalizer.normalize(row.get(3).strip(), Normalizer.Form.NFKC)).matches("[ァ-ヶー]+ [ァ-ヶー]+");
            assertThat(row.get(4).strip()).matches("\\S+ \\S+");
            assertThat(row.get(8).strip()).isNotEmpty();
            assertThat(row.get(11)).isIn("", "0", "1");
            assertThat(row.get(12)).isIn("", "0", "1", "2");
            LocalDate acquired = date(row.get(13));
            if (!acquired.isBefore(LocalDate.of(FY, 4, 1))) {
                joinedThisYear++;
            }
            if (!row.get(14).isEmpty()) {
                lost++;
                assertThat(date(row.get(14))).isAfter(acquired);
            }
            if (!row.get(2).isEmpty()) {
                assertThat(row.get(2)).matches("26[0-9]{9}");
                assertThat(tickets.add(row.get(2))).isTrue();
            }
        }
        assertThat((double) joinedThisYear / N).isBetween(0.03, 0.05);
        assertThat((double) lost / N).isBetween(0.05, 0.07);
    }

    @Test
    void previousYearUptakeOfThe40To74IsBetween35And40Percent() {
        Set<String> attended = personNos(previousResults);
        int eligible = 0;
        int took = 0;
        for (List<String> row : rows(members)) {
            if (eligibleAllYear(row, FY - 1)) {
                eligible++;
                if (attended.contains(number(row.get(0)))) {
                    took++;
                }
            }
        }
        assertThat(eligible).isGreaterThan(N / 2);
        assertThat((double) took / eligible).isBetween(0.35, 0.40);
    }

    @Test
    void attendanceIsStickyAcrossYears() {
        Set<String> last = personNos(previousResults);
        Set<String> now = personNos(currentResults);
        int[] attendedBefore = new int[2];
        int[] notBefore = new int[2];
        for (List<String> row : rows(members)) {
            if (eligibleAllYear(row, FY - 1) && eligibleAllYear(row, FY)) {
                String no = number(row.get(0));
                int[] group = last.contains(no) ? attendedBefore : notBefore;
                group[0]++;
                if (now.contains(no)) {
                    group[1]++;
                }
            }
        }
        assertThat((double) attendedBefore[1] / attendedBefore[0]).isGreaterThan(0.7);
        assertThat((double) notBefore[1] / notBefore[0]).isLessThan(0.2);
    }

    @Test
    void everyResultRowNamesAGeneratedPersonWithTheSameBirthDateAndSex() {
        for (int year : new int[] {FY - 1, FY}) {
            List<List<String>> results = year == FY ? currentResults : previousResults;
            assertThat(results.size()).isGreaterThan(N / 5);
            Set<String> seen = new HashSet<>();
            for (List<String> row : rows(results)) {
                assertThat(row).hasSize(19);
                assertThat(row.get(0)).isEqualTo(Integer.toString(year));
                List<String> member = memberByNo.get(row.get(1));
                assertThat(member).as("person %s", row.get(1)).isNotNull();
                assertThat(seen.add(row.get(1))).isTrue();
                assertThat(row.get(3)).isEqualTo(member.get(5));
                assertThat(row.get(4)).isEqualTo(member.get(6));
                assertThat(row.get(2)).isEqualTo(year == FY ? member.get(2) : "");

                LocalDate exam = date(row.get(5));
                assertThat(exam).isBetween(LocalDate.of(year, 4, 1), LocalDate.of(year + 1, 3, 31));
                assertThat(insuredOn(member, exam)).isTrue();
                assertThat(ageAtFiscalYearEnd(date(row.get(3)), year)).isBetween(40, 74);
                assertThat(row.get(6)).matches("[0-9]{10}");
                checkItems(row);
            }
        }
    }

    @Test
    void resultsOfALaterYearThanTheWardAreRefused() {
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(1, 10, FY, CP932));
        assertThatThrownBy(() -> generator.writeResults(FY + 1, new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyntheticWardSpec(1, 10, FY, Charset.forName("Shift_JIS")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cliWritesTheThreeFilesAndCountsTheirRows(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SyntheticWardCli.run(new String[] {"--members", "300", "--seed", "5", "--fiscal-year", "2026",
                "--encoding", "windows-31j", "--out", dir.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isZero();
        assertThat(dir.resolve("members.csv")).exists();
        assertThat(dir.resolve("results-2025.csv")).exists();
        assertThat(dir.resolve("results-2026.csv")).exists();
        String members = decodeStrictly(Files.readAllBytes(dir.resolve("members.csv")), CP932);
        assertThat(parseCsv(members)).hasSize(301);
        int results2025 = parseCsv(decodeStrictly(Files.readAllBytes(dir.resolve("results-2025.csv")), CP932)).size() - 1;
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("members.csv: 300 rows")
                .contains("results-2025.csv: " + results2025 + " rows");

        assertThat(SyntheticWardCli.run(new String[] {"--members", "x", "--out", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(2);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void checkItems(List<String> row) {
        if (!row.get(7).isEmpty()) {
            double height = Double.parseDouble(row.get(7));
            double weight = Double.parseDouble(row.get(8));
            double bmi = Double.parseDouble(row.get(9));
            assertThat(height).isBetween(145.0, 185.0);
            assertThat(bmi).isCloseTo(weight / (height * height / 10_000), org.assertj.core.data.Offset.offset(0.051));
        }
        if (!row.get(17).isEmpty()) {
            assertThat(Double.parseDouble(row.get(17))).isBetween(4.8, 8.5);
        }
        assertThat(row.get(18)).isIn("", "1", "2", "3", "4");
        for (int k = 7; k < 18; k++) {
            assertThat(row.get(k)).matches("|[0-9]+(\\.[0-9])?");
        }
    }

    private static boolean eligibleAllYear(List<String> member, int year) {
        int age = ageAtFiscalYearEnd(date(member.get(5)), year);
        if (age < 40 || age > 74) {
            return false;
        }
        LocalDate acquired = date(member.get(13));
        return !acquired.isAfter(LocalDate.of(year, 4, 1))
                && (member.get(14).isEmpty() || date(member.get(14)).isAfter(LocalDate.of(year + 1, 3, 31)));
    }

    private static boolean insuredOn(List<String> member, LocalDate day) {
        return !date(member.get(13)).isAfter(day) && (member.get(14).isEmpty() || date(member.get(14)).isAfter(day));
    }

    /** Legal age at 31 March of {@code fy + 1}: a 1 April birthday counts as reached the day before. */
    private static int ageAtFiscalYearEnd(LocalDate birth, int fy) {
        LocalDate dayAfterEnd = LocalDate.of(fy + 1, 4, 1);
        return java.time.Period.between(birth, dayAfterEnd).getYears();
    }

    /** members.md: digits only (either width; hyphens, brackets and spaces dropped), 10 digits 0 but not 0X0, or 11 mobile/IP. */
    private static boolean usablePhone(String recorded) {
        String text = Normalizer.normalize(recorded.strip(), Normalizer.Form.NFKC);
        StringBuilder digits = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != '-' && c != '(' && c != ')' && c != ' ') {
                return false;
            }
        }
        String d = digits.toString();
        if (d.length() == 10) {
            return d.charAt(0) == '0' && d.charAt(2) != '0';
        }
        return d.length() == 11 && (d.startsWith("070") || d.startsWith("080") || d.startsWith("090")
                || d.startsWith("050"));
    }

    private static Set<String> personNos(List<List<String>> results) {
        Set<String> nos = new HashSet<>();
        for (List<String> row : rows(results)) {
            nos.add(row.get(1));
        }
        return nos;
    }

    private static List<List<String>> rows(List<List<String>> csv) {
        return csv.subList(1, csv.size());
    }

    private static String number(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    private static LocalDate date(String yyyymmdd) {
        return LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                Integer.parseInt(yyyymmdd.substring(6, 8)));
    }

    private static byte[] members(SyntheticWardGenerator generator) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.writeMembers(out);
        return out.toByteArray();
    }

    private static byte[] results(SyntheticWardGenerator generator, int year) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        generator.writeResults(year, out);
        return out.toByteArray();
    }

    private static String decodeStrictly(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180 with CRLF rows (quoted fields may hold commas, quotes and line breaks). */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
            i++;
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
