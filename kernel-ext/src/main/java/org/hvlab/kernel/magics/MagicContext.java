package org.hvlab.kernel.magics;

import java.nio.file.Path;
import java.util.List;
import org.hvlab.kernel.execution.CellResult;
import org.hvlab.kernel.execution.JShellSession;
import org.hvlab.kernel.runtime.CellOutput;

/** What a magic may use: the session, the cell's output, running code as a cell, and extending the class path. */
public interface MagicContext {
    JShellSession session();

    CellOutput output();

    /** Runs code (which may hold magics) as if it were a cell. */
    CellResult run(String code);

    /** Adds class path entries to the session and installs renderer extensions found in them; returns the new ones. */
    List<String> addToClassPath(List<Path> entries);

    /** The directory relative paths in magics resolve against. */
    Path workingDirectory();
}
