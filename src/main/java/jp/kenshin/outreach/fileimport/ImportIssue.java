package jp.kenshin.outreach.fileimport;

/**
 * A rejected row (or a notice about a row) of an import: its line in the file, the column and the
 * reason. Reasons never quote the value, so the report itself carries no personal data.
 * <p>
 * In an XML import the "row" is a document of the archive: {@code document} is its file name inside
 * the archive and {@code line} its place among the archive's documents (1, 2, ...). For CSV files
 * {@code document} is null.
 */
public record ImportIssue(int line, String document, String column, Severity severity, String reason) {

    public enum Severity { REJECTED, NOTICE }

    public ImportIssue(int line, String column, Severity severity, String reason) {
        this(line, null, column, severity, reason);
    }

    public static ImportIssue rejected(int line, String column, String reason) {
        return new ImportIssue(line, null, column, Severity.REJECTED, reason);
    }

    public static ImportIssue notice(int line, String column, String reason) {
        return new ImportIssue(line, null, column, Severity.NOTICE, reason);
    }

    /** A rejection of the document {@code document}, the {@code ordinal}-th of its archive. */
    public static ImportIssue rejected(int ordinal, String document, String column, String reason) {
        return new ImportIssue(ordinal, document, column, Severity.REJECTED, reason);
    }

    /** A notice about the document {@code document}, the {@code ordinal}-th of its archive. */
    public static ImportIssue notice(int ordinal, String document, String column, String reason) {
        return new ImportIssue(ordinal, document, column, Severity.NOTICE, reason);
    }

    /** Where the issue is, in Japanese: "12行目" or "文書 h...xml". */
    public String place() {
        return document == null ? line + "行目" : "文書 " + document;
    }
}
