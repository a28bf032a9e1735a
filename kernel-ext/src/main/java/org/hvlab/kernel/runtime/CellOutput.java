package org.hvlab.kernel.runtime;

import org.hvlab.kernel.render.MimeBundle;

/** Where a running cell's output goes: the kernel publishes it on iopub, tests record it. */
public interface CellOutput {
    /** Text on "stdout" or "stderr". */
    void stream(String name, String text);

    /** Shows a bundle; with {@code update} it replaces what an earlier display with that id shows. */
    void display(MimeBundle bundle, String displayId, boolean update);

    /** Clears the cell's output, now or ({@code wait}) when the next output arrives. */
    void clear(boolean wait);

    /** Output that goes nowhere (before a cell runs). */
    CellOutput NONE = new CellOutput() {
        @Override public void stream(String name, String text) {}
        @Override public void display(MimeBundle bundle, String displayId, boolean update) {}
        @Override public void clear(boolean wait) {}
    };
}
