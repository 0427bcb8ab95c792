package io.reprotect.plan;

import java.time.Duration;
import java.util.Set;

/** The limits a plan action is held to; each refusal names the limit it broke. */
final class ActionLimits {

    /** Longest action name. */
    static final int MAX_NAME_CHARS = 80;
    /** Shortest timeout: a target cannot answer, be polled or call back in less. */
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    /** Longest timeout: a plan does not wait more than a day on one step (Logic Apps' own async limit is a day). */
    static final Duration MAX_TIMEOUT = Duration.ofDays(1);
    /** Longest action URL (and poll URL a target gives). */
    static final int MAX_URL_CHARS = 2048;
    /** Largest JSON body sent, the engine's fields included (Service Bus Standard allows 256 KB a message). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Most extra request headers. */
    static final int MAX_HEADERS = 20;
    /** Longest header value (a bearer token fits). */
    static final int MAX_HEADER_VALUE_CHARS = 8192;
    /** Longest instructions of a manual action. */
    static final int MAX_INSTRUCTIONS_CHARS = 4000;
    /** Longest comment of an approval, and message of a callback, kept. */
    static final int MAX_COMMENT_CHARS = 1000;
    /** Longest part of a target's answer quoted in the action's message. */
    static final int MAX_QUOTED_CHARS = 200;
    /** Longest Service Bus queue name (Service Bus allows 260). */
    static final int MAX_QUEUE_CHARS = 260;
    /** Longest wait between two looks at an action, whatever Retry-After says. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
    /** Shortest wait between two looks at an action. */
    static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);
    /** Methods an HTTP action may use: each carries the JSON body. */
    static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    /** Headers the engine sets itself, or the HTTP client owns. */
    static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "content-type", "connection",
            "expect", "upgrade", "transfer-encoding", "te", "trailer", "keep-alive", "proxy-authorization");

    private ActionLimits() {
    }
}
