package io.reprotect.console;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test only: records the {@code x-functions-key} header of each API call, as the Functions host would
 * check it in Azure (the app itself never sees a key there), so a test can tell what the console sent.
 */
@Provider
public class FunctionKeysSeen implements ContainerRequestFilter {

    /** "path key" of each call that carried a key. */
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    @Override
    public void filter(ContainerRequestContext request) {
        String key = request.getHeaderString("x-functions-key");
        if (key != null) {
            CALLS.add(request.getUriInfo().getPath() + " " + key);
        }
    }
}
