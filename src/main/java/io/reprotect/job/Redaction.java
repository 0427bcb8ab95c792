package io.reprotect.job;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of job records and logs: SDK error messages can quote a request URL, and a
 * disk's read URL carries a SAS token in its query string.
 */
public final class Redaction {

    /** A query string that holds a SAS signature. */
    private static final Pattern SAS_QUERY = Pattern.compile("\\?[^\\s\"'<>]*\\bsig=[^\\s\"'<>]*");

    private Redaction() {
    }

    public static String redact(String text) {
        return text == null ? null : SAS_QUERY.matcher(text).replaceAll("?<SAS redacted>");
    }
}
