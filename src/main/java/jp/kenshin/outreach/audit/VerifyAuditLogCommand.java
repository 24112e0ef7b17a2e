package jp.kenshin.outreach.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * Verifies the audit log's hash chain from the command line, straight against the database:
 * {@code java -cp ... jp.kenshin.outreach.audit.VerifyAuditLogCommand [jdbc-url [user [password]]]}.
 * Without a URL it uses the embedded database of ./data and its password file (the application must be running).
 * Exit code 0: intact; 1: broken (the first broken record is named); 2: could not verify.
 */
public final class VerifyAuditLogCommand {

    private VerifyAuditLogCommand() {
    }

    public static void main(String[] args) {
        try {
            String url = args.length > 0 ? args[0] : embeddedUrl();
            String user = args.length > 1 ? args[1] : "postgres";
            String password = args.length > 2 ? args[2] : System.getenv().getOrDefault("KENSHIN_DB_PASSWORD",
                    args.length == 0 && Files.exists(Path.of("data", "postgres.password"))
                            ? Files.readString(Path.of("data", "postgres.password")).trim() : "");
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                AuditChainVerification result = AuditChainWalker.walk(connection);
                if (result.intact()) {
                    System.out.println("監査ログは改ざんされていません: " + result.records() + " 件, 先頭ハッシュ " + result.headHash());
                    System.exit(0);
                }
                System.out.println("監査ログの連鎖が壊れています: 記録 " + result.firstBrokenSeq() + " — " + result.reason());
                System.exit(1);
            }
        } catch (Exception e) {
            System.err.println("監査ログを検証できません: " + e.getClass().getSimpleName());
            System.exit(2);
        }
    }

    private static String embeddedUrl() throws java.io.IOException {
        String port = Files.readString(Path.of("data", "postgres.port")).trim();
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }
}
