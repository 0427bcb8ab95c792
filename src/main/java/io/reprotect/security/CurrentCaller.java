package io.reprotect.security;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.reprotect.job.RequestedBy;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The caller of the request being served, set by {@link RoleCheck} (HTTP) or {@link #during} (the intake queue, an
 * approved operation). Jobs created while it is set record it ({@link #requester()}).
 */
@RequestScoped
public class CurrentCaller {

    private Caller caller;

    public Optional<Caller> get() {
        return Optional.ofNullable(caller);
    }

    void set(Caller value) {
        caller = value;
    }

    /** Who asks, when a request context with a caller is active: null outside any request (the engine itself). */
    public static RequestedBy requester() {
        if (Arc.container() == null || !Arc.container().requestContext().isActive()) {
            return null;
        }
        return Arc.container().instance(CurrentCaller.class).get().get().map(Caller::who).orElse(null);
    }

    /**
     * Runs {@code work} with {@code caller} as the current caller, in a request context of its own if none is active.
     * Outside a container (unit tests of a service alone) it just runs {@code work}.
     */
    public static <T> T during(Caller caller, Supplier<T> work) {
        if (Arc.container() == null) {
            return work.get();
        }
        ManagedContext context = Arc.container().requestContext();
        boolean activated = !context.isActive();
        if (activated) {
            context.activate();
        }
        CurrentCaller current = Arc.container().instance(CurrentCaller.class).get();
        Caller previous = current.caller;
        current.set(caller);
        try {
            return work.get();
        } finally {
            current.set(previous);
            if (activated) {
                context.terminate();
            }
        }
    }
}
