package dev.pmgate.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository answers its readers' questions by itself: no file sends them to the team's reference
 * folder outside it, and every relative link in the README and docs/ leads to a file (and, within a
 * page, to a heading) that exists.
 */
class RepositoryIsSelfContainedTest {

    /** Folders that are not the project's own text (build output, VCS, IDE state). */
    private static final Set<String> SKIPPED_DIRS = Set.of(".git", "target", ".idea", "node_modules");
    /** Written split so that this file does not match itself. */
    private static final List<String> OUTSIDE = List.of(
            ".." + "/shared",
            "/work" + "/shared",
            "shared" + "/reference",
            "shared" + "/SPEC",
            "shared" + "/vectors",
            "shared" + "/fixtures");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static List<Path> projectFiles() {
        Path root = DocsAgreeWithOpenApiTest.projectRoot();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).toString().split("[/\\\\]").length > 0)
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (SKIPPED_DIRS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> outsideReferences(String where, String text) {
        List<String> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (String needle : OUTSIDE) {
                if (lines[i].contains(needle)) {
                    found.add(where + ":" + (i + 1) + " mentions " + needle);
                }
            }
        }
        return found;
    }

    @Test
    void noFileSendsTheReaderOutsideTheRepository() throws IOException {
        List<String> found = new ArrayList<>();
        Path root = DocsAgreeWithOpenApiTest.projectRoot();
        List<Path> files = projectFiles();
        assertThat(files)
                .as("the walk sees the project")
                .anyMatch(p -> p.endsWith("README.md"))
                .anyMatch(p -> p.toString().endsWith(".java"));
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            if (indexOfZero(bytes) >= 0) {
                continue; // binary
            }
            found.addAll(
                    outsideReferences(root.relativize(file).toString(), new String(bytes, StandardCharsets.UTF_8)));
        }
        assertThat(found)
                .as("files pointing outside the repository (point to docs/ instead):\n  " + String.join("\n  ", found))
                .isEmpty();
    }

    @Test
    void theScanFindsAnOutsideReference() {
        assertThat(outsideReferences("X.java", "// see\n// " + ".." + "/shared" + "/" + "SPEC.md §3\n"))
                .containsExactly("X.java:2 mentions " + ".." + "/shared", "X.java:2 mentions shared" + "/" + "SPEC");
    }

    @Test
    void relativeLinksInTheReadmeAndDocsLeadToExistingFilesAndHeadings() throws IOException {
        Path root = DocsAgreeWithOpenApiTest.projectRoot();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            broken.addAll(brokenLinks(root, page, Files.readString(page, StandardCharsets.UTF_8)));
        }
        assertThat(pages).hasSizeGreaterThan(4);
        assertThat(broken).as("broken links:\n  " + String.join("\n  ", broken)).isEmpty();
    }

    @Test
    void aBrokenFileLinkAndABrokenAnchorAreFound() {
        Path root = DocsAgreeWithOpenApiTest.projectRoot();
        String page = "# Title\n## Errors\nSee [errors](#errors), [gone](#nothing-here), [api](api.md#errors),"
                + " [missing](no-such-file.md) and [web](https://example.com/x).\n";
        assertThat(brokenLinks(root, root.resolve("docs/virtual.md"), page))
                .containsExactlyInAnyOrder(
                        "docs/virtual.md: link #nothing-here has no heading",
                        "docs/virtual.md: link no-such-file.md leads to no file");
    }

    static List<String> brokenLinks(Path root, Path page, String text) {
        List<String> broken = new ArrayList<>();
        String where = root.relativize(page).toString().replace('\\', '/');
        Matcher m = LINK.matcher(withoutCode(text));
        while (m.find()) {
            String target = m.group(1);
            if (target.matches("[a-z][a-z0-9+.-]*:.*")) {
                continue; // http:, https:, mailto:
            }
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
            if (!file.isEmpty() && !Files.exists(linked)) {
                broken.add(where + ": link " + target + " leads to no file");
                continue;
            }
            if (anchor != null && !anchor.isEmpty() && linked.toString().endsWith(".md")) {
                String linkedText;
                try {
                    linkedText = linked.equals(page) ? text : Files.readString(linked, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (!anchors(linkedText).contains(anchor)) {
                    broken.add(where + ": link " + target + " has no heading");
                }
            }
        }
        return broken;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new java.util.HashSet<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            if (!fenced && line.matches("#{1,6} .*")) {
                String title = line.replaceFirst("^#+ ", "").trim().toLowerCase(java.util.Locale.ROOT);
                anchors.add(title.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    /** Drops fenced blocks and code spans, where "](" is code, not a link. */
    private static String withoutCode(String text) {
        return text.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\\n]*`", "");
    }

    private static int indexOfZero(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
