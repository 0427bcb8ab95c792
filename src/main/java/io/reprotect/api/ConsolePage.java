package io.reprotect.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The operator's console as one HTML document: {@code console/console.html} with its style sheet and
 * script inlined, so that the browser makes no second request (a second request would need the
 * function key again), and a Content-Security-Policy that allows exactly that style and script (by
 * their SHA-256), calls to this origin only, and nothing from anywhere else.
 *
 * @param html the page
 * @param contentSecurityPolicy the policy to send with it
 */
public record ConsolePage(String html, String contentSecurityPolicy) {

    static final String FOLDER = "console/";
    static final String STYLE_MARK = "<!-- console.css -->";
    static final String SCRIPT_MARK = "<!-- console.js -->";

    /** Reads the page from the class path; fails at once if a part is missing. */
    /** The page as an answer: its CSP, never cached, never framed, never sent on as a Referer. */
    public Response response() {
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("Cache-Control", "no-store")
                // the address holds the function key: never send it on as a Referer
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .build();
    }

    public static ConsolePage load() {
        return load("console.html", "console.js", "console.css");
    }

    /** Another page of the console, from its own HTML and script and the style sheets named, in order. */
    public static ConsolePage load(String htmlName, String scriptName, String... styleNames) {
        StringBuilder styles = new StringBuilder();
        for (String name : styleNames) {
            styles.append(read(name)).append('\n');
        }
        String css = styles.toString();
        String js = read(scriptName);
        String page = read(htmlName);
        if (!page.contains(STYLE_MARK) || !page.contains(SCRIPT_MARK)) {
            throw new IllegalStateException(FOLDER + htmlName + " lacks " + STYLE_MARK + " or " + SCRIPT_MARK);
        }
        String html = page.replace(STYLE_MARK, "<style>" + css + "</style>")
                .replace(SCRIPT_MARK, "<script>" + js + "</script>");
        String csp = "default-src 'none'; style-src '" + sha256(css) + "'; script-src '" + sha256(js)
                + "'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return new ConsolePage(html, csp);
    }

    private static String read(String name) {
        try (InputStream in = ConsolePage.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("The console's " + FOLDER + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
