package io.reprotect.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.JobJson;
import io.reprotect.job.RequestedBy;
import io.reprotect.request.Printable;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Who calls, from the request headers: an Entra principal that App Service Authentication (Easy Auth) validated
 * and described in {@code X-MS-CLIENT-PRINCIPAL} (base64 JSON with {@code claims} of {@code typ}/{@code val} and
 * {@code role_typ}; app roles are the {@code roles} claims), or else a function key holder, whom the Functions host
 * let in with a key it does not name to the Java worker. Pure: no I/O.
 */
@ApplicationScoped
public class CallerResolver {

    static final String PRINCIPAL = "X-MS-CLIENT-PRINCIPAL";
    static final String PRINCIPAL_ID = "X-MS-CLIENT-PRINCIPAL-ID";
    static final String PRINCIPAL_NAME = "X-MS-CLIENT-PRINCIPAL-NAME";
    static final String PRINCIPAL_IDP = "X-MS-CLIENT-PRINCIPAL-IDP";
    /** The headers Easy Auth sets; a client's own are removed by Easy Auth, so outside it they are forged. */
    static final List<String> PRINCIPAL_HEADERS = List.of(PRINCIPAL, PRINCIPAL_ID, PRINCIPAL_NAME, PRINCIPAL_IDP);
    /** Largest X-MS-CLIENT-PRINCIPAL read (Easy Auth's for a token with many groups stays well below). */
    static final int MAX_PRINCIPAL_CHARS = 32 * 1024;
    /** Longest principal id, name or address kept. */
    static final int MAX_FIELD_CHARS = 256;
    private static final List<String> ROLE_CLAIMS = List.of("roles",
            "http://schemas.microsoft.com/ws/2008/06/identity/claims/role");
    private static final List<String> ID_CLAIMS = List.of("http://schemas.microsoft.com/identity/claims/objectidentifier",
            "oid");
    private static final List<String> NAME_CLAIMS = List.of("preferred_username", "name", "appid", "azp");

    private final SecurityConfig config;

    public CallerResolver(SecurityConfig config) {
        this.config = config;
    }

    /**
     * @param header the first value of a request header by name (case-insensitive), or null
     * @throws ForgedPrincipalException principal headers on a request that did not come through Easy Auth, or a
     *         principal Easy Auth could not have written
     */
    public Caller resolve(Function<String, String> header) {
        String clientIp = clientIp(header.apply("X-Forwarded-For"));
        String userAgent = shorten(header.apply("User-Agent"), RequestedBy.MAX_USER_AGENT_CHARS);
        boolean principalHeaders = PRINCIPAL_HEADERS.stream().anyMatch(h -> header.apply(h) != null);
        if (principalHeaders && !config.easyAuthEnabled()) {
            throw new ForgedPrincipalException("The request carries " + PRINCIPAL
                    + " headers, but App Service Authentication is not on in front of this app "
                    + "(reprotect.security.easy-auth-enabled is false): only Easy Auth may set them");
        }
        String encoded = header.apply(PRINCIPAL);
        if (encoded == null) {
            return new Caller(Optional.of(config.functionKeyRole()), new RequestedBy(
                    RequestedBy.RequesterKind.FunctionKey, RequestedBy.FUNCTION_KEY, RequestedBy.FUNCTION_KEY, null,
                    clientIp, userAgent, null));
        }
        JsonNode principal = decode(encoded);
        List<JsonNode> claims = StreamSupport.stream(principal.path("claims").spliterator(), false).toList();
        String roleType = principal.path("role_typ").asText("");
        Optional<Role> role = claims.stream()
                .filter(c -> ROLE_CLAIMS.contains(c.path("typ").asText()) || c.path("typ").asText().equals(roleType))
                .map(c -> Role.ofAppRole(c.path("val").asText()))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        String id = first(header.apply(PRINCIPAL_ID), claim(claims, ID_CLAIMS));
        if (id == null) {
            throw new ForgedPrincipalException(PRINCIPAL + " names no principal id (no oid claim)");
        }
        String name = first(header.apply(PRINCIPAL_NAME), claim(claims, NAME_CLAIMS));
        return new Caller(role, new RequestedBy(RequestedBy.RequesterKind.EntraPrincipal, shorten(id, MAX_FIELD_CHARS),
                shorten(name == null ? id : name, MAX_FIELD_CHARS),
                shorten(first(header.apply(PRINCIPAL_IDP), principal.path("auth_typ").asText(null)), MAX_FIELD_CHARS),
                clientIp, userAgent, null));
    }

    private static JsonNode decode(String encoded) {
        if (encoded.length() > MAX_PRINCIPAL_CHARS) {
            throw new ForgedPrincipalException(PRINCIPAL + " is longer than " + MAX_PRINCIPAL_CHARS + " characters");
        }
        try {
            JsonNode json = JobJson.MAPPER.readTree(new String(Base64.getDecoder().decode(encoded.strip()),
                    StandardCharsets.UTF_8));
            if (json == null || !json.isObject()) {
                throw new ForgedPrincipalException(PRINCIPAL + " is not a base64 JSON object");
            }
            return json;
        } catch (IllegalArgumentException | IOException e) {
            throw new ForgedPrincipalException(PRINCIPAL + " is not base64 JSON as Easy Auth writes it");
        }
    }

    private static String claim(List<JsonNode> claims, List<String> types) {
        for (String type : types) {
            for (JsonNode c : claims) {
                if (type.equals(c.path("typ").asText()) && !c.path("val").asText("").isBlank()) {
                    return c.path("val").asText();
                }
            }
        }
        return null;
    }

    /**
     * The address the Functions front end appended last to X-Forwarded-For (earlier entries are the client's own
     * say), without its port.
     */
    static String clientIp(String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank()) {
            return null;
        }
        String last = forwardedFor.substring(forwardedFor.lastIndexOf(',') + 1).strip();
        if (last.startsWith("[")) { // [IPv6]:port
            int end = last.indexOf(']');
            last = end < 0 ? last : last.substring(1, end);
        } else if (last.indexOf(':') == last.lastIndexOf(':') && last.indexOf(':') > 0) { // IPv4:port
            last = last.substring(0, last.indexOf(':'));
        }
        return shorten(last, MAX_FIELD_CHARS);
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }

    private static String shorten(String value, int max) {
        return value == null ? null : Printable.of(value, max);
    }
}
