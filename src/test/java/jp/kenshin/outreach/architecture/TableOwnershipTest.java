package jp.kenshin.outreach.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import jp.kenshin.outreach.YearData;
import org.junit.jupiter.api.Test;
import org.objenesis.ObjenesisStd;

/**
 * Each table belongs to one capability, the one whose {@link YearData} deletes or keeps its rows of a year, and
 * only that capability's package writes it (INSERT, UPDATE, DELETE, TRUNCATE in its SQL). So the deletion holds no
 * list of tables of its own and writes nothing of another capability's.
 */
class TableOwnershipTest {

    private static final Path SOURCES = Path.of("src/main/java/jp/kenshin/outreach");
    private static final Pattern WRITE = Pattern.compile("(?i)\\b(?:insert\\s+into|update|delete\\s+from|truncate(?:\\s+table)?)\\s+\"?([a-z_][a-z0-9_]*)");
    private static final Pattern CREATE = Pattern.compile("(?i)create\\s+table\\s+([a-z_][a-z0-9_]*)");

    /** Table -> owning capability, from every YearData (they are not started: only their declarations are read). */
    static Map<String, String> owners() {
        Map<String, String> owners = new TreeMap<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("jp.kenshin.outreach")) {
            if (!type.isInterface() && !type.getModifiers().contains(JavaModifier.ABSTRACT) && type.isAssignableTo(YearData.class)) {
                YearData data = (YearData) new ObjenesisStd().newInstance(type.reflect());
                assertThat(type.getPackageName()).as(type.getName()).endsWith("." + data.owner());
                List<String> tables = new ArrayList<>(data.deletedTables());
                tables.addAll(data.keptTables().keySet());
                for (String table : tables) {
                    String before = owners.put(table, data.owner());
                    assertThat(before).as(table + " owned twice").isNull();
                }
            }
        }
        return owners;
    }

    @Test
    void everyTableOfTheMigrationsHasOneOwner() throws IOException {
        Map<String, String> owners = owners();
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.toList()) {
                Matcher m = CREATE.matcher(Files.readString(file));
                while (m.find()) {
                    created.add(m.group(1).toLowerCase());
                }
            }
        }
        assertThat(created).isNotEmpty();
        assertThat(owners.keySet()).as("tables without an owning capability").containsAll(created);
    }

    @Test
    void onlyTheOwningCapabilityWritesATable() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(SOURCES.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        Set<String> seen = new TreeSet<>();
        Set<String> violations = violations(sources, owners(), seen);
        assertThat(seen).as("the check sees the writes").contains("members -> member", "compliance -> deletion_run",
                "calling -> call_attempt");
        assertThat(violations).isEmpty();
    }

    @Test
    void aPackageWritingAnotherCapabilitysTableIsCaught() {
        Map<String, String> owners = owners();
        assertThat(owners).containsEntry("member", "members").containsEntry("call_case", "calling");
        Map<String, String> fixture = Map.of(
                "calling/Fixture.java", "jdbc.update(\"update member set phone_usable = false where id = ?\", id);\n"
                        + "jdbc.update(\"update call_case set state = ? where id = ?\", s, id);",
                "inquiry/Fixture.java", "jdbc.update(\"\"\"\n    DELETE FROM \"call_attempt\" where case_id = ?\"\"\", id);",
                "members/Fixture.java", "jdbc.update(\"insert into member (id) values (?)\", id); // update temp_rows: not ours");
        Set<String> seen = new TreeSet<>();
        assertThat(violations(fixture, owners, seen)).containsExactlyInAnyOrder(
                "calling/Fixture.java writes member, owned by members",
                "inquiry/Fixture.java writes call_attempt, owned by calling");
        assertThat(seen).containsExactlyInAnyOrder("calling -> member", "calling -> call_case", "inquiry -> call_attempt",
                "members -> member");
    }

    /**
     * The writes of application tables by a package other than the table's owner. {@code sources}: each source's path
     * below {@code jp/kenshin/outreach} (its first folder is the writing package) and its text.
     */
    static Set<String> violations(Map<String, String> sources, Map<String, String> owners, Set<String> seen) {
        Set<String> violations = new TreeSet<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String path = source.getKey();
            String writer = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
            Matcher m = WRITE.matcher(source.getValue());
            while (m.find()) {
                String table = m.group(1).toLowerCase();
                String owner = owners.get(table);
                if (owner == null) {
                    continue; // not an application table (a temporary table, the engine's, a word in a comment)
                }
                seen.add(writer + " -> " + table);
                if (!owner.equals(writer)) {
                    violations.add(path + " writes " + table + ", owned by " + owner);
                }
            }
        }
        return violations;
    }
}
