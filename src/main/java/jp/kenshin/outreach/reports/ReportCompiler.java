package jp.kenshin.outreach.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;

/**
 * Compiles every {@code .jrxml} of a folder into a {@code .jasper} file of another, at build time (Maven's
 * {@code process-classes} phase, see pom.xml). The packaged jar cannot compile a report: the Java compiler
 * JasperReports calls does not see the classes inside the jar's nested jars. So the application only loads
 * the compiled reports ({@link ReportRenderer}).
 *
 * <p>Usage: {@code ReportCompiler <folder of .jrxml> <output folder>}. Exits with 1 naming the report that
 * does not compile.
 */
public final class ReportCompiler {

    private ReportCompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: ReportCompiler <folder of .jrxml> <output folder>");
            System.exit(2);
        }
        Path sources = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Files.createDirectories(output);
        List<Path> reports;
        try (Stream<Path> files = Files.list(sources)) {
            reports = files.filter(p -> p.getFileName().toString().endsWith(".jrxml")).sorted().toList();
        }
        for (Path source : reports) {
            String name = source.getFileName().toString().replaceFirst("\\.jrxml$", "");
            Path target = output.resolve(name + ReportRenderer.COMPILED);
            if (Files.exists(target) && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(source)) > 0) {
                continue; // up to date
            }
            try {
                JasperCompileManager.compileReportToFile(source.toString(), target.toString());
            } catch (JRException e) {
                System.err.println("The report " + source + " does not compile: " + e.getMessage());
                System.exit(1);
            }
            System.out.println("Compiled " + source + " -> " + target);
        }
    }
}
