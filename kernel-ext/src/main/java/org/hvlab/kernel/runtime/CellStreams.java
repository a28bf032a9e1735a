package org.hvlab.kernel.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Routes {@code System.out} and {@code System.err} to the running cell's {@link CellOutput}. Text is batched: sent
 * when 8 KiB pile up, 50 ms after the first unsent write (so a chatty loop is not one message per line), and
 * always before a display and at the end of the cell.
 */
public final class CellStreams implements AutoCloseable {
    private static final int MAX_BATCH = 8192;
    private static final long LINGER_MS = 50;

    private final Buffer out = new Buffer("stdout");
    private final Buffer err = new Buffer("stderr");
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hvlab-stream-flush");
        t.setDaemon(true);
        return t;
    });

    /** Replaces System.out and System.err until {@link #close()}. */
    public static CellStreams install() {
        CellStreams s = new CellStreams();
        System.setOut(new PrintStream(s.out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(s.err, true, StandardCharsets.UTF_8));
        return s;
    }

    /** The process's stderr before installation (for kernel logs). */
    public PrintStream log() {
        return originalErr;
    }

    /** Sends whatever is buffered now. */
    public void flush() {
        System.out.flush();
        System.err.flush();
        out.send();
        err.send();
    }

    @Override
    public void close() {
        flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        timer.shutdownNow();
    }

    private final class Buffer extends OutputStream {
        private final String name;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean scheduled;

        Buffer(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            after();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
            after();
        }

        private void after() {
            if (pending.size() >= MAX_BATCH) {
                send();
            } else if (!scheduled) {
                scheduled = true;
                timer.schedule(this::send, LINGER_MS, TimeUnit.MILLISECONDS);
            }
        }

        synchronized void send() {
            scheduled = false;
            if (pending.size() == 0) return;
            byte[] bytes = pending.toByteArray();
            int cut = completeUtf8(bytes);
            String text = new String(bytes, 0, cut, StandardCharsets.UTF_8);
            pending.reset();
            pending.write(bytes, cut, bytes.length - cut);
            Display.output().stream(name, text);
        }
    }

    /** The length of the longest prefix that does not end inside a UTF-8 sequence. */
    static int completeUtf8(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= 3 && n - back >= 0; back++) {
            int c = b[n - back] & 0xff;
            if (c < 0x80) return n;
            if (c >= 0xc0) {
                int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
                return back >= need ? n : n - back;
            }
        }
        return n;
    }
}
