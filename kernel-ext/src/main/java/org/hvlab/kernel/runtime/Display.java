package org.hvlab.kernel.runtime;

import java.util.UUID;
import org.hvlab.kernel.KernelException;
import org.hvlab.kernel.render.MimeBundle;
import org.hvlab.kernel.render.Renderer;

/**
 * The functions cells call, imported statically in every session (the IJava names): {@code display(obj)} returns
 * a display id that {@code updateDisplay(id, obj)} replaces in place; {@code render(obj)} returns the MIME bundle
 * without showing it; {@code clearOutput()} clears the cell's output.
 */
public final class Display {
    private static volatile Renderer renderer = Renderer.withBuiltins();
    private static volatile CellOutput output = CellOutput.NONE;

    private Display() {}

    /** Called by the kernel: the renderer and the output of the cell about to run. */
    public static void bind(Renderer r, CellOutput out) {
        renderer = r;
        output = out;
    }

    /** The output of the running cell. */
    public static CellOutput output() {
        return output;
    }

    /** The kernel's renderer, to register renderers from a cell: {@code renderer().createRegistration(..)}. */
    public static Renderer renderer() {
        return renderer;
    }

    /** The kernel as IJava cells reach it: {@code getKernelInstance().getRenderer().createRegistration(..)}. */
    public static KernelInstance getKernelInstance() {
        return KERNEL_INSTANCE;
    }

    /** IJava's kernel handle, reduced to what renderer snippets use. */
    public static final class KernelInstance {
        private KernelInstance() {}

        public Renderer getRenderer() { return renderer(); }
    }

    private static final KernelInstance KERNEL_INSTANCE = new KernelInstance();

    /** Shows {@code value} rendered in its preferred MIME types; returns its display id. */
    public static String display(Object value) {
        return display(value, new String[0]);
    }

    /** Shows {@code value} rendered in the given MIME types (e.g. "image/svg+xml"); returns its display id. */
    public static String display(Object value, String... mimeTypes) {
        String id = UUID.randomUUID().toString();
        output.display(renderer.renderAs(value, mimeTypes), id, false);
        return id;
    }

    /** Replaces what the display with this id shows. */
    public static void updateDisplay(String displayId, Object value) {
        updateDisplay(displayId, value, new String[0]);
    }

    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        if (displayId == null || displayId.isBlank()) {
            throw new KernelException(KernelException.Reason.DISPLAY, "updateDisplay got no display id",
                    "only a display shown with display(..) can be updated", "Use the id that display(..) returned");
        }
        output.display(renderer.renderAs(value, mimeTypes), displayId, true);
    }

    /** The MIME bundle {@code value} renders to, without showing it. */
    public static MimeBundle render(Object value) {
        return renderer.render(value);
    }

    public static MimeBundle render(Object value, String... mimeTypes) {
        return renderer.renderAs(value, mimeTypes);
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the cell's output, now or when the next output arrives ({@code wait}, flicker-free updates). */
    public static void clearOutput(boolean wait) {
        output.clear(wait);
    }
}
