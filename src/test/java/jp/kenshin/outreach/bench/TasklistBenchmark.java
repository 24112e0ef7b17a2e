package jp.kenshin.outreach.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jp.kenshin.outreach.TestUsers;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Tasklist benchmark of the README (issue 13, operators at scale): the application with its web on a fresh embedded
 * PostgreSQL, a year's call cases (default 50,000 open call tasks) and 30 designated operators.
 *
 * <ol>
 * <li>The engine's own SQL of what Tasklist asks for an operator (the filters, a filter's page of 15 with its count, the
 * plain task count and list) is taken from the engine's MyBatis log while the year is still empty, then run with
 * {@code EXPLAIN (ANALYZE, BUFFERS)} against the full year, with the operator's authorization check as the engine built it.
 * Plans go to {@code target/tasklist-explain-*.txt}.</li>
 * <li>The load test (unless {@code --explain-only}): each simulated operator, over HTTP with basic authentication of
 * their own, opens their work list as Tasklist does ({@code GET /engine-rest/filter}, then {@code POST
 * /engine-rest/filter/{id}/list} of the first filter, 架電：担当中, as HAL with its count), in one round of five also the
 * pool of calls (架電：いまかける, every open call by priority), takes the next call ({@code POST /api/calls/next}), opens the call
 * form ({@code GET /api/calls/tasks/{id}/view}, the door's read) and records an outcome; p50/p95/p99 per step and the
 * errors are printed.</li>
 * </ol>
 *
 * <p>Arguments: {@code [tasks] [--operators=30] [--duration=PT10M|600] [--think=1.0] [--explain-only] [--profile]
 * [--explain-timeout=600]}; the think time (seconds, random 0.5x to 1.5x) is the pause between two steps of an operator.
 */
public final class TasklistBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STEPS = List.of("work list", "pool list", "next call", "read person", "record outcome");
    /** The pool of calls (架電：いまかける) is browsed in one round of this many; 次の電話 is how calls are taken. */
    private static final int POOL_EVERY = 5;

    private TasklistBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int wanted = 50_000;
        int operators = 30;
        Duration duration = Duration.ofMinutes(10);
        double think = 1.0;
        boolean explainOnly = false;
        boolean profile = false;
        int explainTimeout = 600;
        for (String arg : args) {
            if (arg.startsWith("--operators=")) {
                operators = Integer.parseInt(arg.substring(12));
            } else if (arg.startsWith("--duration=")) {
                String d = arg.substring(11);
                duration = d.startsWith("P") ? Duration.parse(d) : Duration.ofSeconds(Long.parseLong(d));
            } else if (arg.startsWith("--think=")) {
                think = Double.parseDouble(arg.substring(8));
            } else if (arg.equals("--explain-only")) {
                explainOnly = true;
            } else if (arg.equals("--profile")) {
                profile = true;
            } else if (arg.startsWith("--explain-timeout=")) {
                explainTimeout = Integer.parseInt(arg.substring(18));
            } else {
                wanted = Integer.parseInt(arg.replace("_", "").replace(",", ""));
            }
        }
        int fiscalYear = 2026;
        ConfigurableApplicationContext context = OpenCallsYear.start("tasklist-benchmark");
        try {
            String base = OpenCallsYear.base(context);
            System.out.printf(Locale.ROOT, "Tasklist benchmark: %,d call tasks, %d operators, JVM max heap %d MB, %d CPUs, load %s%n",
                    wanted, operators, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), OpenCallsYear.load());
            List<String> users = OpenCallsYear.prepareOperators(context, fiscalYear, operators);

            // the engine's SQL for what Tasklist asks, taken while the year is still empty (the SQL does not depend on the data)
            Client first = new Client(base, users.get(0));
            List<Statement> statements = capture(() -> {
                String filterId = dueNowFilter(first);
                first.send("GET", "/engine-rest/filter?resourceType=Task&itemCount=false", null, null);
                first.send("POST", "/engine-rest/filter/" + filter(first, "架電：担当中") + "/list?firstResult=0&maxResults=15", TASKLIST_QUERY,
                        "application/hal+json");
                first.send("POST", "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15", TASKLIST_QUERY,
                        "application/hal+json");
                first.send("GET", "/engine-rest/task/count", null, null);
                first.send("GET", "/engine-rest/task?firstResult=0&maxResults=15", null, null);
            });

            long t0 = System.nanoTime();
            int started = OpenCallsYear.openCalls(context, fiscalYear, wanted);
            System.out.printf(Locale.ROOT, "%,d call tasks open (cases and starts in %.1f s)%n", started, (System.nanoTime() - t0) / 1e9);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            jdbc.execute("analyze");
            System.out.printf(Locale.ROOT, "engine rows: act_ru_task %,d, act_ru_identitylink %,d, act_ru_authorization %,d%n",
                    jdbc.queryForObject("select count(*) from act_ru_task", Long.class),
                    jdbc.queryForObject("select count(*) from act_ru_identitylink", Long.class),
                    jdbc.queryForObject("select count(*) from act_ru_authorization", Long.class));

            explain(jdbc, statements, explainTimeout);
            timeOnce(first);
            if (!explainOnly) {
                try (LoadProfile sampling = profile ? new LoadProfile(jdbc) : null) {
                    loadTest(base, users, duration, think);
                }
            }
        } finally {
            context.close();
        }
    }

    /** The body Tasklist sends for a filter's first page (its default sorting: newest first). */
    private static final String TASKLIST_QUERY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
            + "\"sorting\":[{\"sortOrder\":\"desc\",\"sortBy\":\"created\"}],\"active\":true}";

    // ---------------------------------------------------------------- the engine's SQL

    /** One statement the engine ran: its MyBatis id, its SQL and its parameters as MyBatis logged them. */
    record Statement(String id, String sql, String parameters) {
    }

    interface Work {
        void run() throws Exception;
    }

    private static List<Statement> capture(Work work) throws Exception {
        ch.qos.logback.classic.Logger mybatis = (ch.qos.logback.classic.Logger) LoggerFactory
                .getLogger("org.camunda.bpm.engine.impl.persistence.entity");
        Map<String, String> preparing = new ConcurrentHashMap<>();
        Map<String, Statement> seen = Collections.synchronizedMap(new LinkedHashMap<>());
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                String message = event.getFormattedMessage();
                String key = event.getLoggerName() + "@" + event.getThreadName();
                if (message.startsWith("==>  Preparing: ")) {
                    preparing.put(key, message.substring(16));
                } else if (message.startsWith("==> Parameters: ") && preparing.containsKey(key)) {
                    String sql = preparing.remove(key);
                    if (sql.trim().toLowerCase(Locale.ROOT).startsWith("select")) {
                        String id = event.getLoggerName().substring(event.getLoggerName().lastIndexOf('.', event.getLoggerName()
                                .lastIndexOf('.') - 1) + 1);
                        seen.putIfAbsent(id + "|" + sql, new Statement(id, sql, message.substring(16)));
                    }
                }
            }
        };
        appender.setContext(mybatis.getLoggerContext());
        appender.start();
        Level before = mybatis.getLevel();
        mybatis.addAppender(appender);
        mybatis.setAdditive(false);
        mybatis.setLevel(Level.DEBUG);
        try {
            work.run();
        } finally {
            mybatis.setLevel(before);
            mybatis.detachAppender(appender);
            mybatis.setAdditive(true);
        }
        return new ArrayList<>(seen.values());
    }

    private static final Pattern PARAMETER = Pattern.compile("^(.*)\\((\\w+)\\)$", Pattern.DOTALL);

    /** Runs each statement with EXPLAIN (ANALYZE, BUFFERS); prints each one's time, writes the plans to a file. */
    private static void explain(JdbcTemplate jdbc, List<Statement> statements, int timeoutSeconds) throws Exception {
        Path out = Path.of("target", "tasklist-explain-" + System.currentTimeMillis() + ".txt");
        Files.createDirectories(out.getParent());
        try (PrintStream plans = new PrintStream(Files.newOutputStream(out), true, StandardCharsets.UTF_8)) {
            System.out.printf(Locale.ROOT, "%nEXPLAIN (ANALYZE, BUFFERS) of the engine's statements for an operator (plans in %s):%n", out);
            for (Statement s : statements) {
                List<String> plan = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
                    try (var set = connection.createStatement()) {
                        set.execute("set statement_timeout = '" + timeoutSeconds + "s'");
                    }
                    List<String> lines = new ArrayList<>();
                    try (PreparedStatement ps = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + s.sql())) {
                        bind(ps, s.parameters());
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                lines.add(rs.getString(1));
                            }
                        }
                    } catch (java.sql.SQLException e) {
                        lines.add("FAILED: " + e.getMessage());
                    } finally {
                        try (var set = connection.createStatement()) {
                            set.execute("set statement_timeout = 0");
                        }
                    }
                    return lines;
                });
                String time = plan.stream().filter(l -> l.startsWith("Execution Time")).findFirst()
                        .orElse(plan.isEmpty() ? "?" : plan.get(plan.size() - 1));
                System.out.printf(Locale.ROOT, "  %-60s %s%n", s.id(), time);
                plans.println("==== " + s.id());
                plans.println(s.sql());
                plans.println("-- parameters: " + s.parameters());
                plan.forEach(plans::println);
                plans.println();
            }
        }
    }

    private static void bind(PreparedStatement ps, String parameters) throws java.sql.SQLException {
        if (parameters.isBlank()) {
            return;
        }
        String[] values = parameters.split(", ");
        for (int i = 0; i < values.length; i++) {
            String v = values[i];
            if (v.equals("null")) {
                ps.setNull(i + 1, Types.VARCHAR);
                continue;
            }
            Matcher m = PARAMETER.matcher(v);
            if (!m.matches()) {
                throw new IllegalStateException("parameter " + (i + 1) + " not understood");
            }
            String value = m.group(1);
            switch (m.group(2)) {
                case "Integer" -> ps.setInt(i + 1, Integer.parseInt(value));
                case "Long" -> ps.setLong(i + 1, Long.parseLong(value));
                case "Boolean" -> ps.setBoolean(i + 1, Boolean.parseBoolean(value));
                // the only timestamps in these statements are the filters' ${now()}, captured while the year was empty:
                // bound to the time of the EXPLAIN, so that the plan is the one for the tasks open now
                case "Timestamp" -> ps.setTimestamp(i + 1, new Timestamp(System.currentTimeMillis()));
                case "Date" -> ps.setTimestamp(i + 1, Timestamp.from(ZonedDateTime.parse(value,
                        DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss zzz yyyy", Locale.ROOT)).toInstant()));
                default -> ps.setString(i + 1, value);
            }
        }
    }

    private static void timeOnce(Client client) throws Exception {
        String filterId = dueNowFilter(client);
        System.out.printf(Locale.ROOT, "%nOne operator's requests over HTTP, once each:%n");
        for (String[] r : new String[][] {{"GET", "/engine-rest/filter?resourceType=Task&itemCount=false", null},
                {"POST", "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15", "application/hal+json"},
                {"POST", "/engine-rest/filter/" + filterId + "/count", null},
                {"GET", "/engine-rest/task/count", null}}) {
            long t = System.nanoTime();
            HttpResponse<String> response = client.send(r[0], r[1], r[0].equals("POST") ? TASKLIST_QUERY : null, r[2]);
            System.out.printf(Locale.ROOT, "  %-4s %-70s %4d %8.0f ms%n", r[0], r[1].replace(filterId, "{いまかける}"),
                    response.statusCode(), (System.nanoTime() - t) / 1e6);
        }
    }

    private static String dueNowFilter(Client client) throws Exception {
        return filter(client, "架電：いまかける");
    }

    private static String filter(Client client, String name) throws Exception {
        JsonNode filters = JSON.readTree(client.send("GET", "/engine-rest/filter?resourceType=Task", null, null).body());
        for (JsonNode f : filters) {
            if (name.equals(f.path("name").asText())) {
                return f.path("id").asText();
            }
        }
        throw new IllegalStateException("no filter " + name);
    }

    // ---------------------------------------------------------------- the load test

    /** One operator's HTTP client: its own connection pool and basic credentials. */
    static final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final String base;
        private final String authorization;
        final String user;

        Client(String base, String user) {
            this.base = base;
            this.user = user;
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + TestUsers.password(user))
                    .getBytes(StandardCharsets.UTF_8));
        }

        HttpResponse<String> send(String method, String path, String body, String accept) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(15))
                    .header("Authorization", authorization).header("Accept", accept == null ? "application/json" : accept);
            if (body != null) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    private static final class Step {
        final ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        final AtomicLong errors = new AtomicLong();
        final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();

        void error(String what) {
            errors.incrementAndGet();
            if (firstErrors.size() < 5) {
                firstErrors.add(what.length() > 300 ? what.substring(0, 300) : what);
            }
        }
    }

    private static void loadTest(String base, List<String> users, Duration duration, double think) throws Exception {
        Map<String, Step> steps = new LinkedHashMap<>();
        STEPS.forEach(s -> steps.put(s, new Step()));
        AtomicLong noCall = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        Client firstOperator = new Client(base, users.get(0));
        String[] filterIds = {filter(firstOperator, "架電：担当中"), dueNowFilter(firstOperator)};
        System.out.printf(Locale.ROOT, "%nLoad test: %d operators for %s, think time %.1f s between steps (load before: %s)%n",
                users.size(), duration, think, OpenCallsYear.load());
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<String> loads = Collections.synchronizedList(new ArrayList<>());
        for (String user : users) {
            Client client = new Client(base, user);
            Thread thread = new Thread(() -> {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1 + (long) (think * 2000)));
                    for (int round = ThreadLocalRandom.current().nextInt(POOL_EVERY); System.nanoTime() < end; round++) {
                        operatorRound(client, filterIds, steps, think, noCall, calls, round);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "operator-" + user);
            thread.start();
            threads.add(thread);
        }
        Thread sampler = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    return;
                }
                loads.add(OpenCallsYear.load());
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        for (Thread t : threads) {
            t.join();
        }
        sampler.interrupt();
        System.out.printf(Locale.ROOT, "%ncalls recorded %,d (%.1f per minute), no call left to take %,d; load average each minute: %s%n",
                calls.get(), calls.get() / (duration.toSeconds() / 60.0), noCall.get(), loads);
        System.out.printf(Locale.ROOT, "%-16s %8s %8s %8s %8s %8s %7s  %s%n", "step", "count", "p50 ms", "p95 ms", "p99 ms", "max ms",
                "errors", "goal: p95 under 500 ms (the pool: under 1,000 ms), no errors");
        boolean met = true;
        for (Map.Entry<String, Step> e : steps.entrySet()) {
            List<Long> sorted = new ArrayList<>(e.getValue().micros);
            Collections.sort(sorted);
            double p95 = percentile(sorted, 0.95);
            // the operator's four steps: p95 under 500 ms; the pool of all 50,000 calls, browsed now and then: a filter that
            // answers in under a second
            double goal = e.getKey().equals("pool list") ? 1_000 : 500;
            boolean ok = p95 < goal && e.getValue().errors.get() == 0 && !sorted.isEmpty();
            met &= ok;
            System.out.printf(Locale.ROOT, "%-16s %8d %8.0f %8.0f %8.0f %8.0f %7d  %s%n", e.getKey(), sorted.size(),
                    percentile(sorted, 0.50), p95, percentile(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1000.0,
                    e.getValue().errors.get(), ok ? "MET" : "MISSED");
            e.getValue().firstErrors.forEach(m -> System.out.println("    error: " + m));
        }
        System.out.println(met ? "goal MET" : "goal MISSED");
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1000.0;
    }

    private static final String[] OUTCOMES = {"NO_ANSWER", "NO_ANSWER", "NO_ANSWER", "ANSWERING_MACHINE", "BUSY", "WILL_BOOK",
        "DECLINED", "ALREADY_BOOKED"};

    private static void operatorRound(Client client, String[] filterIds, Map<String, Step> steps, double think, AtomicLong noCall,
            AtomicLong calls, int round) throws InterruptedException {
        // the work list as Tasklist opens it for an operator: the filters, then the first of them (架電：担当中, the calls
        // the operator holds) with its first page and count
        if (!timed(steps.get("work list"), () -> openList(client, filterIds[0]))) {
            pause(think);
            return;
        }
        if (round % POOL_EVERY == 0) {
            // now and then the pool of calls (架電：いまかける), all 50,000, by priority
            pause(think);
            if (!timed(steps.get("pool list"), () -> openList(client, filterIds[1]))) {
                pause(think);
                return;
            }
        }
        pause(think);
        String[] taskId = new String[1];
        if (!timed(steps.get("next call"), () -> {
            HttpResponse<String> next = client.send("POST", "/api/calls/next", "{}", null);
            if (next.statusCode() == 204) {
                noCall.incrementAndGet();
                return null;
            }
            if (next.statusCode() != 200) {
                return "next " + next.statusCode() + " " + next.body();
            }
            taskId[0] = JSON.readTree(next.body()).path("taskId").asText();
            return null;
        }) || taskId[0] == null) {
            pause(think);
            return;
        }
        pause(think);
        if (!timed(steps.get("read person"), () -> {
            HttpResponse<String> view = client.send("GET", "/api/calls/tasks/" + taskId[0] + "/view", null, null);
            return view.statusCode() == 200 ? null : "view " + view.statusCode() + " " + view.body();
        })) {
            pause(think);
            return;
        }
        pause(think);
        String outcome = OUTCOMES[ThreadLocalRandom.current().nextInt(OUTCOMES.length)];
        if (timed(steps.get("record outcome"), () -> {
            HttpResponse<String> recorded = client.send("POST", "/api/calls/tasks/" + taskId[0] + "/outcome",
                    "{\"outcome\":\"" + outcome + "\",\"note\":\"\"}", null);
            return recorded.statusCode() == 200 ? null : "outcome " + recorded.statusCode() + " " + recorded.body();
        })) {
            calls.incrementAndGet();
        }
        pause(think);
    }

    interface Call {
        /** null when the step did what it should, else what went wrong. */
        String run() throws Exception;
    }

    private static String openList(Client client, String filterId) throws Exception {
        HttpResponse<String> filters = client.send("GET", "/engine-rest/filter?resourceType=Task&itemCount=false", null, null);
        if (filters.statusCode() != 200) {
            return "filters " + filters.statusCode() + " " + filters.body();
        }
        HttpResponse<String> list = client.send("POST", "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
                TASKLIST_QUERY, "application/hal+json");
        return list.statusCode() == 200 && list.body().contains("\"count\"") ? null : "list " + list.statusCode() + " " + list.body();
    }

    private static boolean timed(Step step, Call call) {
        long t = System.nanoTime();
        String error;
        try {
            error = call.run();
        } catch (Exception e) {
            error = e.toString();
        }
        step.micros.add((System.nanoTime() - t) / 1000);
        if (error != null) {
            step.error(error);
            return false;
        }
        return true;
    }

    private static void pause(double think) throws InterruptedException {
        if (think > 0) {
            Thread.sleep((long) (think * 1000 * (0.5 + ThreadLocalRandom.current().nextDouble())));
        }
    }
}
