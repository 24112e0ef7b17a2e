package jp.kenshin.outreach.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks the audit log in order and checks each record's hash, its link to the previous one and its
 * signature, then compares the records with the anchors kept outside the database: an anchored
 * record that is gone, or whose hash differs, is named with the time it was anchored.
 * <p>
 * Records written before signing was introduced carry no signature; they are accepted only as the
 * first records of the log, sealed by the signed {@value AuditLog#LEGACY_SEAL} record that follows them
 * (its signature covers their chain). Any other unsigned record is a failure.
 */
public final class AuditChainWalker {

    private static final int PROBLEMS_IN_REASON = 5;

    private AuditChainWalker() {
    }

    /** One problem, at the seq it concerns (0 for the anchor file itself). */
    private record Problem(long seq, String text) {
    }

    public static AuditChainVerification walk(Connection connection, AuditSigningKey key, AuditAnchors.Read anchorFile)
            throws SQLException {
        List<Problem> problems = new ArrayList<>();
        anchorFile.problems().forEach(p -> problems.add(new Problem(0, p)));
        TreeMap<Long, List<AuditAnchors.Anchor>> pending = new TreeMap<>();
        for (AuditAnchors.Anchor anchor : anchorFile.anchors()) {
            pending.computeIfAbsent(anchor.seq(), s -> new ArrayList<>()).add(anchor);
        }
        AuditAnchors.Anchor lastAnchor = anchorFile.anchors().stream().max(Comparator.comparing(AuditAnchors.Anchor::at)).orElse(null);
        Instant lastAnchorAt = lastAnchor == null ? null : lastAnchor.at();
        Long lastAnchorSeq = lastAnchor == null ? null : lastAnchor.seq();
        String lastAnchorHash = lastAnchor == null ? null : lastAnchor.hash();

        String prev = AuditHash.GENESIS;
        long count = 0;
        long lastSeq = 0;
        boolean chainBroken = false;
        boolean signedSeen = false;
        Long unsignedFrom = null;
        Long unsignedTo = null;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // a cursor, so a long log is not held in memory
        try (PreparedStatement statement = connection.prepareStatement("select * from audit_log order by seq")) {
            statement.setFetchSize(1000);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    AuditEntry entry = read(rs);
                    String signature = rs.getString("signature");
                    long seq = entry.seq();
                    count++;
                    missingBefore(seq, lastSeq, pending, problems);
                    if (!chainBroken) {
                        String problem = null;
                        if (!entry.prevHash().equals(prev)) {
                            problem = "記録 " + seq + " の直前ハッシュが前の記録のハッシュと一致しません（記録の削除または挿入）";
                        } else if (!AuditHash.of(entry, prev).equals(entry.hash())) {
                            problem = "記録 " + seq + " の内容がハッシュと一致しません（改ざん）";
                        } else if (signature == null) {
                            if (signedSeen) {
                                problem = "記録 " + seq + " に署名がありません（署名の削除、または署名鍵なしで書かれた記録）";
                            } else {
                                unsignedFrom = unsignedFrom == null ? seq : unsignedFrom;
                                unsignedTo = seq;
                            }
                        } else if (!AuditSigningKey.same(key.signRecord(seq, entry.hash()), signature)) {
                            problem = "記録 " + seq + " の署名が一致しません（書き換えとハッシュの再計算、または別の署名鍵）";
                        } else {
                            if (!signedSeen && unsignedTo != null && !AuditLog.LEGACY_SEAL.equals(entry.action())) {
                                problem = "記録 " + unsignedFrom + "〜" + unsignedTo + " に署名がなく、封印もされていません";
                            }
                            signedSeen = true;
                        }
                        if (problem != null) {
                            problems.add(new Problem(seq, problem));
                            chainBroken = true;
                        }
                    }
                    List<AuditAnchors.Anchor> anchored = pending.remove(seq);
                    if (anchored != null) {
                        for (AuditAnchors.Anchor anchor : anchored) {
                            if (!anchor.hash().equals(entry.hash())) {
                                problems.add(new Problem(seq, "記録 " + seq + " のハッシュが " + anchor.at() + " の固定（固定ファイル "
                                        + anchor.line() + " 行目）と一致しません（書き換え）"));
                                break;
                            }
                        }
                    }
                    prev = entry.hash();
                    lastSeq = seq;
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        if (!pending.isEmpty()) {
            AuditAnchors.Anchor newest = newest(pending);
            problems.add(new Problem(lastSeq + 1, range(lastSeq + 1, pending.lastKey()) + " が失われています（記録 " + newest.seq()
                    + " は " + newest.at() + " に固定済み、データベースの最新は記録 " + lastSeq + "）"));
        }
        if (!chainBroken && !signedSeen && unsignedTo != null) {
            problems.add(new Problem(unsignedFrom, "記録 " + unsignedFrom + "〜" + unsignedTo + " に署名がなく、封印もされていません"));
        }
        String head = count == 0 ? null : prev;
        Long headSeq = count == 0 ? null : lastSeq;
        int anchorsChecked = anchorFile.anchors().size();
        if (problems.isEmpty()) {
            return new AuditChainVerification(true, count, null, null, head, headSeq, anchorsChecked, lastAnchorAt, List.of(),
                    lastAnchorSeq, lastAnchorHash);
        }
        problems.sort(Comparator.comparingLong(Problem::seq));
        List<String> texts = problems.stream().map(Problem::text).toList();
        Long first = problems.stream().map(Problem::seq).filter(s -> s > 0).findFirst().orElse(null);
        String reason = String.join("／", texts.subList(0, Math.min(PROBLEMS_IN_REASON, texts.size())))
                + (texts.size() > PROBLEMS_IN_REASON ? "／ほか " + (texts.size() - PROBLEMS_IN_REASON) + " 件" : "");
        return new AuditChainVerification(false, count, first, reason, head, headSeq, anchorsChecked, lastAnchorAt, texts,
                lastAnchorSeq, lastAnchorHash);
    }

    /** Anchored records that lie between the previous record and this one are missing. */
    private static void missingBefore(long seq, long lastSeq, TreeMap<Long, List<AuditAnchors.Anchor>> pending, List<Problem> problems) {
        if (pending.isEmpty() || pending.firstKey() >= seq) {
            return;
        }
        Map<Long, List<AuditAnchors.Anchor>> skipped = pending.headMap(seq, false);
        AuditAnchors.Anchor newest = newest(skipped);
        problems.add(new Problem(lastSeq + 1, range(lastSeq + 1, seq - 1) + " が失われています（記録 " + newest.seq() + " は "
                + newest.at() + " に固定済み）"));
        skipped.clear();
    }

    private static AuditAnchors.Anchor newest(Map<Long, List<AuditAnchors.Anchor>> anchors) {
        return anchors.values().stream().flatMap(List::stream)
                .max(Comparator.comparingLong(AuditAnchors.Anchor::seq).thenComparing(AuditAnchors.Anchor::at)).orElseThrow();
    }

    private static String range(long from, long to) {
        return from == to ? "記録 " + from : "記録 " + from + "〜" + to;
    }

    static AuditEntry read(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("member_ids");
        List<Long> memberIds = new ArrayList<>();
        for (Object id : (Object[]) ids.getArray()) {
            memberIds.add(((Number) id).longValue());
        }
        Integer fiscalYear = (Integer) rs.getObject("fiscal_year");
        Integer exportCount = (Integer) rs.getObject("export_count");
        return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("at").toInstant(), rs.getString("user_id"),
                rs.getString("user_groups"), rs.getString("action"), rs.getString("purpose"), fiscalYear, memberIds,
                rs.getString("fields"), rs.getString("task_id"), rs.getString("process_instance_id"), rs.getString("outcome"),
                rs.getString("detail"), exportCount, rs.getString("export_sha256"), rs.getString("prev_hash"),
                rs.getString("hash"));
    }
}
