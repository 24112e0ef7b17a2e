package jp.kenshin.outreach.bench;

import java.util.List;
import java.util.Locale;
import jp.kenshin.outreach.KenshinOutreachApplication;
import jp.kenshin.outreach.calling.CallCaseService;
import jp.kenshin.outreach.cycle.PhoneOutreachStarter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The phone-outreach start benchmark of the README: a synthetic ward's frozen list gets its call cases
 * (default 27,000), whose phone-outreach instances are started by the starter the application uses, beside
 * a bare loop starting as many instances of a one-task process (a user task for the same group) on the same
 * engine and database, in chunks of the same size per transaction on the same number of threads. Two
 * rounds; the second counts. Prints seconds, starts per second and the ratio (goal: at most 1.5).
 */
public final class PhoneOutreachStartBenchmark {

    private PhoneOutreachStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int wanted = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 27_000;
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KenshinOutreachApplication.class)
                .web(WebApplicationType.NONE).profiles("test").logStartupInfo(false)
                .run("--kenshin.database.data-directory=target/test-postgres/calls-benchmark-" + System.nanoTime(),
                        "--spring.autoconfigure.exclude="
                                + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                                + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
        try {
            BareStarts.deploy(context);
            int chunk = context.getBean(jp.kenshin.outreach.calling.CallingProperties.class).startChunk();
            System.out.printf(Locale.ROOT, "Phone outreach start benchmark: %,d starts per round, %d per transaction, %d threads, "
                    + "JVM max heap %d MB, %d CPUs%n", wanted, chunk,
                    context.getBean(jp.kenshin.outreach.calling.CallingProperties.class).startThreads(),
                    Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
            round(context, 2023, 2_000, chunk, false, false); // warm-up
            List<Double> ratios = new java.util.ArrayList<>();
            for (int r = 0; r < 3; r++) {
                ratios.add(round(context, 2024 + r, wanted, chunk, r % 2 == 1, true));
            }
            java.util.Collections.sort(ratios);
            System.out.printf(Locale.ROOT, "%nmedian ratio of 3 rounds %.2f (goal <= 1.5: %s)%n", ratios.get(1),
                    ratios.get(1) <= 1.5 ? "MET" : "MISSED");
        } finally {
            context.close();
        }
    }

    /** One round: the bare loop and the real start, in either order; returns real / bare. */
    private static double round(ConfigurableApplicationContext context, int fiscalYear, int wanted, int chunk, boolean realFirst,
            boolean print) throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        CallCaseService calls = context.getBean(CallCaseService.class);
        OpenCallsYear.openCases(context, fiscalYear, wanted);
        // exactly the wanted number of cases
        jdbc.update("delete from call_case where fiscal_year = ? and id not in (select id from call_case where fiscal_year = ? "
                + "order by id limit ?)", fiscalYear, fiscalYear, wanted);
        int cases = calls.count(fiscalYear);

        int threads = context.getBean(jp.kenshin.outreach.calling.CallingProperties.class).startThreads();
        java.util.concurrent.Callable<Double> bareLoop = () -> {
            System.gc();
            long t0 = System.nanoTime();
            BareStarts.start(context, cases, chunk, threads);
            return (System.nanoTime() - t0) / 1e9;
        };
        java.util.concurrent.atomic.AtomicInteger startedCount = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Callable<Double> realStart = () -> {
            System.gc();
            long t1 = System.nanoTime();
            startedCount.set(context.getBean(PhoneOutreachStarter.class).startPending());
            return (System.nanoTime() - t1) / 1e9;
        };
        double bare;
        double real;
        if (realFirst) {
            real = realStart.call();
            bare = bareLoop.call();
        } else {
            bare = bareLoop.call();
            real = realStart.call();
        }
        int started = startedCount.get();
        if (started != cases) {
            throw new IllegalStateException("started " + started + " of " + cases + " cases");
        }
        if (print) {
            System.out.printf(Locale.ROOT, "%n%,d phone-outreach instances started in %.2f s (%,.0f/s); bare one-task loop %.2f s (%,.0f/s); "
                    + "ratio %.2f (goal <= 1.5: %s); goal well under a minute: %s%n",
                    started, real, started / real, bare, cases / bare, real / bare, real / bare <= 1.5 ? "MET" : "MISSED",
                    real < 60 ? "MET" : "MISSED");
        }
        return real / bare;
    }
}
