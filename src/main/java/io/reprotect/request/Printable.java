package io.reprotect.request;

/**
 * Caller text made safe to quote back in an error, a log line or a queue property: control and invisible
 * formatting characters (zero-width, bidirectional overrides) and unpaired surrogates escaped as {@code \\u} and four hex digits, long text shortened.
 */
public final class Printable {

    /** Longest quoted value; enough to recognise a resource id or a region name. */
    static final int MAX_VALUE_CHARS = 160;
    /** Longest quoted field name. */
    static final int MAX_NAME_CHARS = 64;

    private Printable() {
    }

    public static String value(String text) {
        return of(text, MAX_VALUE_CHARS);
    }

    public static String name(String text) {
        return of(text, MAX_NAME_CHARS);
    }

    public static String of(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 8);
        for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
            char c = text.charAt(i);
            out.append(isUnsafe(text, i) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.length() >= maxChars && text.length() > maxChars ? out + "..." : out.toString();
    }

    /** The text with every unsafe character escaped, not shortened. */
    public static String escaped(String text) {
        return of(text, Integer.MAX_VALUE - 8);
    }

    /**
     * @return the index of the first control or invisible formatting character or unpaired surrogate in {@code text}, or -1
     */
    public static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text, i)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnsafe(String text, int i) {
        char c = text.charAt(i);
        if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
