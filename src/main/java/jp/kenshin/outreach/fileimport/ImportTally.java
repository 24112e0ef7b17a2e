package jp.kenshin.outreach.fileimport;

import java.util.List;

/** What an import has counted so far; becomes its outcome when it ends. */
public final class ImportTally {

    public String encoding;
    public String sha256;
    public int read;
    public int accepted;
    public int inserted;
    public int updated;
    public int unusablePhones;
    public List<String> dropped = List.of();
    public List<String> ignored = List.of();

    /** The outcome; rows count as accepted, inserted or updated only when the file was committed. */
    public ImportOutcome outcome(ImportStatus status, String reason, ImportRuns.IssueSink issues) {
        boolean committed = status == ImportStatus.COMMITTED;
        return new ImportOutcome(status, reason, encoding, sha256, read, committed ? accepted : 0, issues.rejectedRows(),
                committed ? inserted : 0, committed ? updated : 0, unusablePhones, issues.notices(), dropped, ignored);
    }

    /** The outcome of a file whose rejected rows refuse it whole. */
    public ImportOutcome refusedForRejections(ImportRuns.IssueSink issues) {
        return outcome(ImportStatus.REFUSED, "不備のある行が" + issues.rejectedRows()
                + "行あるため、ファイル全体を取り込みませんでした（不備行を除いて受理する指定もできます）", issues);
    }

    /** The outcome of an archive whose rejected documents refuse it whole (the XML form's rule, the same as a file's). */
    public ImportOutcome refusedForRejectedDocuments(ImportRuns.IssueSink issues) {
        return outcome(ImportStatus.REFUSED, "不備のある文書が" + issues.rejectedRows()
                + "件あるため、アーカイブ全体を取り込みませんでした（不備文書を除いて受理する指定もできます）", issues);
    }
}
