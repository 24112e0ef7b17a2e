package jp.kenshin.outreach.bench;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jp.kenshin.outreach.KenshinOutreachApplication;
import jp.kenshin.outreach.mailing.MailingService;
import jp.kenshin.outreach.mailing.Postcard;
import jp.kenshin.outreach.mailing.PostcardRenderer;
import jp.kenshin.outreach.members.MembersImportService;
import jp.kenshin.outreach.selection.SelectionCounts;
import jp.kenshin.outreach.selection.SelectionRequest;
import jp.kenshin.outreach.selection.TargetSelectionService;
import jp.kenshin.outreach.synthetic.SyntheticWardGenerator;
import jp.kenshin.outreach.synthetic.SyntheticWardSpec;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The mailing benchmark of the README: for each number of cards (default 33,000), a synthetic ward
 * with about that many targets is imported, selected and frozen; then every batch of 1,000 cards is
 * rendered to print-ready files (PDF and vendor CSV, through the door) on two threads, beside a bare
 * fill and export of the same report with the same cards on two threads. Prints seconds, cards per
 * second, the ratio (goal: at most 1.3), the goal of under 30 s for 33,000 cards, and the heap.
 */
public final class MailingBenchmark {

    private MailingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a.replace("_", "").replace(",", "")));
        }
        if (sizes.isEmpty()) {
            sizes.add(33_000);
        }
        Path work = Files.createTempDirectory("mailing-benchmark");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(KenshinOutreachApplication.class)
                .web(WebApplicationType.NONE).profiles("test").logStartupInfo(false)
                .run("--kenshin.database.data-directory=target/test-postgres/mailing-benchmark-" + System.nanoTime(),
                        "--spring.autoconfigure.exclude="
                                + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
                                + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration");
        try {
            beans = context;
            MembersImportService imports = context.getBean(MembersImportService.class);
            TargetSelectionService selection = context.getBean(TargetSelectionService.class);
            MailingService mailing = context.getBean(MailingService.class);
            PostcardRenderer renderer = context.getBean(PostcardRenderer.class);
            int fiscalYear = 2040;
            System.out.printf(Locale.ROOT, "Mailing benchmark: JVM max heap %s MB, %d CPUs%n",
                    HeapMeter.mb(Runtime.getRuntime().maxMemory()), Runtime.getRuntime().availableProcessors());
            run(2_000, fiscalYear++, work, imports, selection, mailing, renderer, false); // warm-up
            for (int cards : sizes) {
                run(cards, fiscalYear++, work, imports, selection, mailing, renderer, true);
            }
        } finally {
            context.close();
        }
    }

    /** The running application (for the 整理番号 of the targets, which are kept sealed). */
    private static ConfigurableApplicationContext beans;

    private static void run(int cards, int fiscalYear, Path work, MembersImportService imports, TargetSelectionService selection,
            MailingService mailing, PostcardRenderer renderer, boolean print) throws Exception {
        Path membersFile = work.resolve("members-" + fiscalYear + ".csv");
        int members = (int) Math.ceil(cards / 0.44); // about 44 % of the synthetic ward are targets
        try (OutputStream out = Files.newOutputStream(membersFile)) {
            new SyntheticWardGenerator(new SyntheticWardSpec(fiscalYear, members, fiscalYear, StandardCharsets.UTF_8)).writeMembers(out);
        }
        try (var in = Files.newInputStream(membersFile)) {
            imports.importMembers(fiscalYear, in, "members.csv", "UTF-8", true);
        }
        SelectionCounts counts = selection.select(new SelectionRequest(fiscalYear, LocalDate.of(fiscalYear, 4, 1), 0, null, null, null, null));
        selection.freeze(counts.runId(), "benchmark");
        MailingService.Plan plan = mailing.plan(fiscalYear, 1000);

        // the same cards for the bare fill and export, from the file itself, in postal-code order
        List<List<Postcard>> batches = FullCycleBenchmark.postcards(beans, membersFile, fiscalYear);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // two rounds of each, alternating, so neither side profits from a warmer JIT; the second round counts
            double real = 0;
            double baseline = 0;
            HeapMeter.Result realHeap = null;
            for (int round = 0; round < 2; round++) {
                System.gc();
                HeapMeter heap = HeapMeter.start();
                long t0 = System.nanoTime();
                List<Future<?>> jobs = new ArrayList<>();
                for (int batch : mailing.batchNumbers(fiscalYear)) {
                    jobs.add(pool.submit(() -> mailing.renderBatch(fiscalYear, batch, work.resolve("print-" + fiscalYear))));
                }
                for (Future<?> job : jobs) {
                    job.get();
                }
                real = (System.nanoTime() - t0) / 1e9;
                realHeap = heap.stop();

                System.gc();
                long t1 = System.nanoTime();
                List<Future<Integer>> bare = new ArrayList<>();
                for (List<Postcard> batch : batches) {
                    bare.add(pool.submit(() -> renderer.render(fiscalYear, batch).length));
                }
                for (Future<Integer> job : bare) {
                    job.get();
                }
                baseline = (System.nanoTime() - t1) / 1e9;
            }
            if (print) {
                long pdfBytes;
                try (var files = Files.list(work.resolve("print-" + fiscalYear))) {
                    pdfBytes = files.filter(p -> p.toString().endsWith(".pdf")).mapToLong(p -> p.toFile().length()).sum();
                }
                System.out.printf(Locale.ROOT, "%n%,d cards in %d batches (%,d members): print-ready files in %.2f s (%,.0f cards/s), "
                        + "bare fill+export %.2f s, ratio %.2f (goal <= 1.3: %s); at this rate 33,000 cards take %.1f s (goal < 30 s: %s)%n",
                        plan.cards(), plan.batches(), members, real, plan.cards() / real, baseline, real / baseline,
                        real / baseline <= 1.3 ? "MET" : "MISSED", 33_000 * real / plan.cards(),
                        33_000 * real / plan.cards() < 30 ? "MET" : "MISSED");
                System.out.printf(Locale.ROOT, "heap during rendering: peak %s MB (sampled %s MB), live after GC %s MB; PDF %,d MB%n",
                        HeapMeter.mb(realHeap.poolPeakSum()), HeapMeter.mb(realHeap.sampledMax()),
                        realHeap.afterGcMax() < 0 ? "n/a" : HeapMeter.mb(realHeap.afterGcMax()), pdfBytes / (1024 * 1024));
            }
        } finally {
            pool.shutdown();
        }
    }
}
