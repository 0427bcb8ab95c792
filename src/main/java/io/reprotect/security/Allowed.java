package io.reprotect.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role that may call a JAX-RS resource method: {@code @Allowed(Role.OPERATOR)}. {@link RoleCheck} refuses
 * a caller without it with 403 problem+json naming both roles. A resource method without it is refused to
 * everyone (deny by default), and {@code RolesTest} fails for it.
 *
 * <p>A call with {@code ?whatIf=true} changes nothing, so {@link Role#READER} may make it whatever the method's role.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Allowed {
    Role value();
}
