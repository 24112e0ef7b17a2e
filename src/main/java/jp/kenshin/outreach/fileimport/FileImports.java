package jp.kenshin.outreach.fileimport;

import java.nio.charset.Charset;
import jp.kenshin.outreach.FiscalYears;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How every file import runs: its record is opened, the file is loaded in one transaction that is
 * rolled back unless the outcome is COMMITTED (so a refused file leaves nothing behind), and the
 * record is closed with the counts and rejected rows, whatever happened.
 */
@Component
public class FileImports {

    private static final Logger log = LoggerFactory.getLogger(FileImports.class);

    /** Loads one file inside the import's transaction. */
    @FunctionalInterface
    public interface Loader {
        ImportOutcome load(long importId, Charset encoding, ImportRuns.IssueSink issues, ImportTally tally);
    }

    private final ImportRuns importRuns;
    private final ImportProperties properties;
    private final TransactionTemplate transaction;
    private final FiscalYears fiscalYears;

    public FileImports(ImportRuns importRuns, ImportProperties properties, PlatformTransactionManager transactionManager,
            FiscalYears fiscalYears) {
        this.importRuns = importRuns;
        this.properties = properties;
        this.fiscalYears = fiscalYears;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    public ImportReport run(ImportKind kind, int fiscalYear, String fileName, String encodingName, boolean acceptRejections,
            Loader loader) {
        return run(kind, FileFormat.CSV, fiscalYear, fileName, encodingName, acceptRejections, loader);
    }

    public ImportReport run(ImportKind kind, FileFormat format, int fiscalYear, String fileName, String encodingName,
            boolean acceptRejections, Loader loader) {
        fiscalYears.check(fiscalYear, "fiscalYear"); // before anything is recorded: a year out of range is no import
        // the name the caller gave is kept and shown in the report: at most 120 characters, no control characters
        long importId = importRuns.start(kind, format, fiscalYear, fileName == null ? null : ZipImportFile.printable(fileName),
                acceptRejections);
        ImportRuns.IssueSink issues = importRuns.issueSink(importId);
        ImportTally tally = new ImportTally();
        ImportOutcome outcome;
        try {
            Charset encoding = properties.encodingOrDefault(encodingName);
            tally.encoding = encoding.name();
            outcome = transaction.execute(status -> {
                ImportOutcome result = loader.load(importId, encoding, issues, tally);
                if (result.status() != ImportStatus.COMMITTED) {
                    status.setRollbackOnly();
                }
                return result;
            });
        } catch (FileRefusedException e) {
            outcome = tally.outcome(ImportStatus.REFUSED, e.getMessage(), issues);
        } catch (RuntimeException e) {
            // the class and SQL state only: a driver's message may quote a value
            log.error("{} import {} failed: {} (SQL state {})", kind, importId, e.getClass().getName(), sqlState(e));
            outcome = tally.outcome(ImportStatus.FAILED, "処理中に異常が発生しました（" + e.getClass().getSimpleName() + "）", issues);
        }
        issues.flush();
        importRuns.finish(importId, outcome);
        log.info("{} import {} for fiscal year {}: {} ({} read, {} accepted, {} rejected)", kind, importId, fiscalYear,
                outcome.status(), outcome.rowsRead(), outcome.rowsAccepted(), outcome.rowsRejected());
        return importRuns.find(importId, properties.rejectionReportLimit()).orElseThrow();
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return sql.getSQLState();
            }
        }
        return "-";
    }
}
