package io.reprotect.job;

import java.util.List;

/** The operations a job can run, as the history names and filters them. */
public final class JobOperations {

    public static final String REPROTECT = "reprotect";
    /** Every operation name, for validating a filter. */
    public static final List<String> ALL = List.of(REPROTECT);

    private JobOperations() {
    }

    /** The operation of a job. */
    public static String of(Job job) {
        return REPROTECT;
    }
}
