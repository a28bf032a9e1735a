package org.hvlab.kernel.execution;

/**
 * Where {@code System.exit(int)}, {@code Runtime.exit(int)} and {@code Runtime.halt(int)} calls in cell code land:
 * {@link ExitCallRewriter} points them here, so a cell that calls one ends with {@link CellExit} instead of ending
 * the kernel. Public because cell classes call it.
 */
public final class ExitTrap {
    private ExitTrap() {}

    /** Replaces {@code System.exit(status)} in cell code. */
    public static void exit(int status) {
        throw new CellExit("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)} in cell code. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new CellExit("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)} in cell code. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new CellExit("Runtime.halt", status);
    }

    /**
     * Thrown by a cell that called one of the exits; an {@link Error} so that {@code catch (Exception e)} in the cell
     * does not swallow it.
     */
    public static final class CellExit extends Error {
        private static final long serialVersionUID = 1L;
        private final int status;

        CellExit(String call, int status) {
            super(call + "(" + status + ") was called in a cell: the cell stopped, the kernel and its variables"
                    + " stay. Restart the kernel from the notebook to start afresh");
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
