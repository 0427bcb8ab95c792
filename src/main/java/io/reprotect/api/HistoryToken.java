package io.reprotect.api;

import io.reprotect.job.JobJson;
import io.reprotect.job.JobQuery;
import java.util.Base64;

/** The opaque {@code $skipToken} of a history page: where the previous page stopped, base64url JSON. */
final class HistoryToken {

    /** Longest token accepted; a real one is a few hundred bytes. */
    static final int MAX_LENGTH = 4096;

    private HistoryToken() {
    }

    static String encode(JobQuery.Position position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JobJson.write(position));
    }

    /** @throws IllegalArgumentException the token is not one this API handed out */
    static JobQuery.Position decode(String token) {
        if (token.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("too long");
        }
        try {
            JobQuery.Position position = JobJson.read(Base64.getUrlDecoder().decode(token), JobQuery.Position.class);
            if (position == null || position.after() == null || !position.after().matches("\\d{13}-[\\w-]{1,100}")) {
                throw new IllegalArgumentException("not a position");
            }
            return position;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a continuation token from this API", e);
        }
    }
}
