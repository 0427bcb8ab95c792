package io.reprotect.request;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one JSON value strictly (RFC 8259, nothing after it, no duplicate names, tight size limits) and
 * explains a refusal in the caller's terms: what is wrong, the field, the line and column.
 */
final class StrictJson {

    /** Deepest nesting of objects and arrays; a request nests two levels. */
    static final int MAX_NESTING_DEPTH = 8;
    /** Longest number literal; every number in a request has at most 3 digits. */
    static final int MAX_NUMBER_CHARS = 20;
    /** Longest string value; ARM resource ids stay well under 1 KiB. */
    static final int MAX_STRING_CHARS = 2048;
    /** Longest field name; the longest known one has 33 characters. */
    static final int MAX_NAME_CHARS = 128;
    /** Most JSON tokens in one request; a request with every field has about 30. */
    static final int MAX_TOKENS = 512;

    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('.*?' \\(code (\\d+)");
    private static final Pattern EXPECTING = Pattern.compile("(?:was )?expecting ([A-Za-z ,'\\-]+)");
    private static final Pattern CONTROL = Pattern.compile("CTRL-CHAR, code (\\d+)");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '");

    private static final String TRAILING = "there is more after the JSON object; send one object and nothing after it";

    private final ObjectMapper mapper;

    StrictJson(int maxDocumentChars) {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .maxStringLength(MAX_STRING_CHARS)
                        .maxNameLength(MAX_NAME_CHARS)
                        .maxDocumentLength(maxDocumentChars)
                        .maxTokenCount(MAX_TOKENS)
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory).build();
    }

    /** @throws InvalidRequestException naming the field (or {@code $}) and where the text goes wrong */
    JsonNode read(String text) {
        JsonParser parser = null;
        boolean valueRead = false;
        try {
            parser = mapper.createParser(text);
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                throw invalid("$", "the request body is empty; send a JSON object");
            }
            valueRead = true;
            if (parser.nextToken() != null) {
                throw invalid("$", "malformed JSON" + where(parser, null) + ": " + TRAILING);
            }
            return root;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidRequestException refused) {
                throw refused;
            }
            String kind = e instanceof StreamConstraintsException ? "JSON over this API's limits" : "malformed JSON";
            throw invalid(valueRead ? "$" : field(parser, insideAName(e)), kind + where(parser, e) + ": "
                    + (valueRead ? TRAILING : describe(e)));
        } finally {
            close(parser);
        }
    }

    /**
     * Whether the error lies in the current field's own name or value, though the parser already holds the
     * value's token (Jackson reads a string's content lazily), rather than between that field and the next.
     */
    private static boolean insideAName(Exception e) {
        String raw = String.valueOf(e.getMessage());
        return DUPLICATE.matcher(raw).find() || e instanceof StreamConstraintsException && raw.startsWith("String")
                || raw.contains("CTRL-CHAR") || raw.contains("character escape") || raw.contains("VALUE_STRING")
                || raw.contains("closing quote");
    }

    private static String describe(Exception e) {
        String raw = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getOriginalMessage() != null
                ? j.getOriginalMessage() : String.valueOf(e.getMessage());
        if (e instanceof StreamConstraintsException) {
            return limit(raw);
        }
        if (DUPLICATE.matcher(raw).find()) {
            return "appears more than once; send each field once";
        }
        if (raw.contains("end-of-input") || raw.contains("EOF")) {
            return "the JSON ends before it is complete";
        }
        Matcher control = CONTROL.matcher(raw);
        if (control.find()) {
            return "a string holds a raw control character " + codePoint(Integer.parseInt(control.group(1)))
                    + "; write it escaped, or leave it out";
        }
        if (raw.contains("'NaN'") || raw.contains("Infinity")) {
            return "NaN and Infinity are not JSON numbers";
        }
        if (raw.contains("Leading zeroes") || raw.contains("leading zero")) {
            return "a number starts with 0; write it without leading zeros";
        }
        if (raw.contains("character escape")) {
            return "a string holds an invalid escape sequence (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
        }
        Matcher unexpected = UNEXPECTED.matcher(raw);
        if (unexpected.find()) {
            int code = Integer.parseInt(unexpected.group(1));
            if (code == '/' || code == '#') {
                return "comments are not allowed in JSON";
            }
            if (code == '\'') {
                return "names and strings need double quotes, not single quotes";
            }
            return "unexpected character " + codePoint(code) + expected(raw);
        }
        if (raw.startsWith("Unrecognized token")) {
            return "a value is not JSON: use a \"string\", a number, true, false, null, an object or an array";
        }
        return "the body is not valid JSON";
    }

    private static String limit(String raw) {
        if (raw.startsWith("Document nesting depth")) {
            return "objects and arrays are nested deeper than " + MAX_NESTING_DEPTH + " levels";
        }
        if (raw.startsWith("Number value length")) {
            return "a number is longer than " + MAX_NUMBER_CHARS + " characters";
        }
        if (raw.startsWith("String value length")) {
            return "a string is longer than " + MAX_STRING_CHARS + " characters";
        }
        if (raw.startsWith("Name length")) {
            return "a field name is longer than " + MAX_NAME_CHARS + " characters";
        }
        if (raw.startsWith("Token count")) {
            return "the body holds more than " + MAX_TOKENS + " JSON values";
        }
        return "the body is too large";
    }

    private static String expected(String raw) {
        Matcher m = EXPECTING.matcher(raw);
        return m.find() ? " (expected " + m.group(1).trim() + ")" : "";
    }

    static String codePoint(int code) {
        return code >= 0x20 && code < 0x7f ? "'" + (char) code + "'" : String.format("U+%04X", code);
    }

    private static String where(JsonParser parser, Exception e) {
        JsonLocation at = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getLocation() : null;
        if ((at == null || at.getLineNr() < 1) && parser != null) {
            at = parser.currentLocation();
        }
        return at == null || at.getLineNr() < 1 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /**
     * The object field the parser was in when it stopped, as a dotted path of at most two names. When it
     * stopped between fields (after a value, before the next name), the field before is not the culprit.
     */
    private static String field(JsonParser parser, boolean inCurrentField) {
        if (parser == null) {
            return "$";
        }
        List<String> names = new ArrayList<>();
        JsonStreamContext innermost = parser.getParsingContext();
        boolean betweenFields = innermost != null && innermost.inObject() && !inCurrentField
                && parser.currentToken() != JsonToken.FIELD_NAME;
        for (JsonStreamContext c = innermost; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null && !(c == innermost && betweenFields)) {
                names.add(0, c.getCurrentName());
            }
        }
        if (names.isEmpty()) {
            return "$";
        }
        List<String> kept = names.subList(0, Math.min(2, names.size()));
        return kept.stream().map(Printable::name).reduce((a, b) -> a + "." + b).orElse("$");
    }

    private static void close(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // reading a String: nothing to release
            }
        }
    }

    static InvalidRequestException invalid(String field, String reason) {
        return new InvalidRequestException(List.of(new FieldError(field, reason)));
    }
}
