package jp.kenshin.outreach.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduled anchor of two nodes sharing one anchor file: each head is anchored once between them. */
class AuditAnchorsTest {

    private static final String HASH = "a".repeat(64);
    private static final String SIG = "b".repeat(64);

    @Test
    void aHeadAnchoredByOneNodeIsNotAnchoredAgainByTheOther(@TempDir Path folder) throws Exception {
        AuditSigningKey key = new AuditSigningKey(new byte[32]);
        Path file = folder.resolve("anchors").resolve("audit-anchors.log");
        AuditAnchors nodeA = new AuditAnchors(file, key, java.time.Clock.systemUTC());
        AuditAnchors nodeB = new AuditAnchors(file, key, java.time.Clock.systemUTC());

        assertThat(nodeA.appendIfNew(41, HASH, SIG, "scheduled")).as("a new head").isNotNull();
        assertThat(nodeB.appendIfNew(41, HASH, SIG, "scheduled")).as("the same head, through the other node").isNull();
        assertThat(nodeB.appendIfNew(42, HASH, SIG, "scheduled")).as("the next head").isNotNull();
        assertThat(nodeA.append(42, HASH, SIG, "certificate-2026")).as("a document's anchor is always written").isNotNull();
        assertThat(nodeA.appendIfNew(42, HASH, SIG, "scheduled")).isNull();

        AuditAnchors.Read read = nodeB.read();
        assertThat(read.problems()).isEmpty();
        assertThat(read.anchors()).extracting(AuditAnchors.Anchor::seq).containsExactly(41L, 42L, 42L);
        assertThat(Files.readAllLines(file)).hasSize(3);
    }
}
