package org.hvlab.bmc.internal;

/**
 * Why an update task ended in {@code Exception}: an Update registry message id and a sentence that says which
 * check failed (unreachable URI, wrong GUID, truncated or oversized capsule, hash mismatch, unresumable transfer).
 */
public final class UpdateFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String messageId;

    public UpdateFailure(String messageId, String message, Throwable cause) {
        super(message, cause);
        this.messageId = messageId;
    }

    public UpdateFailure(String messageId, String message) {
        this(messageId, message, null);
    }

    public String messageId() { return messageId; }
}
