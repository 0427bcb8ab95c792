package io.reprotect.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** The headers App Service Authentication sets for a validated Entra principal, as tests send them. */
public final class Principals {

    private Principals() {
    }

    /** A principal holding {@code appRole} (e.g. Reprotect.Operator), or no app role when null. */
    public static Map<String, String> headers(String appRole, String objectId, String name) {
        String roles = appRole == null ? "" : "{\"typ\":\"roles\",\"val\":\"" + appRole + "\"},";
        String json = "{\"auth_typ\":\"aad\",\"claims\":[" + roles
                + "{\"typ\":\"http://schemas.microsoft.com/identity/claims/objectidentifier\",\"val\":\"" + objectId + "\"},"
                + "{\"typ\":\"name\",\"val\":\"" + name + "\"}],"
                + "\"name_typ\":\"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name\","
                + "\"role_typ\":\"http://schemas.microsoft.com/ws/2008/06/identity/claims/role\"}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-MS-CLIENT-PRINCIPAL", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        headers.put("X-MS-CLIENT-PRINCIPAL-ID", objectId);
        headers.put("X-MS-CLIENT-PRINCIPAL-NAME", name);
        headers.put("X-MS-CLIENT-PRINCIPAL-IDP", "aad");
        return headers;
    }

    public static Map<String, String> of(Role role, String objectId, String name) {
        return headers(role == null ? null : role.appRoleValue(), objectId, name);
    }
}
