package io.reprotect.job;

/** The operation of a job, as the history names and filters it: its workflow's name. */
public final class JobOperations {

    /** Jobs recorded before workflows were named ran reprotect. */
    public static final String REPROTECT = "reprotect";

    private JobOperations() {
    }

    /** The operation of a job. */
    public static String of(Job job) {
        return job.workflow() == null ? REPROTECT : job.workflow();
    }
}
