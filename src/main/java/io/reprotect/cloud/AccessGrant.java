package io.reprotect.cloud;

import java.net.URI;
import java.time.Instant;

/**
 * A read-only SAS URL to a disk's or snapshot's bytes. The URL is a secret: {@link #toString()}
 * hides its query, so that logging a grant never leaks the signature.
 *
 * @param expiresOn when the SAS stops working (computed from the requested duration)
 */
public record AccessGrant(String resourceId, URI sasUrl, Instant expiresOn) {

    @Override
    public String toString() {
        return "AccessGrant[resourceId=" + resourceId + ", url=" + sasUrl.getScheme() + "://" + sasUrl.getAuthority()
                + sasUrl.getPath() + "?<redacted>, expiresOn=" + expiresOn + "]";
    }
}
