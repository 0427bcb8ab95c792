package io.reprotect.whatif;

import io.reprotect.job.JobError;
import io.reprotect.job.VmBusyException;
import io.reprotect.protection.OperationNotAllowedException;
import io.reprotect.request.FieldError;
import io.reprotect.request.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A {@link WhatIf} being put together by an operation's what-if: checks as they run, changes in the order the
 * stages act, and the bytes each step moves. Ends with {@link #build()}: {@code Refused} if any check refused.
 */
public final class WhatIfDraft {

    private final String operation;
    private final String vmId;
    private final List<WhatIf.Change> changes = new ArrayList<>();
    private final List<WhatIf.Check> checks = new ArrayList<>();
    private final List<WhatIf.DiskTransfer> transfers = new ArrayList<>();
    private WhatIf.PointChoice point;
    private String basis;

    public WhatIfDraft(String operation, String vmId) {
        this.operation = operation;
        this.vmId = vmId;
    }

    public WhatIfDraft change(String resourceId, WhatIf.ChangeType type, String reason) {
        changes.add(new WhatIf.Change(resourceId, type, reason));
        return this;
    }

    public WhatIfDraft create(String resourceId, String reason) {
        return change(resourceId, WhatIf.ChangeType.Create, reason);
    }

    public WhatIfDraft modify(String resourceId, String reason) {
        return change(resourceId, WhatIf.ChangeType.Modify, reason);
    }

    public WhatIfDraft delete(String resourceId, String reason) {
        return change(resourceId, WhatIf.ChangeType.Delete, reason);
    }

    public WhatIfDraft noChange(String resourceId, String reason) {
        return change(resourceId, WhatIf.ChangeType.NoChange, reason);
    }

    public WhatIfDraft check(WhatIf.Check check) {
        checks.add(check);
        return this;
    }

    /**
     * Runs the real call's validation {@code validation} and records it as check {@code name}: passed, or
     * refused with the answer the call would give (409 for a state or a busy VM, 400 for the request).
     *
     * @return the validation's result, or null when it refused
     */
    public <T> T check(String name, Supplier<T> validation) {
        try {
            T result = validation.get();
            checks.add(WhatIf.Check.passed(name));
            return result;
        } catch (InvalidRequestException e) {
            checks.add(WhatIf.Check.refused(name, invalid(e.errors()), 400));
        } catch (VmBusyException e) {
            checks.add(WhatIf.Check.refused(name, busy(e), 409));
        } catch (RefusedException e) {
            checks.add(WhatIf.Check.refused(name, e.error(), e.httpStatus()));
        }
        return null;
    }

    public WhatIfDraft recoveryPoint(WhatIf.PointChoice choice) {
        this.point = choice;
        return this;
    }

    public WhatIfDraft move(WhatIf.DiskTransfer transfer) {
        transfers.add(transfer);
        return this;
    }

    /** How the bytes were bounded; a what-if without it moves no data (transfer 0). */
    public WhatIfDraft basis(String text) {
        this.basis = text;
        return this;
    }

    public boolean refused() {
        return checks.stream().anyMatch(WhatIf.Check::isRefused);
    }

    public WhatIf build() {
        long total = transfers.stream().mapToLong(WhatIf.DiskTransfer::bytesUpperBound).sum();
        Long expected = transfers.stream().anyMatch(t -> t.bytesExpected() != null) ? transfers.stream()
                .mapToLong(t -> t.bytesExpected() != null ? t.bytesExpected() : t.bytesUpperBound()).sum() : null;
        WhatIf.Transfer transfer = refused() && transfers.isEmpty() ? null
                : new WhatIf.Transfer(total, basis == null ? "Nothing is copied: this operation only deletes or "
                        + "changes state." : basis, transfers, expected);
        return new WhatIf(refused() ? WhatIf.REFUSED : WhatIf.SUCCEEDED, operation, vmId, point, changes, transfer,
                checks);
    }

    static JobError invalid(List<FieldError> errors) {
        StringBuilder message = new StringBuilder();
        for (FieldError e : errors) {
            message.append(message.isEmpty() ? "" : "; ").append(e.field()).append(": ").append(e.reason());
        }
        return JobError.of("InvalidRequest", message.toString(), "The request names something the item does not allow.",
                "Change the named field and ask again.");
    }

    static JobError busy(VmBusyException e) {
        return JobError.of("VmBusy", e.getMessage() + ".", "Another operation on the VM has not ended.",
                "Wait for job " + e.activeJobId() + " to end, or cancel it, then submit again.");
    }

    /** A refusal a validation reports in its own words. */
    public static final class RefusedException extends RuntimeException {
        private final transient JobError error;
        private final int httpStatus;

        public RefusedException(JobError error, int httpStatus) {
            super(error.message());
            this.error = error;
            this.httpStatus = httpStatus;
        }

        /** The 409 the call answers when the item's lifecycle does not allow the operation. */
        public static RefusedException notAllowed(OperationNotAllowedException e) {
            return new RefusedException(JobError.of("OperationNotAllowed", e.getMessage() + ".",
                    "The item is in " + e.state() + ".", e.allowed().isEmpty()
                            ? "Wait for the job in progress to end." : "Start one of: "
                            + String.join(", ", e.allowed()) + "."), 409);
        }

        public JobError error() {
            return error;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }
}
