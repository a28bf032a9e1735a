package org.hvlab.core;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Progress reporting and cancellation for long library operations, with no front-end dependency.
 *
 * <p>A library operation reports through a task:
 * <pre>{@code
 * try (Progress.Task task = Progress.start("enumerate 256 buses", 256)) {
 *     for (int bus = 0; bus < 256; bus++) { scan(bus); task.advance(1); }   // throws if cancelled
 * }
 * }</pre>
 * A front end (the kernel shows a live bar, the command line a terminal bar) installs a {@link Sink} for the
 * operations that run under it with {@link #install(Sink)}; without one, progress goes nowhere. Cancellation is
 * cooperative: {@link Sink#cancel()} makes the next {@link Task#advance(long)} or {@link Task#checkCancelled()}
 * throw {@link CancelledException}.
 */
public final class Progress {
    private Progress() {}

    /** Receives progress; one sink serves every task started under it. */
    public interface Sink {
        void started(Task task);

        void updated(Task task);

        void finished(Task task);

        /** Asks every task under this sink to stop at its next check. */
        void cancel();

        boolean cancelRequested();

        /** Clears a cancel request, before the next operation. */
        void reset();
    }

    /** A sink that drops updates but still honours cancellation. */
    public static class SilentSink implements Sink {
        private final AtomicBoolean cancel = new AtomicBoolean();
        @Override public void started(Task task) {}
        @Override public void updated(Task task) {}
        @Override public void finished(Task task) {}
        @Override public void cancel() { cancel.set(true); }
        @Override public boolean cancelRequested() { return cancel.get(); }
        @Override public void reset() { cancel.set(false); }
    }

    /** Thrown by a task's check when its sink was asked to cancel. */
    public static final class CancelledException extends LabException {
        private static final long serialVersionUID = 1L;
        private enum R implements Reason {
            CANCELLED;
            @Override public String code() { return "core.cancelled"; }
        }

        CancelledException(String task, long done, long total) {
            super(R.CANCELLED, "'" + task + "' was cancelled after " + done + " of " + total,
                    "an interrupt asked it to stop", "Run the cell or command again to start over");
        }
    }

    // Inheritable: JShell's local engine runs each snippet on a thread created by the thread that executes the cell.
    private static final InheritableThreadLocal<Sink> CURRENT = new InheritableThreadLocal<>();
    private static volatile Sink fallback = new SilentSink();

    /**
     * Installs a sink for this thread and the threads it starts; closing the handle restores the previous one.
     */
    public static Installed install(Sink sink) {
        Objects.requireNonNull(sink, "sink");
        Sink previous = CURRENT.get();
        CURRENT.set(sink);
        return () -> CURRENT.set(previous);
    }

    /** Sets the sink used by threads that have none installed (front ends call this once at start-up). */
    public static void installDefault(Sink sink) {
        fallback = Objects.requireNonNull(sink, "sink");
    }

    /** The sink in force on this thread. */
    public static Sink sink() {
        Sink s = CURRENT.get();
        return s != null ? s : fallback;
    }

    /** Starts a task of {@code total} units (0 if unknown) reported to this thread's sink. */
    public static Task start(String name, long total) {
        Task t = new Task(name, total, sink());
        t.sink.started(t);
        return t;
    }

    /** What {@link #install(Sink)} returns. */
    public interface Installed extends AutoCloseable {
        @Override void close();
    }

    /** One running operation. Not thread-safe: advance it from the thread that does the work. */
    public static final class Task implements AutoCloseable {
        private static final long MIN_UPDATE_NANOS = 100_000_000L; // at most 10 updates a second
        private final String name;
        private final long total;
        private final Sink sink;
        private final long startNanos = System.nanoTime();
        private long done;
        private String message = "";
        private long lastUpdate = startNanos;
        private boolean finished;

        private Task(String name, long total, Sink sink) {
            this.name = Objects.requireNonNull(name, "name");
            if (total < 0) throw new IllegalArgumentException("total must be >= 0, was " + total);
            this.total = total;
            this.sink = sink;
        }

        public String name() { return name; }
        public long total() { return total; }
        public long done() { return done; }
        public String message() { return message; }
        public boolean finished() { return finished; }
        public long elapsedNanos() { return System.nanoTime() - startNanos; }

        /** The fraction done in [0, 1], or -1 when the total is unknown. */
        public double fraction() { return total == 0 ? -1 : Math.min(1.0, (double) done / total); }

        /** Adds {@code units} done, reports (throttled) and checks for cancellation. */
        public void advance(long units) {
            done += units;
            report(false);
        }

        /** Sets the units done and a short message, reports (throttled) and checks for cancellation. */
        public void update(long doneUnits, String msg) {
            done = doneUnits;
            message = msg == null ? "" : msg;
            report(false);
        }

        /** Throws {@link CancelledException} if the sink was asked to cancel. */
        public void checkCancelled() {
            if (sink.cancelRequested()) throw new CancelledException(name, done, total);
        }

        private void report(boolean force) {
            checkCancelled();
            long now = System.nanoTime();
            if (force || now - lastUpdate >= MIN_UPDATE_NANOS || (total > 0 && done >= total)) {
                lastUpdate = now;
                sink.updated(this);
            }
        }

        @Override
        public void close() {
            if (!finished) {
                finished = true;
                sink.finished(this);
            }
        }
    }
}
