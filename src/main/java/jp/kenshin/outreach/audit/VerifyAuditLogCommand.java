package jp.kenshin.outreach.audit;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import jp.kenshin.outreach.infrastructure.WardClock;

/**
 * Verifies the audit log from the command line, straight against the database: the hash chain, every
 * record's signature, and the anchors kept outside the database (records cut off the end are named):
 * {@code java -cp ... jp.kenshin.outreach.audit.VerifyAuditLogCommand [--signing-key-file=F] [--anchor-file=F] [jdbc-url [user [password]]]}.
 * The key is KENSHIN_AUDIT_SIGNING_KEY when set, else the file (default ./secrets/audit-signing.key);
 * the anchors default to ./secrets/audit-anchors.log. Without a URL it uses the embedded database of
 * ./data (the application must be running).
 * Exit code 0: intact; 1: broken (the first broken record and what is missing are named); 2: could not verify.
 */
public final class VerifyAuditLogCommand {

    private VerifyAuditLogCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without the exit: prints the result and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Path keyFile = Path.of("secrets", "audit-signing.key");
            Path anchorFile = Path.of("secrets", "audit-anchors.log");
            List<String> positional = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("--signing-key-file=")) {
                    keyFile = Path.of(arg.substring("--signing-key-file=".length()));
                } else if (arg.startsWith("--anchor-file=")) {
                    anchorFile = Path.of(arg.substring("--anchor-file=".length()));
                } else {
                    positional.add(arg);
                }
            }
            String url = positional.size() > 0 ? positional.get(0) : embeddedUrl();
            String user = positional.size() > 1 ? positional.get(1) : "postgres";
            String password = positional.size() > 2 ? positional.get(2) : System.getenv().getOrDefault("KENSHIN_DB_PASSWORD",
                    positional.isEmpty() && Files.exists(Path.of("data", "postgres.password"))
                            ? Files.readString(Path.of("data", "postgres.password")).trim() : "");
            AuditSigningKey key = new AuditSigningKey(AuditSigningKey.load(System.getenv("KENSHIN_AUDIT_SIGNING_KEY"), keyFile, false));
            if (!Files.exists(anchorFile)) {
                out.println("注意: 固定ファイル " + anchorFile.toAbsolutePath() + " がありません（末尾の削除は検出できません）");
            }
            AuditAnchors.Read anchors = new AuditAnchors(anchorFile, key, WardClock.outsideSpring()).read();
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                AuditChainVerification result = AuditChainWalker.walk(connection, key, anchors);
                if (result.intact()) {
                    out.println("監査ログは改ざんされていません: " + result.records() + " 件, 最新は記録 " + result.headSeq()
                            + "（ハッシュ " + result.headHash() + "）, 照合した固定 " + result.anchorsChecked() + " 件");
                    return 0;
                }
                out.println("監査ログが壊れています: 最初の問題は記録 " + result.firstBrokenSeq());
                result.problems().forEach(problem -> out.println("  " + problem));
                return 1;
            }
        } catch (Exception e) {
            err.println("監査ログを検証できません: " + e.getClass().getSimpleName()
                    + (e instanceof IllegalStateException ? " " + e.getMessage() : ""));
            return 2;
        }
    }

    private static String embeddedUrl() throws java.io.IOException {
        String port = Files.readString(Path.of("data", "postgres.port")).trim();
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }
}
