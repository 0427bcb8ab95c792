package io.reprotect.pipeline;

/**
 * A {@link StageHandler} whose stage name, as {@link Workflows} lists it, comes in through its constructor: a
 * stage passes its name once ({@code super(NAME, ...)}) instead of overriding {@link #stage()}. The workflow bases
 * (a replication cycle's stages, for one) extend it with what every stage of their workflow reads first.
 */
public abstract class NamedStage implements StageHandler {

    private final String name;

    protected NamedStage(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a stage needs the name its workflow lists it under");
        }
        this.name = name;
    }

    /** Only for the client proxy CDI makes of an application-scoped stage; the proxy delegates every call. */
    protected NamedStage() {
        this.name = null;
    }

    /** Not final: the client proxy CDI makes of an application-scoped stage overrides it to delegate. */
    @Override
    public String stage() {
        return name;
    }
}
