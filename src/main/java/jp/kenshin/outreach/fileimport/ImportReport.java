package jp.kenshin.outreach.fileimport;

import java.time.Instant;
import java.util.List;

/**
 * The report staff read after an import: counts, dropped and ignored columns, and the rejected
 * rows by line, column and reason. It carries no personal value. For an XML archive
 * ({@code format} XML) rows are the archive's documents, and each issue names its document.
 */
public record ImportReport(long id, ImportKind kind, FileFormat format, int fiscalYear, String fileName, String encoding,
        String sha256, boolean acceptRejections, ImportStatus status, String refusalReason, int rowsRead, int rowsAccepted,
        int rowsRejected, int inserted, int updated, int unusablePhones, int notices, List<String> droppedColumns,
        List<String> ignoredColumns, Instant startedAt, Instant finishedAt, List<ImportIssue> issues) {

    public ImportReport withIssues(List<ImportIssue> issues) {
        return new ImportReport(id, kind, format, fiscalYear, fileName, encoding, sha256, acceptRejections, status,
                refusalReason, rowsRead, rowsAccepted, rowsRejected, inserted, updated, unusablePhones, notices,
                droppedColumns, ignoredColumns, startedAt, finishedAt, issues);
    }

    /** The report as Japanese text, for staff. */
    public String toJapaneseText() {
        boolean xml = format == FileFormat.XML;
        String unit = xml ? "文書" : "行";
        StringBuilder out = new StringBuilder();
        out.append(kind == ImportKind.MEMBERS ? "被保険者ファイル取込結果"
                : xml ? "健診結果（標準様式XMLアーカイブ）取込結果" : "健診結果ファイル取込結果").append('\n');
        out.append("取込番号: ").append(id).append("　年度: ").append(fiscalYear).append('\n');
        out.append("ファイル: ").append(fileName == null ? "-" : fileName)
                .append(encoding == null ? "" : "（" + encoding + "）").append('\n');
        out.append("SHA-256: ").append(sha256).append('\n');
        out.append("結果: ").append(switch (status) {
            case COMMITTED -> rowsRejected > 0 ? "取込済（不備" + unit + "を除いて受理）" : "取込済";
            case REFUSED -> "取込拒否（何も登録していません）";
            case FAILED -> "異常終了（何も登録していません）";
            case RUNNING -> "処理中";
        }).append('\n');
        if (refusalReason != null) {
            out.append("拒否理由: ").append(refusalReason).append('\n');
        }
        out.append(xml ? "読込文書数: " : "読込行数: ").append(rowsRead).append("　受理: ").append(rowsAccepted)
                .append("　不備: ").append(rowsRejected).append("　新規: ").append(inserted)
                .append("　更新: ").append(updated).append('\n');
        if (kind == ImportKind.MEMBERS) {
            out.append("電話番号が使えない人数: ").append(unusablePhones).append('\n');
        }
        if (notices > 0) {
            out.append("注意事項: ").append(notices).append("件\n");
        }
        if (!xml) {
            out.append("保存しなかった列: ").append(droppedColumns.isEmpty() ? "なし" : String.join("、", droppedColumns)).append('\n');
            out.append("未知の列（無視）: ").append(ignoredColumns.isEmpty() ? "なし" : String.join("、", ignoredColumns)).append('\n');
        }
        for (ImportIssue issue : issues) {
            out.append(issue.place())
                    .append(issue.column() == null ? "" : "［" + issue.column() + "］").append(' ')
                    .append(issue.severity() == ImportIssue.Severity.REJECTED ? "不備: " : "注意: ")
                    .append(issue.reason()).append('\n');
        }
        return out.toString();
    }
}
