package org.hvlab.kernel.runtime;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hvlab.core.Html;
import org.hvlab.core.Progress;
import org.hvlab.kernel.render.MimeBundle;

/**
 * Shows each {@link Progress.Task} of a cell as a bar that updates in place ({@code display_data} once, then
 * {@code update_display_data} with the same display id), and carries the kernel's interrupt to the tasks.
 */
public final class NotebookProgressSink implements Progress.Sink {
    private final CellOutput output;
    private final Map<Progress.Task, String> ids = new IdentityHashMap<>();
    private final AtomicBoolean cancel = new AtomicBoolean();

    public NotebookProgressSink(CellOutput output) {
        this.output = output;
    }

    @Override
    public void started(Progress.Task task) {
        String id = UUID.randomUUID().toString();
        synchronized (ids) {
            ids.put(task, id);
        }
        output.display(bar(task), id, false);
    }

    @Override
    public void updated(Progress.Task task) {
        String id;
        synchronized (ids) {
            id = ids.get(task);
        }
        if (id != null) output.display(bar(task), id, true);
    }

    @Override
    public void finished(Progress.Task task) {
        String id;
        synchronized (ids) {
            id = ids.remove(task);
        }
        if (id != null) output.display(bar(task), id, true);
    }

    @Override
    public void cancel() {
        cancel.set(true);
    }

    @Override
    public boolean cancelRequested() {
        return cancel.get();
    }

    @Override
    public void reset() {
        cancel.set(false);
    }

    /** The bar's views: text for terminals and reports, an HTML progress element for notebooks. */
    static MimeBundle bar(Progress.Task t) {
        double f = t.fraction();
        String state = t.finished() ? " done" : cancelledText(t);
        String count = t.total() > 0 ? t.done() + "/" + t.total() : Long.toString(t.done());
        String secs = String.format("%.1f s", t.elapsedNanos() / 1e9);
        String text;
        if (f < 0) {
            text = t.name() + " " + count + " " + secs + state;
        } else {
            int filled = (int) Math.round(f * 30);
            text = String.format("%s [%s%s] %3.0f%% %s %s%s", t.name(), "#".repeat(filled), ".".repeat(30 - filled),
                    f * 100, count, secs, state);
        }
        String html = "<div class=\"hvlab-progress\"><code>" + Html.escape(t.name()) + "</code> <progress"
                + (f < 0 ? "" : " value=\"" + t.done() + "\" max=\"" + t.total() + "\"") + "></progress> "
                + Html.escape(count + " " + secs + state) + (t.message().isEmpty() ? "" : " <i>"
                + Html.escape(t.message()) + "</i>") + "</div>";
        return new MimeBundle().put("text/html", html).put("text/plain", text);
    }

    private static String cancelledText(Progress.Task t) {
        return t.message().isEmpty() ? "" : " " + t.message();
    }
}
