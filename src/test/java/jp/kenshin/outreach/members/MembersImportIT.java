package jp.kenshin.outreach.members;

import static jp.kenshin.outreach.TestFiles.MEMBERS_HEADER;
import static jp.kenshin.outreach.TestFiles.csv;
import static jp.kenshin.outreach.TestFiles.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.fileimport.ImportIssue;
import jp.kenshin.outreach.fileimport.ImportReport;
import jp.kenshin.outreach.fileimport.ImportStatus;
import jp.kenshin.outreach.privacy.PersonalCipher;
import jp.kenshin.outreach.privacy.PersonalField;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class MembersImportIT {

    private static final Charset CP932 = Charset.forName("windows-31j");

    @Autowired
    MembersImportService service;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalCipher cipher;

    private int members(int year) {
        return jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Integer.class, year);
    }

    private Map<PersonalField, String> personal(int year, String personNo) {
        byte[] index = cipher.personIndex(year, personNo);
        byte[] sealed = jdbc.queryForObject("select personal from member where fiscal_year = ? and person_index = ?",
                byte[].class, year, index);
        return cipher.openRecord(year, PersonalCipher.memberBinding(year, index), sealed);
    }

    @Test
    void importsACp932FileAndKeepsTheCp932OnlyCharactersEncrypted() {
        String row = "100000001,12-0000001,26100000017,ﾀｶﾊｼ ｲﾁﾛｳ,髙橋 一郎,19600402,1,170-0013,東京都豊島区東池袋三丁目1番1号,"
                + "㈱山﨑ハイツ①～２号,０３（１２３４）５６７８,0,0,20200401,,9999,1";
        ImportReport report = service.importMembers(3001, csv(CP932, MEMBERS_HEADER, List.of(row)), "members.csv", "windows-31j", false);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(report.inserted()).isEqualTo(1);
        assertThat(report.droppedColumns()).containsExactly("旧住民番号", "資格証区分");
        Map<PersonalField, String> stored = personal(3001, "100000001");
        assertThat(stored.get(PersonalField.KANJI_NAME)).isEqualTo("髙橋 一郎");
        assertThat(stored.get(PersonalField.KANA_NAME)).isEqualTo("タカハシ イチロウ");
        assertThat(stored.get(PersonalField.ADDRESS_DETAIL)).isEqualTo("㈱山﨑ハイツ①～２号");
        assertThat(stored.get(PersonalField.PHONE)).isEqualTo("0312345678");
        assertThat(stored.get(PersonalField.POSTAL_CODE)).isEqualTo("1700013");
        // nothing readable in the table itself
        String clear = jdbc.queryForObject("select string_agg(m::text, '|') from member m where fiscal_year = 3001", String.class);
        assertThat(clear).doesNotContain("1960", "0312345678", "12-0000001", "26100000017", "100000001");
        // the 整理番号 is kept sealed (and as a keyed index for matching)
        assertThat(stored.get(PersonalField.PERSON_NO)).isEqualTo("100000001");
    }

    @Test
    void theExampleOfTheFormatSpecificationImports() {
        String file = """
                整理番号,国保記号番号,受診券整理番号,カナ氏名,漢字氏名,生年月日,性別,郵便番号,漢字住所,漢字方書,電話番号,住所地特例フラグ,マル学・マル遠区分,資格取得年月日,資格喪失年月日,旧住民番号
                100000001,12-0000001,26100000017,ﾀｶﾊｼ ｲﾁﾛｳ,髙橋 一郎,19600402,1,1700013,東京都豊島区東池袋三丁目1番1号,サンシャイン荘101,03-1234-5678,0,0,20200401,,9999
                100000002,12-0000002,,ヤマサキ ハナコ,山﨑 花子,19870401,2,170-0013,東京都豊島区東池袋1-2-3,,０９０（１２３４）５６７８,0,0,20100401,20260915,
                """;
        ImportReport report = service.importMembers(2026, new java.io.ByteArrayInputStream(file.getBytes(CP932)),
                "example.csv", "windows-31j", false);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(report.inserted()).isEqualTo(2);
        assertThat(report.droppedColumns()).containsExactly("旧住民番号");
        assertThat(report.unusablePhones()).isZero();
        assertThat(personal(2026, "100000002").get(PersonalField.PHONE)).isEqualTo("09012345678");
        assertThat(personal(2026, "100000002").get(PersonalField.KANJI_NAME)).isEqualTo("山﨑 花子");
        assertThat(jdbc.queryForList("select age_at_fy_end from member where fiscal_year = 2026 order by source_line", Integer.class))
                .containsExactly(66, 40);
    }

    @Test
    void rejectedRowsAreNamedByLineColumnAndReasonAndTheFileIsRefusedWhole() {
        List<String> rows = List.of(
                member("200000001", "19700101", "1", "0312345678", "20000401", ""),
                member("200000002", "19701301", "1", "", "20000401", ""),               // line 3: bad birth date
                member("200000003", "19700101", "3", "", "20000401", ""),               // line 4: bad sex
                member("200000001", "19700101", "1", "", "20000401", ""),               // line 5: duplicate of line 2
                member("200000005", "19700101", "2", "", "20100401", "20090401"));      // line 6: lost before acquired
        ImportReport report = service.importMembers(3002, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, rows), "m.csv", "UTF-8", false);

        assertThat(report.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(report.rowsRejected()).isEqualTo(4);
        assertThat(report.issues()).extracting(ImportIssue::line, ImportIssue::column)
                .containsExactly(tuple(3, "生年月日"), tuple(4, "性別"), tuple(5, "整理番号"), tuple(6, "資格喪失年月日"));
        assertThat(report.issues().get(2).reason()).contains("2行目");
        assertThat(members(3002)).isZero();
        assertThat(report.toJapaneseText()).contains("取込拒否", "3行目［生年月日］");
    }

    @Test
    void acceptingWithRejectionsKeepsTheGoodRowsOnly() {
        List<String> rows = List.of(
                member("210000001", "19700101", "1", "0312345678", "20000401", ""),
                member("210000002", "", "1", "", "20000401", ""),
                member("210000001", "19700101", "1", "", "20000401", ""));
        ImportReport report = service.importMembers(3003, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, rows), "m.csv", "UTF-8", true);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(report.rowsAccepted()).isEqualTo(1);
        assertThat(report.rowsRejected()).isEqualTo(2);
        assertThat(members(3003)).isEqualTo(1);
        assertThat(personal(3003, "210000001").get(PersonalField.PHONE)).isEqualTo("0312345678");
    }

    @Test
    void aNewerExtractUpdatesPeopleByPersonNumberWithoutDuplicating() {
        service.importMembers(3004, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(
                member("220000001", "19700101", "1", "", "20000401", ""),
                member("220000002", "19710101", "2", "", "20000401", ""))), "v1.csv", "UTF-8", false);
        ImportReport second = service.importMembers(3004, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(
                member("220000002", "19710101", "2", "090-1111-2222", "20000401", "20260901"),
                member("220000003", "19720101", "1", "", "20000401", ""))), "v2.csv", "UTF-8", false);

        assertThat(second.inserted()).isEqualTo(1);
        assertThat(second.updated()).isEqualTo(1);
        assertThat(members(3004)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select qualified_until::text from member where fiscal_year = 3004 and person_index = ?",
                String.class, (Object) cipher.personIndex(3004, "220000002"))).isEqualTo("2026-09-01");
        assertThat(personal(3004, "220000002").get(PersonalField.PHONE)).isEqualTo("09011112222");
    }

    @Test
    void theImportedMembersAreInThePlannersStatisticsWhenTheImportCommits() {
        java.sql.Timestamp before = jdbc.queryForObject("select now()", java.sql.Timestamp.class);
        ImportReport report = service.importMembers(3019, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(
                member("250000001", "19700101", "1", "", "20000401", ""))), "m.csv", "UTF-8", false);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        // a selection and the opening of call cases may follow at once; planned on statistics autovacuum took of the
        // empty table, their anti-joins ran for minutes over a ward of 200,000
        java.sql.Timestamp analyzed = jdbc.queryForObject("select last_analyze from pg_stat_user_tables where relname = 'member'",
                java.sql.Timestamp.class);
        assertThat(analyzed).as("analyzed by the import itself").isNotNull().isAfterOrEqualTo(before);
    }

    @Test
    void unusablePhonesAreCountedNotRejected() {
        ImportReport report = service.importMembers(3005, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(
                member("230000001", "19700101", "1", "03-12AB-5678", "20000401", ""),
                member("230000002", "19700101", "1", "123", "20000401", ""),
                member("230000003", "19700101", "1", "", "20000401", ""))), "m.csv", "UTF-8", false);

        assertThat(report.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(report.unusablePhones()).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from member where fiscal_year = 3005 and phone_usable", Integer.class)).isZero();
    }

    @Test
    void droppedColumnsAreNeverStored() {
        String row = member("240000001", "19700101", "1", "", "20000401", "").replace(",99999,1", ",98765432,7");
        service.importMembers(3006, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(row)), "m.csv", "UTF-8", false);

        List<String> columns = jdbc.queryForList("select column_name from information_schema.columns where table_name = 'member'",
                String.class);
        assertThat(columns).doesNotContain("old_resident_no", "card_type");
        String everything = jdbc.queryForObject("select string_agg(m::text, '|') from member m where fiscal_year = 3006", String.class);
        assertThat(everything).doesNotContain("98765432");
        byte[] sealed = jdbc.queryForObject("select personal from member where fiscal_year = 3006", byte[].class);
        String opened = new String(cipher.open(3006, PersonalCipher.memberBinding(3006, cipher.personIndex(3006, "240000001")), sealed), StandardCharsets.UTF_8);
        assertThat(opened).doesNotContain("98765432");
    }

    @Test
    void aFileThatDoesNotDecodeIsRefusedWithItsLine() {
        byte[] good = (MEMBERS_HEADER + "\r\n" + member("250000001", "19700101", "1", "", "20000401", "") + "\r\n").getBytes(CP932);
        byte[] bad = new byte[good.length + 3];
        System.arraycopy(good, 0, bad, 0, good.length);
        bad[good.length] = (byte) 0x82;
        bad[good.length + 1] = (byte) 0x0A;
        bad[good.length + 2] = (byte) 0x0A;
        ImportReport report = service.importMembers(3007, new java.io.ByteArrayInputStream(bad), "bad.csv", null, false);

        assertThat(report.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(report.refusalReason()).startsWith("3行目").contains("windows-31j");
        assertThat(members(3007)).isZero();
    }

    @Test
    void aYearsNumbersStayUniqueWhenTheYearIsImportedAgainAfterItsMembersWentAndInOtherYears() {
        List<String> rows = List.of(member("260000001", "19700101", "1", "", "20000401", ""),
                member("260000002", "19710101", "2", "", "20000401", ""));
        assertThat(service.importMembers(3011, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, rows), "m.csv", "UTF-8", false).inserted())
                .isEqualTo(2);
        // the same people in another year: a number is unique within its year only
        assertThat(service.importMembers(3012, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, rows), "m.csv", "UTF-8", false).inserted())
                .isEqualTo(2);
        // the year's rows go (its index of 整理番号 stays), and a file that repeats a number comes in again
        jdbc.update("delete from member where fiscal_year = 3011");
        ImportReport again = service.importMembers(3011, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, List.of(rows.get(0), rows.get(1),
                member("260000001", "19700101", "1", "", "20000401", ""))), "again.csv", "UTF-8", true);

        assertThat(again.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(again.inserted()).isEqualTo(2);
        assertThat(again.issues()).extracting(ImportIssue::line, ImportIssue::column).containsExactly(tuple(4, "整理番号"));
        assertThat(again.issues().get(0).reason()).contains("2行目");
        assertThat(members(3011)).isEqualTo(2);
        assertThat(members(3012)).isEqualTo(2);
    }

    @Test
    void theFirstExtractsOfTwoYearsImportSideBySide() throws Exception {
        // each builds its year's index at the end, which waits for every open writer of member: two at once would wait
        // for each other (a deadlock PostgreSQL ends by failing one) unless they take turns
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<ImportReport>> reports = new java.util.ArrayList<>();
            for (int year : List.of(3013, 3014)) {
                List<String> rows = new java.util.ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    rows.add(member(String.valueOf(270_000_000 + i), "19700101", "1", "", "20000401", ""));
                }
                reports.add(pool.submit(() -> {
                    start.await();
                    return service.importMembers(year, csv(StandardCharsets.UTF_8, MEMBERS_HEADER, rows), "m.csv", "UTF-8", false);
                }));
            }
            for (java.util.concurrent.Future<ImportReport> report : reports) {
                assertThat(report.get(2, java.util.concurrent.TimeUnit.MINUTES).status()).isEqualTo(ImportStatus.COMMITTED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(members(3013)).isEqualTo(20_000);
        assertThat(members(3014)).isEqualTo(20_000);
    }
}
