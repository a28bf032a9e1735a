package org.hvlab.memory.stage2;

/**
 * What a {@link FaultHandler} decided: the access was emulated (a load gets {@code value}), dropped (a store is
 * discarded, a load reads zero; the guest's PC moves past the instruction), or retried because the handler
 * changed the mapping.
 */
public record Resolution(Action action, long value) {

    /** The three outcomes of an exit that does not raise an error. */
    public enum Action { EMULATED, DROPPED, RETRY }

    private static final Resolution DROPPED = new Resolution(Action.DROPPED, 0);
    private static final Resolution RETRY = new Resolution(Action.RETRY, 0);

    /** The hypervisor performed the access; a load returns {@code value}. */
    public static Resolution emulated(long value) { return new Resolution(Action.EMULATED, value); }

    /** The access is skipped. */
    public static Resolution dropped() { return DROPPED; }

    /** The mapping was fixed; run the access again. */
    public static Resolution retry() { return RETRY; }
}
