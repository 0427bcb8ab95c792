package io.reprotect.job;

/** The VM already has a job that has not ended; only one runs per VM at a time. */
public class VmBusyException extends RuntimeException {

    private final String activeJobId;

    public VmBusyException(String vmId, String activeJobId) {
        super("VM " + vmId + " already has job " + activeJobId + " in progress");
        this.activeJobId = activeJobId;
    }

    public String activeJobId() {
        return activeJobId;
    }
}
