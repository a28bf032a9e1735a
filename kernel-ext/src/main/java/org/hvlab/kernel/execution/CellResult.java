package org.hvlab.kernel.execution;

import java.util.List;
import java.util.Optional;

/** What evaluating a cell's code gave: a value to render (or none), or an error to show. */
public sealed interface CellResult {

    /** The cell ran; {@code value} is meaningful only when {@code hasValue} (it may be null). */
    record Ok(boolean hasValue, Object value) implements CellResult {
        public static final Ok NO_VALUE = new Ok(false, null);
    }

    /**
     * The cell failed to compile, threw, called System.exit, timed out or was interrupted; {@code thrown} is the
     * exception the cell threw, when there was one (so a renderer registered for its type can show it).
     */
    record Failed(String ename, String evalue, List<String> traceback, Optional<Throwable> thrown)
            implements CellResult {
        public Failed {
            traceback = List.copyOf(traceback);
        }

        public Failed(String ename, String evalue, List<String> traceback) {
            this(ename, evalue, traceback, Optional.empty());
        }
    }
}
