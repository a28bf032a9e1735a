package org.hvlab.kernel.runtime;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code System.in} for cells: each time the cell reads past what it has, one line is asked for through the
 * current {@link LineSource} (the kernel sends an {@code input_request} to the notebook). Without a source (the
 * client does not allow stdin, or no cell runs) reads see end of input.
 */
public final class CellInput extends InputStream {
    /** Asks the user for one line; empty when input is not possible. */
    @FunctionalInterface
    public interface LineSource extends Function<String, Optional<String>> {}

    private static final LineSource NONE = prompt -> Optional.empty();

    private volatile LineSource source = NONE;
    private byte[] buffer = new byte[0];
    private int pos;

    /** Sets where lines come from for the cell about to run (null: nowhere). */
    public void source(LineSource s) {
        source = s == null ? NONE : s;
    }

    @Override
    public synchronized int read() {
        if (!fill()) return -1;
        return buffer[pos++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, buffer.length - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - pos;
    }

    private boolean fill() {
        if (pos < buffer.length) return true;
        Optional<String> line = source.apply("");
        if (line.isEmpty()) return false;
        buffer = (line.get() + "\n").getBytes(StandardCharsets.UTF_8);
        pos = 0;
        return true;
    }
}
