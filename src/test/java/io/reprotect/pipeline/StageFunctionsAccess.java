package io.reprotect.pipeline;

/** Function objects wired by hand, for tests outside CDI. */
public final class StageFunctionsAccess {

    private StageFunctionsAccess() {
    }

    public static StageFunctions functions(StageRunner runner) {
        StageFunctions functions = new StageFunctions();
        functions.runner = runner;
        return functions;
    }

    public static DeadLetterFunctions deadLetters(JobService jobs) {
        DeadLetterFunctions functions = new DeadLetterFunctions();
        functions.deadLetters = new DeadLetterHandler(jobs);
        return functions;
    }
}
