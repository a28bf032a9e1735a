package org.hvlab.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.hvlab.core.Progress;

/**
 * Shows {@link Progress} tasks of library operations as a bar on a terminal ({@code \r}-redrawn on standard error),
 * or as one line per quarter when standard error is not a terminal (CI logs stay short). Ctrl-C cancels through the
 * same sink, so a long operation stops at its next check and says how far it got.
 */
final class TerminalProgress extends Progress.SilentSink {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean terminal;
    private int lastQuarter = -1;

    TerminalProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Installs the sink for every thread of this process that has no other. */
    static void installDefault() {
        TerminalProgress sink = new TerminalProgress(System.err, System.console() != null);
        Progress.installDefault(sink);
        Runtime.getRuntime().addShutdownHook(new Thread(sink::cancel, "hvlab-progress-cancel"));
    }

    @Override
    public void started(Progress.Task task) {
        lastQuarter = -1;
        updated(task);
    }

    @Override
    public void updated(Progress.Task task) {
        if (terminal) {
            out.print("\r" + line(task));
            out.flush();
            return;
        }
        int quarter = task.fraction() < 0 ? 0 : (int) (task.fraction() * 4);
        if (quarter != lastQuarter) {
            lastQuarter = quarter;
            out.println(line(task));
        }
    }

    @Override
    public void finished(Progress.Task task) {
        if (terminal) out.println("\r" + line(task));
        else out.println(line(task) + " done");
    }

    /** One line: name, bar (or a count when the total is unknown), elapsed seconds, message. */
    static String line(Progress.Task task) {
        StringBuilder sb = new StringBuilder(task.name()).append(' ');
        double f = task.fraction();
        if (f >= 0) {
            int filled = (int) Math.round(f * WIDTH);
            sb.append('[').append("#".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3.0f%%", f * 100));
        } else {
            sb.append(task.done());
        }
        sb.append(String.format(Locale.ROOT, " %.1f s", task.elapsedNanos() / 1e9));
        if (!task.message().isEmpty()) sb.append("  ").append(task.message());
        return sb.toString();
    }
}
