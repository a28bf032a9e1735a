package org.hvlab.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.function.Consumer;
import org.hvlab.kernel.wire.Json;
import org.hvlab.kernel.wire.KernelSockets;
import org.hvlab.kernel.wire.Message;

/**
 * The kernel's own warm-up, run by the shell thread between requests once the first cell has run: execute requests
 * for a magic cell go through the whole path (parsing, the cell thread, rendering, message encoding and signing)
 * with nothing sent. Without it these paths ran only as often as the user's cells, stayed in the JIT's slower tiers
 * for hundreds of cells and cost about 0.35 ms more per cell (per-stage timestamps after 200 cells). A request waits
 * for at most one warm-up cell, well under a millisecond; the cells are nobody's ({@link Kernel#executeWarmUp}).
 * Used by the shell thread only.
 */
final class ShellWarmUp {
    static final int CELLS = 3000;
    private static final ObjectNode CONTENT = content();

    private boolean started;
    private int left;
    private boolean running;

    private static ObjectNode content() {
        ObjectNode c = Json.object();
        c.put("code", "%lsmagic");
        c.put("silent", false);
        c.put("store_history", false);
        c.put("allow_stdin", false);
        c.put("stop_on_error", false);
        return c;
    }

    /** After the first real cell: the warm-up begins at the shell loop's next idle moment (once per kernel). */
    void afterRealCell() {
        if (started) return;
        started = true;
        left = CELLS;
    }

    /** Whether warm-up cells remain (the shell loop then polls instead of blocking). */
    boolean pending() {
        return left > 0;
    }

    /** Whether the request being handled is a warm-up cell. */
    boolean running() {
        return running;
    }

    /** Runs one warm-up cell through {@code handler} with every send suppressed; a failure ends the warm-up. */
    void runOne(KernelSockets sockets, Consumer<Message> handler, PrintStream log) {
        left--;
        Message fake = Message.broadcast("execute_request", Json.object(), sockets.session(), CONTENT.deepCopy());
        running = true;
        try {
            sockets.withoutSending(() -> handler.accept(fake));
        } catch (RuntimeException e) {
            left = 0; // a kernel that cannot warm up still serves
            log.println("hvlab kernel: warm-up stopped: " + e);
        } finally {
            running = false;
        }
    }
}
