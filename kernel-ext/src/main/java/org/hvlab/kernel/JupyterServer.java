package org.hvlab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.hvlab.kernel.execution.CellResult;
import org.hvlab.kernel.execution.CodeAnalysis;
import org.hvlab.kernel.execution.History;
import org.hvlab.kernel.render.MimeBundle;
import org.hvlab.kernel.runtime.CellInput;
import org.hvlab.kernel.runtime.CellOutput;
import org.hvlab.kernel.runtime.CellStreams;
import org.hvlab.kernel.wire.Json;
import org.hvlab.kernel.wire.KernelSockets;
import org.hvlab.kernel.wire.Message;
import org.zeromq.ZMQ;

/**
 * Serves a {@link Kernel} over the Jupyter sockets: shell requests on the calling thread, control requests
 * (interrupt, shutdown) on their own thread so they are answered while a cell runs, busy/idle status and every
 * output on iopub.
 */
public final class JupyterServer {
    private final KernelSockets sockets;
    private final Kernel kernel;
    private final CellStreams streams;
    private final KernelInfo info;
    private final CellInput input;
    private volatile boolean running = true;
    /** Cells of the kernel's own path still to run between requests, once the first cell has been answered. */
    private int warmUpLeft;
    private boolean warmingUp;
    private boolean firstCellRan;

    public JupyterServer(KernelSockets sockets, Kernel kernel, CellStreams streams, KernelInfo info, CellInput input) {
        this.sockets = sockets;
        this.kernel = kernel;
        this.streams = streams;
        this.info = info;
        this.input = input;
    }

    /** Serves until a shutdown request; the control socket is served on a thread of its own. */
    public void serve() {
        Thread control = new Thread(() -> loop(sockets.control(), true), "hvlab-control");
        control.setDaemon(true);
        control.start();
        loop(sockets.shell(), false);
        try {
            control.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop(ZMQ.Socket socket, boolean isControl) {
        while (running) {
            Optional<Message> m;
            try {
                if (!isControl && warmUpLeft > 0) {
                    m = sockets.receiveWaiting(socket);
                    if (m.isEmpty()) {
                        warmUpOnce();
                        continue;
                    }
                } else {
                    m = sockets.receive(socket);
                }
            } catch (org.zeromq.ZMQException e) {
                if (!running) return;
                throw e;
            }
            if (m.isEmpty()) continue;
            try {
                handle(socket, m.get(), isControl);
            } catch (RuntimeException e) {
                streams.log().println("hvlab kernel: " + m.get().type() + " failed: " + e);
                e.printStackTrace(streams.log());
            }
        }
    }

    private void handle(ZMQ.Socket socket, Message m, boolean isControl) {
        String type = m.type();
        if (isControl) {
            // as ipykernel does, control requests are framed by busy and idle too (their parent is the request)
            status(m, "busy");
            try {
                switch (type) {
                    case "interrupt_request" -> {
                        kernel.interrupt();
                        reply(socket, m, "interrupt_reply", ok());
                    }
                    case "shutdown_request" -> shutdown(socket, m);
                    case "kernel_info_request" -> reply(socket, m, "kernel_info_reply", info.content());
                    default -> streams.log().println("hvlab kernel: control request " + type + " is not supported");
                }
            } finally {
                status(m, "idle");
            }
            return;
        }
        status(m, "busy");
        try {
            switch (type) {
                case "kernel_info_request" -> {
                    reply(socket, m, "kernel_info_reply", info.content());
                    Timing.mark("kernel_info replied");
                }
                case "execute_request" -> execute(socket, m);
                case "is_complete_request" -> isComplete(socket, m);
                case "complete_request" -> complete(socket, m);
                case "inspect_request" -> inspect(socket, m);
                case "history_request" -> history(socket, m);
                case "comm_info_request" -> {
                    ObjectNode c = ok();
                    c.set("comms", Json.object());
                    reply(socket, m, "comm_info_reply", c);
                }
                case "comm_open" -> {
                    ObjectNode c = Json.object();
                    c.put("comm_id", m.content().path("comm_id").asText());
                    c.set("data", Json.object());
                    sockets.publish("comm_close", m.header(), c);
                }
                case "comm_msg", "comm_close" -> { }
                case "shutdown_request" -> shutdown(socket, m);
                case "interrupt_request" -> {
                    kernel.interrupt();
                    reply(socket, m, "interrupt_reply", ok());
                }
                default -> streams.log().println("hvlab kernel: shell request " + type + " is not supported");
            }
        } finally {
            status(m, "idle");
        }
    }

    private void execute(ZMQ.Socket socket, Message m) {
        long t0 = System.nanoTime();
        JsonNode c = m.content();
        String code = c.path("code").asText("");
        if (isHelpRequest(code)) {
            page(socket, m, code.strip().substring(0, code.strip().length() - 1));
            return;
        }
        boolean silent = c.path("silent").asBoolean(false);
        boolean store = c.path("store_history").asBoolean(true) && !silent;
        CellOutput out = new IopubOutput(m.header(), silent);
        if (!silent) {
            ObjectNode in = Json.object();
            in.put("code", code);
            in.put("execution_count", kernel.executionCount() + (store ? 1 : 0));
            sockets.publish("execute_input", m.header(), in);
        }
        long e0 = System.nanoTime();
        input.source(c.path("allow_stdin").asBoolean(false) ? prompt -> askLine(m, prompt) : null);
        Kernel.Outcome o;
        try {
            o = warmingUp ? kernel.executeWarmUp(code) : kernel.execute(code, store, out);
            if (!warmingUp && !firstCellRan) {
                firstCellRan = true;
                warmUpLeft = WARM_UP_CELLS; // from the next idle moment of the shell loop on
            }
        } finally {
            input.source(null);
        }
        long e1 = System.nanoTime();
        if (!warmingUp) streams.flush(); // what earlier cells' threads print is theirs, not the warm-up's
        ObjectNode r = Json.object();
        if (o.result() instanceof CellResult.Failed f) {
            ObjectNode err = Json.object();
            err.put("ename", f.ename());
            err.put("evalue", f.evalue());
            ArrayNode tb = err.putArray("traceback");
            f.traceback().forEach(tb::add);
            if (!silent) sockets.publish("error", m.header(), err.deepCopy());
            r.put("status", "error");
            r.put("execution_count", o.executionCount());
            r.setAll(err);
            reply(socket, m, "execute_reply", r);
            if (c.path("stop_on_error").asBoolean(true)) abortWaiting(socket);
            return;
        } else {
            if (!silent && o.value().isPresent()) {
                ObjectNode res = bundle(o.value().get());
                res.put("execution_count", o.executionCount());
                sockets.publish("execute_result", m.header(), res);
            }
            r.put("status", "ok");
            r.put("execution_count", o.executionCount());
            r.putArray("payload");
            r.set("user_expressions", Json.object());
        }
        reply(socket, m, "execute_reply", r);
        if (Timing.on() && !warmingUp) {
            long total = System.nanoTime() - t0;
            Timing.took("jshell.eval", kernel.session().lastEvalNanos());
            Timing.took("kernel.execute", e1 - e0);
            Timing.took("execute_request to reply", total);
        }
    }

    /**
     * After a failed cell with {@code stop_on_error}, execute requests already queued (a notebook's "run all") are
     * answered "aborted" instead of run, as IPython does; other requests are served normally.
     */
    private void abortWaiting(ZMQ.Socket socket) {
        for (Optional<Message> next = sockets.receiveWaiting(socket); next.isPresent();
             next = sockets.receiveWaiting(socket)) {
            Message q = next.get();
            if (!q.type().equals("execute_request")) {
                handle(socket, q, false);
                continue;
            }
            status(q, "busy");
            ObjectNode r = Json.object();
            r.put("status", "aborted");
            r.put("execution_count", kernel.executionCount());
            reply(socket, q, "execute_reply", r);
            status(q, "idle");
        }
    }

    /** Sends an input_request for the cell of {@code request} and waits for the input_reply (on the reading thread). */
    private Optional<String> askLine(Message request, String prompt) {
        streams.flush();
        ObjectNode c = Json.object();
        c.put("prompt", prompt);
        c.put("password", false);
        synchronized (sockets.stdin()) {
            sockets.send(sockets.stdin(), request.reply("input_request", c, sockets.session()));
            while (running) {
                if (Thread.currentThread().isInterrupted()) return Optional.empty();
                Optional<Message> r = sockets.receive(sockets.stdin());
                if (r.isPresent() && r.get().type().equals("input_reply")) {
                    return Optional.of(r.get().content().path("value").asText(""));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code name?} on a line of its own asks for documentation in the pager, as in IPython. */
    static boolean isHelpRequest(String code) {
        String s = code.strip();
        return s.length() > 1 && s.endsWith("?") && !s.contains("\n") && !s.contains(";")
                && Character.isJavaIdentifierPart(s.charAt(s.length() - 2));
    }

    private void page(ZMQ.Socket socket, Message m, String name) {
        Optional<String> doc = kernel.inspect(name, name.length());
        ObjectNode r = ok();
        r.put("execution_count", kernel.executionCount());
        ArrayNode payload = r.putArray("payload");
        ObjectNode page = payload.addObject();
        page.put("source", "page");
        page.putObject("data").put("text/plain", doc.orElse("no documentation found for " + name));
        page.put("start", 0);
        r.set("user_expressions", Json.object());
        reply(socket, m, "execute_reply", r);
    }

    private void isComplete(ZMQ.Socket socket, Message m) {
        CodeAnalysis.Completeness c = kernel.isComplete(m.content().path("code").asText(""));
        ObjectNode r = Json.object();
        r.put("status", c.status());
        if (c.status().equals("incomplete")) r.put("indent", c.indent());
        reply(socket, m, "is_complete_reply", r);
    }

    private void complete(ZMQ.Socket socket, Message m) {
        String code = m.content().path("code").asText("");
        int cursor = cursor(code, m.content().path("cursor_pos").asInt(code.length()));
        CodeAnalysis.Completion c = kernel.complete(code, cursor);
        ObjectNode r = ok();
        ArrayNode matches = r.putArray("matches");
        c.matches().forEach(matches::add);
        r.put("cursor_start", code.codePointCount(0, Math.min(c.start(), code.length())));
        r.put("cursor_end", code.codePointCount(0, Math.min(c.end(), code.length())));
        r.set("metadata", Json.object());
        reply(socket, m, "complete_reply", r);
    }

    private void inspect(ZMQ.Socket socket, Message m) {
        String code = m.content().path("code").asText("");
        int cursor = cursor(code, m.content().path("cursor_pos").asInt(code.length()));
        Optional<String> doc = kernel.inspect(code, cursor);
        ObjectNode r = ok();
        r.put("found", doc.isPresent());
        ObjectNode data = r.putObject("data");
        doc.ifPresent(d -> data.put("text/plain", d));
        r.set("metadata", Json.object());
        reply(socket, m, "inspect_reply", r);
    }

    /** Jupyter counts the cursor in unicode code points; Java strings index UTF-16 units. */
    static int cursor(String code, int codePoints) {
        int cp = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, cp);
    }

    private void history(ZMQ.Socket socket, Message m) {
        JsonNode c = m.content();
        History h = kernel.history();
        List<History.Entry> entries = switch (c.path("hist_access_type").asText("tail")) {
            case "range" -> h.range(c.path("session").asInt(0), c.path("start").asInt(0), c.path("stop").asInt(0));
            case "search" -> h.search(c.path("pattern").asText("*"), c.path("unique").asBoolean(false),
                    c.path("n").asInt(0));
            default -> h.tail(c.path("n").asInt(10));
        };
        boolean output = c.path("output").asBoolean(false);
        ObjectNode r = ok();
        ArrayNode list = r.putArray("history");
        for (History.Entry e : entries) {
            ArrayNode row = list.addArray();
            row.add(e.session());
            row.add(e.line());
            if (output) {
                ArrayNode io = row.addArray();
                io.add(e.input());
                if (e.output() == null) io.addNull(); else io.add(e.output());
            } else {
                row.add(e.input());
            }
        }
        reply(socket, m, "history_reply", r);
    }

    private void shutdown(ZMQ.Socket socket, Message m) {
        ObjectNode r = ok();
        r.put("restart", m.content().path("restart").asBoolean(false));
        reply(socket, m, "shutdown_reply", r);
        running = false;
        // a cell still running would keep the shell loop (and so the clean close of hvlab resources) from ending
        ShutdownFallback.stopRunningCell(kernel, streams.log());
    }

    /**
     * Ends serving without a request (the launcher is gone): the loops stop within their receive timeout, a running
     * cell is stopped first, and {@link #serve()} returns so the kernel closes what the cells hold.
     */
    public void stop(String why) {
        streams.log().println("hvlab kernel: shutting down: " + why);
        running = false;
        ShutdownFallback.stopRunningCell(kernel, streams.log());
    }

    /**
     * How many cells of the kernel's own path (a magic cell, through parsing, the cell thread, rendering, message
     * encoding and signing, with nothing sent) run in the background after the first cell: without them these paths
     * ran only as often as the user's cells, stayed in the JIT's slower tiers for hundreds of cells and cost about
     * 0.35 ms more per cell (measured with per-stage timestamps after 200 cells).
     */
    static final int WARM_UP_CELLS = 3000;
    private static final ObjectNode WARM_UP_CONTENT = warmUpContent();

    private static ObjectNode warmUpContent() {
        ObjectNode c = Json.object();
        c.put("code", "%lsmagic");
        c.put("silent", false);
        c.put("store_history", false);
        c.put("allow_stdin", false);
        c.put("stop_on_error", false);
        return c;
    }

    /**
     * One warm-up cell, between requests on the shell thread (so a request waits for at most one, well under a
     * millisecond): it is not counted, not stored in the history, and no frame of it leaves the kernel.
     */
    private void warmUpOnce() {
        warmUpLeft--;
        Message fake = Message.broadcast("execute_request", Json.object(), sockets.session(),
                WARM_UP_CONTENT.deepCopy());
        warmingUp = true;
        try {
            sockets.withoutSending(() -> handle(null, fake, false));
        } catch (RuntimeException e) {
            warmUpLeft = 0; // a kernel that cannot warm up still serves
            streams.log().println("hvlab kernel: warm-up stopped: " + e);
        } finally {
            warmingUp = false;
        }
    }

    /** Whether a shutdown was requested. */
    public boolean running() {
        return running;
    }

    private void reply(ZMQ.Socket socket, Message request, String type, ObjectNode content) {
        sockets.send(socket, request.reply(type, content, sockets.session()));
    }

    private void status(Message parent, String state) {
        ObjectNode c = Json.object();
        c.put("execution_state", state);
        sockets.publish("status", parent.header(), c);
    }

    private static ObjectNode ok() {
        ObjectNode c = Json.object();
        c.put("status", "ok");
        return c;
    }

    static ObjectNode bundle(MimeBundle b) {
        ObjectNode n = Json.object();
        n.set("data", tree(b.data()));
        n.set("metadata", tree(b.metadata()));
        return n;
    }

    /** Text values directly (the common case, and 4x faster than a generic conversion), anything else via Jackson. */
    private static ObjectNode tree(java.util.Map<String, Object> map) {
        ObjectNode n = Json.object();
        map.forEach((k, v) -> {
            if (v instanceof String text) n.put(k, text);
            else n.set(k, Json.MAPPER.valueToTree(v));
        });
        return n;
    }

    /** A cell's output published on iopub with the execute request as parent. */
    private final class IopubOutput implements CellOutput {
        private final JsonNode parent;
        private final boolean silent;

        IopubOutput(JsonNode parent, boolean silent) {
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
    }
}
