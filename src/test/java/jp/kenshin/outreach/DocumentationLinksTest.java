package jp.kenshin.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation reads completely from a clone: every relative link of README.md and docs/**.md points to a
 * file or folder of the repository (and, for a link into a Markdown file with #anchor, to one of its headings),
 * and no text points outside the repository (../shared, /work/...).
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().normalize();
    /** [text](target) and ![alt](target), the target up to a space or the closing bracket. */
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** [label]: target */
    private static final Pattern REFERENCE_LINK = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|/work/|\\.\\./\\.\\./\\.\\.");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkOfTheReadmeAndDocsResolves() {
        List<Path> files = documentationFiles();
        assertThat(files).as("README.md and docs/").contains(ROOT.resolve("README.md")).hasSizeGreaterThan(10);
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(problems(file, read(file)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theReadmeLeadsIntoTheDocs() {
        List<String> links = links(read(ROOT.resolve("README.md")));
        assertThat(links).anyMatch(l -> l.startsWith("docs/design.md")).anyMatch(l -> l.startsWith("docs/operations/"))
                .anyMatch(l -> l.startsWith("docs/adr/"));
    }

    @Test
    void aMissingTargetAMissingHeadingAndAPathOutsideTheRepositoryAreFound() {
        Path file = ROOT.resolve("docs/design.md");
        assertThat(problems(file, "See [the formats](formats/member.md) and [rules](../README.md#no-such-heading).")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("formats/member.md"))
                .anySatisfy(p -> assertThat(p).contains("no-such-heading"));
        assertThat(problems(file, "The specification is in `../shared/DESIGN.md`.")).singleElement()
                .satisfies(p -> assertThat(p).contains("outside the repository"));
        assertThat(problems(file, "[up](../../outside.md)")).singleElement().satisfies(p -> assertThat(p).contains("outside"));
        assertThat(problems(file, "[ok](formats/members.md), [web](https://example.org/x), [here](#the-yearly-cycle)\n"
                + "```\n[not a link](in/a/code/block.md)\n```\n")).isEmpty();
    }

    static List<String> problems(Path file, String text) {
        List<String> problems = new ArrayList<>();
        String name = ROOT.relativize(file).toString();
        Matcher outside = OUTSIDE.matcher(text);
        while (outside.find()) {
            problems.add(name + ": refers to a path outside the repository (" + outside.group() + ")");
        }
        for (String link : links(text)) {
            if (link.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                continue; // http:, https:, mailto: ...
            }
            int hash = link.indexOf('#');
            String path = hash < 0 ? link : link.substring(0, hash);
            String anchor = hash < 0 ? null : link.substring(hash + 1);
            Path target = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
            if (!target.startsWith(ROOT)) {
                problems.add(name + ": link " + link + " leads outside the repository");
            } else if (!Files.exists(target)) {
                problems.add(name + ": link " + link + " has no target " + ROOT.relativize(target));
            } else if (anchor != null && target.toString().endsWith(".md") && !anchors(read(target)).contains(anchor)) {
                problems.add(name + ": link " + link + " names no heading of " + ROOT.relativize(target));
            }
        }
        return problems;
    }

    /** The link targets of a Markdown text, outside fenced code blocks and inline code. */
    static List<String> links(String markdown) {
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                prose.append(line.replaceAll("`[^`]*`", "")).append('\n');
            }
        }
        List<String> links = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_LINK)) {
            Matcher link = pattern.matcher(prose);
            while (link.find()) {
                links.add(link.group(1));
            }
        }
        return links;
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    static List<String> anchors(String markdown) {
        List<String> anchors = new ArrayList<>();
        Matcher heading = HEADING.matcher(markdown.replaceAll("(?s)```.*?```", ""));
        while (heading.find()) {
            String text = heading.group(1).replaceAll("`", "").toLowerCase(Locale.ROOT);
            String slug = text.replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
            String unique = slug;
            for (int n = 1; anchors.contains(unique); n++) {
                unique = slug + "-" + n;
            }
            anchors.add(unique);
        }
        return anchors;
    }

    private static List<Path> documentationFiles() {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
