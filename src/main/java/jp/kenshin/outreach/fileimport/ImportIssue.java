package jp.kenshin.outreach.fileimport;

/**
 * A rejected row (or a notice about a row) of an import: its line in the file, the column and the
 * reason. Reasons never quote the value, so the report itself carries no personal data.
 */
public record ImportIssue(int line, String column, Severity severity, String reason) {

    public enum Severity { REJECTED, NOTICE }

    public static ImportIssue rejected(int line, String column, String reason) {
        return new ImportIssue(line, column, Severity.REJECTED, reason);
    }

    public static ImportIssue notice(int line, String column, String reason) {
        return new ImportIssue(line, column, Severity.NOTICE, reason);
    }
}
