package io.reprotect.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README a user reads first stays short, and every relative link and anchor in it and in docs/ leads somewhere. */
class DocsLinksTest {

    /** Longest README.md we accept: a page a newcomer reads first, the rest lives in docs/. */
    static final int README_MAX_LINES = 300;

    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*])*]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern EXPLICIT_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+).+?\\1");
    private static final Pattern INLINE_LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");

    @Test
    void readmeIsUnderThreeHundredLines() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md")).size()).as("README.md lines").isLessThan(README_MAX_LINES);
    }

    @Test
    void ciRunsExactlyTheReadmesTestCommand() throws IOException {
        Matcher block = Pattern.compile("(?m)^## Run the tests\\n\\n```sh\\n(.+)\\n```").matcher(Files.readString(Path.of("README.md")));
        assertThat(block.find()).as("README's \"Run the tests\" starts with its command in a sh block").isTrue();
        assertThat(Files.readAllLines(Path.of(".ci/run"))).as(".ci/run").contains(block.group(1));
    }

    @Test
    void everyRelativeLinkAndAnchorInReadmeAndDocsResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<Path> pages = pages();
        for (Path page : pages) {
            for (String target : links(Files.readString(page))) {
                String problem = problem(page, target, anchors);
                if (problem != null) {
                    broken.add(page + ": " + target + " (" + problem + ")");
                }
            }
        }
        assertThat(pages).contains(Path.of("README.md"), Path.of("docs/api.md"), Path.of("docs/errors.md"));
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void anchorsAreTheOnesGitHubRenders() {
        assertThat(anchorsOf(String.join("\n", "# Run it locally", "## What-if", "### `invalid-request`",
                "## Reprotect back (PrimaryToRecovery)", "## What-if", "<a id=\"kept\"></a>", "```", "# not a heading",
                "```"))).containsExactlyInAnyOrder("run-it-locally", "what-if", "invalid-request",
                "reprotect-back-primarytorecovery", "what-if-1", "kept");
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Link targets outside fenced code blocks and code spans. */
    static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (!fenced) {
                LINK.matcher(CODE_SPAN.matcher(line).replaceAll("")).results().map(m -> m.group(1)).forEach(targets::add);
            }
        }
        return targets;
    }

    private static String problem(Path page, String target, Map<Path, Set<String>> anchors) throws IOException {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // https:, mailto: and the like are not checked here
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash < 0) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "anchor into a file that is not Markdown";
        }
        Set<String> known = anchors.computeIfAbsent(resolved, p -> {
            try {
                return anchorsOf(Files.readString(p));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return known.contains(target.substring(hash + 1)) ? null : "no such anchor";
    }

    /** The anchors GitHub renders: one per heading (repeats get -1, -2, ...), and explicit {@code <a id>}s. */
    static Set<String> anchorsOf(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            EXPLICIT_ANCHOR.matcher(line).results().map(m -> m.group(1)).forEach(anchors::add);
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's rule: the heading's text, lowercase, punctuation other than '-' and '_' dropped, spaces as '-'. */
    static String slug(String heading) {
        String text = INLINE_LINK.matcher(heading).replaceAll("$1").replaceAll("<[^>]+>", "");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
