package io.reprotect.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The anchors GitHub gives the error catalogue's headings (docs/errors.md), which problem {@code type} URIs link to. */
final class ReadmeAnchors {

    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");

    private ReadmeAnchors() {
    }

    static Set<String> all() {
        try {
            Matcher m = HEADING.matcher(Files.readString(Path.of("docs/errors.md")));
            return m.results().map(r -> slug(r.group(1))).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GitHub's rule: lowercase, drop punctuation except '-' and '_', spaces become '-'. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** The anchor a problem type URI points at, or null if it is not a link into the error catalogue. */
    static String of(String typeUri) {
        String readme = "docs/errors.md#";
        int at = typeUri == null ? -1 : typeUri.indexOf(readme);
        return at < 0 ? null : typeUri.substring(at + readme.length());
    }
}
