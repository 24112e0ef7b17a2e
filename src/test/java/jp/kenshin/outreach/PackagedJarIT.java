package jp.kenshin.outreach;

import static jp.kenshin.outreach.process.AnnualOutreachCycleVariables.*;
import static jp.kenshin.outreach.process.ContractComplianceVariables.*;
import static jp.kenshin.outreach.process.DataReturnAndDeletionVariables.*;
import static jp.kenshin.outreach.process.MailingVariables.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged jar as an IT department runs it: {@code java -jar target/kenshin-outreach-*.jar} in a process of its
 * own, with its data, secrets and logs under {@code target/jar-it/}, a free port and no demo. Everything is done over
 * HTTP as the users would do it: the first administrator (from {@code camunda.bpm.admin-user.*}) creates the ward's
 * and the contractor's users, the ward runs a year through the contract gate, the imports, the target list and the
 * mailing, then an effect analysis, the year's deletion and the compliance report. Every document must come out of
 * the jar as a PDF with its Japanese text in an embedded font: the jar cannot compile a report, so this fails when
 * the build did not compile them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedJarIT {

    private static final int FY = 2061;
    private static final Charset CP932 = Charset.forName("windows-31j");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ADMIN = "jaradmin";
    private static final String WARD = "jarward";
    private static final String LEAD = "jarlead";
    private static final String OPERATOR = "jaroperator";
    private static final String ORGANISATION = "jarcontractor";

    private final Path home = Path.of("target", "jar-it").toAbsolutePath();
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private Path console;
    private String base;

    @BeforeAll
    void startTheJar() throws Exception {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("kenshin-outreach-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No target/kenshin-outreach-*.jar: run mvn verify (package comes first)"));
        }
        deleteRecursively(home);
        Files.createDirectories(home);
        for (String user : List.of(ADMIN, WARD, LEAD, OPERATOR)) {
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            passwords.put(user, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://localhost:" + port;
        console = home.resolve("console.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dfile.encoding=UTF-8", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--kenshin.demo.enabled=false",
                "--kenshin.database.data-directory=" + home.resolve("data/postgres"),
                "--kenshin.crypto.master-key-file=" + home.resolve("secrets/master.key"),
                "--kenshin.crypto.key-store=" + home.resolve("secrets/keys"),
                "--kenshin.audit.signing-key-file=" + home.resolve("secrets/audit-signing.key"),
                "--kenshin.audit.anchor-file=" + home.resolve("secrets/audit-anchors.log"),
                "--kenshin.mailing.output-directory=" + home.resolve("data/print"),
                "--kenshin.mailing.batch-size=100",
                "--kenshin.analysis.output-directory=" + home.resolve("data/analysis"),
                "--logging.file.path=" + home.resolve("logs"),
                "--camunda.bpm.admin-user.id=" + ADMIN,
                "--camunda.bpm.admin-user.password=" + passwords.get(ADMIN),
                "--camunda.bpm.admin-user.first-name=システム管理者"));
        long started = System.nanoTime();
        process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile()).start();
        long deadline = started + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                fail("The jar ended with exit code " + process.exitValue() + " before it answered:\n" + logTail());
            }
            if (System.nanoTime() > deadline) {
                fail("The jar was not ready (/actuator/health/readiness) within " + START_TIMEOUT.toSeconds() + " s:\n" + logTail());
            }
            try {
                // ready: started and the start-up runners (groups, authorizations) done; readiness needs a sign-in
                if (get(ADMIN, "/actuator/health/readiness").statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        System.out.printf("PackagedJarIT: %s answered after %.1f s%n", jar.getFileName(), (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    void stopTheJar() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy(); // SIGTERM: Spring closes the context, which stops the embedded PostgreSQL
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("The jar did not stop within 60 s of SIGTERM:\n" + logTail());
        }
    }

    @Test
    @Order(1)
    void theHealthEndpointAnswersLivenessToAnyoneAndTheRestOnlyAfterSignIn() throws Exception {
        HttpResponse<byte[]> liveness = get(null, "/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).path("status").asText()).isEqualTo("UP");
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/info", "/actuator/env",
                "/actuator/beans")) {
            assertThat(get(null, path).statusCode()).as(path).isEqualTo(401);
        }
        HttpResponse<byte[]> health = get(ADMIN, "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asText()).isEqualTo("UP");
        assertThat(json(health).has("components")).as("details are for ward staff only").isFalse();
        assertThat(json(get(ADMIN, "/actuator/info")).path("build").path("artifact").asText()).isEqualTo("kenshin-outreach");
        // only health and info are exposed, signed in or not
        assertThat(get(ADMIN, "/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get(ADMIN, "/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void theFirstAdministratorSignsInAndCreatesTheWardsAndTheContractorsUsers() throws Exception {
        HttpResponse<byte[]> groups = get(ADMIN, "/engine-rest/group?member=" + ADMIN);
        assertThat(groups.statusCode()).isEqualTo(200);
        assertThat(json(groups).findValuesAsText("id")).containsExactly("camunda-admin");
        // the administrator is not ward staff: no personal data through the application's API until they make themselves so
        assertThat(get(ADMIN, "/api/cycles/" + FY).statusCode()).isEqualTo(403);

        expect(204, post(ADMIN, "/engine-rest/group/create",
                Map.of("id", ORGANISATION, "name", "テスト委託先株式会社", "type", "ORGANISATION")));
        Map<String, List<String>> memberships = Map.of(WARD, List.of("ward-staff"), LEAD, List.of("contractor-lead", ORGANISATION),
                OPERATOR, List.of("contractor-operator", ORGANISATION));
        for (var user : memberships.entrySet()) {
            expect(204, post(ADMIN, "/engine-rest/user/create", Map.of("profile",
                    Map.of("id", user.getKey(), "firstName", user.getKey(), "lastName", "テスト", "email", user.getKey() + "@example.org"),
                    "credentials", Map.of("password", passwords.get(user.getKey())))));
            for (String group : user.getValue()) {
                expect(204, send(request(ADMIN, "/engine-rest/group/" + group + "/members/" + user.getKey())
                        .PUT(HttpRequest.BodyPublishers.noBody())));
            }
        }
        HttpResponse<byte[]> cycle = get(WARD, "/api/cycles/" + FY);
        assertThat(cycle.statusCode()).as("ward staff may use the API (no cycle yet)").isEqualTo(404);
        // the processes, decisions and forms were deployed from inside the jar under their bpmn/ names
        JsonNode deployments = json(expect(200, get(WARD, "/engine-rest/deployment")));
        assertThat(deployments.size()).isEqualTo(1);
        List<String> resources = json(expect(200, get(WARD, "/engine-rest/deployment/" + deployments.get(0).path("id").asText()
                + "/resources"))).findValuesAsText("name");
        assertThat(resources).contains("bpmn/annual-outreach-cycle.bpmn", "bpmn/call-person.html", "bpmn/card-variant.dmn",
                "bpmn/start-deletion.form").allMatch(name -> name.startsWith("bpmn/"));
        HttpResponse<byte[]> health = expect(200, get(WARD, "/actuator/health"));
        assertThat(json(health).path("components").path("db").path("status").asText()).as("ward staff see the checks").isEqualTo("UP");
    }

    @Test
    @Order(3)
    void aYearRunsThroughTheJarAndEveryDocumentComesOutAsAJapanesePdf() throws Exception {
        long started = System.nanoTime();
        SyntheticWardGenerator generator = new SyntheticWardGenerator(new SyntheticWardSpec(FY, 300, FY, CP932));
        ByteArrayOutputStream members = new ByteArrayOutputStream();
        generator.writeMembers(members);
        ByteArrayOutputStream lastYear = new ByteArrayOutputStream();
        generator.writeResults(FY - 1, lastYear);
        ByteArrayOutputStream thisYear = new ByteArrayOutputStream();
        generator.writeResults(FY, thisYear);

        expect(201, post(WARD, "/api/cycles", Map.of("fiscalYear", FY, "referenceDate", FY + "-04-01",
                "holdoutShare", 0.2, "holdoutSeed", 7)));
        // the contract gate: the ward registers, the contractor's lead designates and attests, the ward approves
        Map<String, Object> contract = new LinkedHashMap<>();
        Map.of(CONTRACT_NUMBER, "K-" + FY + "-001", CONTRACTOR_NAME, "テスト委託先株式会社", CONTRACTOR_GROUP, ORGANISATION,
                CONTRACT_PERIOD_FROM, FY + "-04-01", CONTRACT_PERIOD_TO, (FY + 1) + "-03-31",
                PROVISIONS_ACKNOWLEDGED, "1,2,3,4,5,6,7,8,9,10,11,12,13").forEach((k, v) -> contract.put(k, Map.of("value", v)));
        complete(WARD, task(WARD, Integer.toString(FY), TASK_REGISTER_CONTRACT), contract);
        // designated from yesterday: the deletion ends every designation yesterday, and a designation that begins
        // today cannot end before it begins (designation_period), so DeletionService.destroy fails on it
        String today = LocalDate.now().minusDays(1).toString();
        String nextYear = LocalDate.now().plusYears(1).toString();
        expect(200, post(LEAD, "/api/designations", Map.of("fiscalYear", FY, "userId", LEAD, "role", "PERSON_IN_CHARGE",
                "purposes", List.of("NOTICE", "CALL", "INQUIRY"), "validFrom", today, "validTo", nextYear, "trainedOn", today)));
        expect(200, post(LEAD, "/api/designations", Map.of("fiscalYear", FY, "userId", OPERATOR, "role", "HANDLER",
                "purposes", List.of("CALL"), "validFrom", today, "validTo", nextYear, "trainedOn", today)));
        complete(LEAD, task(LEAD, Integer.toString(FY), TASK_DESIGNATE_HANDLERS), Map.of());
        complete(LEAD, task(LEAD, Integer.toString(FY), TASK_ATTEST_PROTECTION), Map.of(LOCKED_STORAGE, Map.of("value", true),
                ENTRY_CONTROL, Map.of("value", true), MEDIA_RESTRICTION, Map.of("value", true), PER_PERSON_FILE_ACCESS, Map.of("value", true)));
        complete(WARD, task(WARD, Integer.toString(FY), TASK_REVIEW_CONTRACT), Map.of(CONTRACT_APPROVED, Map.of("value", true)));

        long membersImport = json(expect(200, upload("/api/members/imports?fiscalYear=" + FY + "&encoding=windows-31j",
                members.toByteArray()))).path("id").asLong();
        long resultsImport = json(expect(200, upload("/api/results/imports?fiscalYear=" + FY + "&encoding=windows-31j",
                lastYear.toByteArray()))).path("id").asLong();
        complete(WARD, task(WARD, Integer.toString(FY), TASK_IMPORT_MEMBERS),
                Map.of(MEMBERS_IMPORT_ID, Map.of("value", membersImport, "type", "Long")));
        complete(WARD, task(WARD, Integer.toString(FY), TASK_IMPORT_PREVIOUS_RESULTS),
                Map.of(PREVIOUS_RESULTS_IMPORT_ID, Map.of("value", resultsImport, "type", "Long")));
        // the selection runs as a job of the jar's job executor, then the list waits for approval
        complete(WARD, awaitTask(WARD, Integer.toString(FY), TASK_APPROVE_TARGET_LIST),
                Map.of(TARGET_LIST_APPROVED, Map.of("value", true)));

        // the mailing: batches rendered by the job executor, then the manifest, then the proof waits for the ward
        awaitTask(WARD, Integer.toString(FY), TASK_APPROVE_PROOF);
        Path batch = home.resolve("data/print/" + FY + "/batch-0001.pdf");
        assertThat(batch).exists();
        String card = japaneseText(Files.readAllBytes(batch));
        assertThat(card).contains("特定健康診査のご案内", "お知らせ番号");
        assertThat(japaneseText(expect(200, get(WARD, "/api/mailings/" + FY + "/manifest.pdf")).body())).contains("差出票");
        assertThat(japaneseText(expect(200, get(WARD, "/api/mailings/" + FY + "/proof.pdf")).body())).contains("特定健康診査のご案内");

        // this year's results, then the effect analysis (REST, ward staff)
        expect(200, upload("/api/results/imports?fiscalYear=" + FY + "&encoding=windows-31j", thisYear.toByteArray()));
        long analysis = json(expect(201, post(WARD, "/api/analyses", Map.of("fiscalYear", FY, "cutOff", (FY + 1) + "-06-30"))))
                .path("id").asLong();
        assertThat(japaneseText(expect(200, get(WARD, "/api/analyses/" + analysis + "/report.pdf")).body())).contains("効果");

        // the year's data returned and deleted (provision 7): the certificate
        HttpResponse<byte[]> deletion = post(WARD, "/engine-rest/process-definition/key/" + DELETION_PROCESS_KEY + "/start",
                Map.of("businessKey", Integer.toString(FY), "variables", Map.of("fiscalYear", Map.of("value", FY, "type", "Integer"))));
        expect(200, deletion);
        String deletionId = json(deletion).path("id").asText();
        complete(WARD, awaitTaskOf(WARD, deletionId, TASK_CONFIRM_DELIVERABLES), Map.of("deliverablesHandedOver", Map.of("value", true),
                "deliverables", Map.of("value", "効果分析報告書（PDF・CSV・XLSX）、通知実績")));
        complete(WARD, awaitTaskOf(WARD, deletionId, TASK_VERIFY_DELETION), Map.of("deletionVerified", Map.of("value", true)));
        String certificate = japaneseText(expect(200, get(WARD, "/api/deletions/" + FY + "/certificate.pdf")).body());
        assertThat(certificate).contains("個人情報の返還・消去証明書", "K-" + FY + "-001", "検出0件");

        // the compliance report of the year, provision by provision
        String compliance = japaneseText(expect(200, get(WARD, "/api/deletions/" + FY + "/compliance-report.pdf")).body());
        assertThat(compliance).contains("個人情報保護審議会報告用", "特記事項", "消去証明書");
        System.out.printf("PackagedJarIT: the year ran through the jar in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    // --- HTTP, as curl would do it

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + passwords.get(user)).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String user, String path) throws IOException, InterruptedException {
        return send(request(user, path).GET());
    }

    private HttpResponse<byte[]> post(String user, String path, Object body) throws IOException, InterruptedException {
        return send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private HttpResponse<byte[]> upload(String path, byte[] file) throws IOException, InterruptedException {
        return send(request(WARD, path).header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(file)));
    }

    private HttpResponse<byte[]> expect(int status, HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.request().uri().getPath(),
                new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        return response;
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private void complete(String user, String taskId, Map<String, Object> variables) throws Exception {
        expect(204, post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables)));
    }

    private String task(String user, String businessKey, String definitionKey) throws Exception {
        JsonNode tasks = json(expect(200, get(user, "/engine-rest/task?processInstanceBusinessKey=" + businessKey
                + "&taskDefinitionKey=" + URLEncoder.encode(definitionKey, StandardCharsets.UTF_8))));
        assertThat(tasks.size()).as("open tasks " + definitionKey).isEqualTo(1);
        return tasks.get(0).path("id").asText();
    }

    private String awaitTask(String user, String businessKey, String definitionKey) throws Exception {
        return await(definitionKey, () -> "/engine-rest/task?processInstanceBusinessKey=" + businessKey
                + "&taskDefinitionKey=" + definitionKey, user);
    }

    private String awaitTaskOf(String user, String processInstanceId, String definitionKey) throws Exception {
        return await(definitionKey, () -> "/engine-rest/task?processInstanceId=" + processInstanceId
                + "&taskDefinitionKey=" + definitionKey, user);
    }

    private String await(String what, Supplier<String> path, String user) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode tasks = json(expect(200, get(user, path.get())));
            if (tasks.size() == 1) {
                return tasks.get(0).path("id").asText();
            }
            Thread.sleep(300);
        }
        JsonNode incidents = json(get(ADMIN, "/engine-rest/incident"));
        return fail("No task " + what + " within " + STEP_TIMEOUT.toSeconds() + " s; incidents: " + incidents + "\n" + logTail());
    }

    /** The text of a PDF; every font it uses is embedded, so the Japanese prints the same everywhere. */
    private static String japaneseText(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, Math.min(4, pdf.length), StandardCharsets.ISO_8859_1)).isEqualTo("%PDF");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).contains("IPAex");
                }
            }
            return new PDFTextStripper().getText(document).replaceAll("[\\s\\u3000]+", "");
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(console, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
