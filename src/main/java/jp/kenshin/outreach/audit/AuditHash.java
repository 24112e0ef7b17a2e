package jp.kenshin.outreach.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * The hash of an audit record: SHA-256 over its content and the previous record's hash, each field
 * written as its length and its text, so no two different records serialise alike.
 */
public final class AuditHash {

    /** The "previous hash" of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    public static String of(AuditEntry e, String prevHash) {
        StringBuilder text = new StringBuilder(256);
        field(text, Long.toString(e.seq()));
        field(text, e.at().toString());
        field(text, e.userId());
        field(text, e.userGroups());
        field(text, e.action());
        field(text, e.purpose());
        field(text, e.fiscalYear() == null ? null : e.fiscalYear().toString());
        field(text, e.memberIds().stream().map(String::valueOf).collect(Collectors.joining(",")));
        field(text, e.fields());
        field(text, e.taskId());
        field(text, e.processInstanceId());
        field(text, e.outcome());
        field(text, e.detail());
        field(text, e.exportCount() == null ? null : e.exportCount().toString());
        field(text, e.exportSha256());
        field(text, prevHash);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void field(StringBuilder text, String value) {
        if (value == null) {
            text.append("-1:");
        } else {
            text.append(value.length()).append(':').append(value);
        }
        text.append('|');
    }
}
