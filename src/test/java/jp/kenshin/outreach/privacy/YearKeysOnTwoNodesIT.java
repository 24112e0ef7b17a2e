package jp.kenshin.outreach.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import jp.kenshin.outreach.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two nodes on one database and one shared key store (each its own {@link YearKeys} with its own cache): they
 * create a year's key once between them, and a key destroyed through one node is refused by the other at its
 * next use, although that node had it in its cache.
 */
@IntegrationTest
class YearKeysOnTwoNodesIT {

    private static final int FY = 3301;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MasterKey masterKey;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void bothNodesUseOneKeyAndADestructionThroughOneHoldsOnTheOther() throws Exception {
        Path shared = Files.createTempDirectory(Path.of("target"), "shared-keys-");
        CryptoProperties properties = new CryptoProperties(null, Path.of("target/unused-master.key"), shared);
        YearKeys nodeA = new YearKeys(jdbc, masterKey, properties, transactions);
        YearKeys nodeB = new YearKeys(jdbc, masterKey, properties, transactions);

        // both ask for a year nobody has used, at the same moment: one creates the key, the other reads it
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<YearKeys.DerivedKeys> onA = CompletableFuture.supplyAsync(() -> await(go, () -> nodeA.forYear(FY)));
        CompletableFuture<YearKeys.DerivedKeys> onB = CompletableFuture.supplyAsync(() -> await(go, () -> nodeB.forYear(FY)));
        go.countDown();
        assertThat(onA.get().encryption().getEncoded()).as("one key for the year on both nodes")
                .isEqualTo(onB.get().encryption().getEncoded());
        assertThat(jdbc.queryForObject("select count(*) from fiscal_year_key where fiscal_year = ?", Integer.class, FY)).isEqualTo(1);
        try (var files = Files.list(shared)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("fy-" + FY + ".key");
        }

        assertThat(nodeB.forYear(FY)).as("node B has the key in its cache").isNotNull();
        nodeA.destroy(FY, "ward");

        assertThatThrownBy(() -> nodeB.forYear(FY)).as("node B does not serve the destroyed key from its cache")
                .isInstanceOf(YearKeyDestroyedException.class);
        assertThat(nodeB.isDestroyed(FY)).isTrue();
    }

    private static <T> T await(CountDownLatch go, java.util.function.Supplier<T> work) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return work.get();
    }
}
