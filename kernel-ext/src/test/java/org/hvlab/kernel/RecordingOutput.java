package org.hvlab.kernel;

import java.util.ArrayList;
import java.util.List;
import org.hvlab.kernel.render.MimeBundle;
import org.hvlab.kernel.runtime.CellOutput;

/** Records a cell's output for assertions. */
final class RecordingOutput implements CellOutput {
    record Event(String kind, String name, String text, MimeBundle bundle, String displayId) {}

    final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void stream(String name, String text) {
        events.add(new Event("stream", name, text, null, null));
    }

    @Override
    public synchronized void display(MimeBundle bundle, String displayId, boolean update) {
        events.add(new Event(update ? "update" : "display", "", "", bundle, displayId));
    }

    @Override
    public synchronized void clear(boolean wait) {
        events.add(new Event("clear", "", "", null, null));
    }

    synchronized String text(String stream) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) if (e.kind().equals("stream") && e.name().equals(stream)) sb.append(e.text());
        return sb.toString();
    }

    synchronized List<Event> of(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }
}
