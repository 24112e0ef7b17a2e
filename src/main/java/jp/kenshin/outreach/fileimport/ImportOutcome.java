package jp.kenshin.outreach.fileimport;

import java.util.List;

/** What an import did, written to its record when it ends. */
public record ImportOutcome(ImportStatus status, String refusalReason, String encoding, String sha256, int rowsRead,
        int rowsAccepted, int rowsRejected, int inserted, int updated, int unusablePhones, int notices,
        List<String> droppedColumns, List<String> ignoredColumns) {
}
