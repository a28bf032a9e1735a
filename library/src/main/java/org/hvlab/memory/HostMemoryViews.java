package org.hvlab.memory;

import org.hvlab.core.Html;
import org.hvlab.core.Pa;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The table, text and HTML views of a {@link HostMemory}. */
final class HostMemoryViews {
    private HostMemoryViews() {}

    /** Frames in use among the first {@code scanned} frames: pa, refs, leaf_refs, shared, backed, marks. */
    static Table frames(HostMemory m, long scanned) {
        StringColumn pa = StringColumn.create("pa");
        IntColumn rc = IntColumn.create("refs");
        IntColumn leaves = IntColumn.create("leaf_refs");
        BooleanColumn shared = BooleanColumn.create("shared");
        BooleanColumn bk = BooleanColumn.create("backed");
        StringColumn marks = StringColumn.create("marks");
        for (long f = 0; f < scanned; f++) {
            Pa p = m.framePa(f);
            int n = m.refCount(p);
            if (n == 0) continue;
            pa.append(p.hex());
            rc.append(n);
            leaves.append(m.leafRefs(p));
            shared.append(n > 1);
            bk.append(m.frameData(p) != null);
            int level = m.tableLevel(p);
            marks.append(m.dropsWrites(p) ? "drop-writes" : m.isReadOnly(p) ? "read-only"
                    : level >= 0 ? "L" + level + " table" : "");
        }
        return Table.create("host frames", pa, rc, leaves, shared, bk, marks);
    }

    static String range(HostMemory m) { return m.base() + ".." + Pa.of(m.limit().value() - 1); }

    static String text(HostMemory m) {
        return "host memory " + m.size() + " at [" + range(m) + "]: " + m.framesInUse() + " frames in use ("
                + m.bytesInUse() + "), " + m.framesBacked() + " backed, " + m.bytesSaved() + " saved by sharing";
    }

    static String html(HostMemory m) {
        return "<table class=\"hvlab-host-memory\"><caption>host memory " + Html.escape(m.size().toString())
                + "</caption><tr><th>range</th><td><code>" + range(m) + "</code></td></tr><tr><th>frames in use</th><td>"
                + m.framesInUse() + " (" + m.bytesInUse() + ")</td></tr><tr><th>backed</th><td>" + m.framesBacked()
                + "</td></tr><tr><th>saved by sharing</th><td>" + m.bytesSaved() + "</td></tr></table>";
    }
}
