package org.hvlab.bmc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server for one file that breaks its first {@code breaks} responses after
 * {@code breakAfter} body bytes (headers promise the full length, then the socket closes, or with {@code stall}
 * stays open without sending more until the server closes), with or without Range.
 */
final class FlakyImageServer implements AutoCloseable {
    private final byte[] body;
    private final AtomicInteger breaks;
    private final int breakAfter;
    private final boolean ranges;
    private final ServerSocket socket;
    private final Thread thread;
    private final boolean stall;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    final List<String> rangeHeaders = new CopyOnWriteArrayList<>();
    final List<String> ifRangeHeaders = new CopyOnWriteArrayList<>();
    /** The ETag it sends (null: none); with {@link #changeAfterBreak} it changes once a response was broken. */
    private volatile String etag;
    private volatile boolean changeAfterBreak;

    /** Sends {@code ETag: "tag"} and honours If-Range; {@code changes}: the file changes after the first break. */
    FlakyImageServer withEtag(String tag, boolean changes) {
        this.etag = "\"" + tag + "\"";
        this.changeAfterBreak = changes;
        return this;
    }

    FlakyImageServer(byte[] body, int breaks, int breakAfter, boolean ranges) throws IOException {
        this(body, breaks, breakAfter, ranges, false);
    }

    FlakyImageServer(byte[] body, int breaks, int breakAfter, boolean ranges, boolean stall) throws IOException {
        this.stall = stall;
        this.body = body;
        this.breaks = new AtomicInteger(breaks);
        this.breakAfter = breakAfter;
        this.ranges = ranges;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "flaky-image-server");
        thread.setDaemon(true);
        thread.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/dpu-os.cap");
    }

    private void serve() {
        while (!socket.isClosed()) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return;
            }
            boolean keep = false;
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                String line = r.readLine();
                if (line == null) continue;
                long from = 0;
                String ifRange = null;
                String h;
                while ((h = r.readLine()) != null && !h.isEmpty()) {
                    if (h.toLowerCase().startsWith("if-range:")) {
                        ifRange = h.substring(9).trim();
                        ifRangeHeaders.add(ifRange);
                    }
                    if (h.toLowerCase().startsWith("range:")) {
                        rangeHeaders.add(h.substring(6).trim());
                        String v = h.substring(6).trim();
                        from = Long.parseLong(v.substring("bytes=".length(), v.indexOf('-')));
                    }
                }
                OutputStream out = s.getOutputStream();
                String tag = etag;
                // RFC 9110 13.1.5: a validator that no longer matches gets the whole file, 200
                boolean partial = from > 0 && ranges && (ifRange == null || ifRange.equals(tag));
                int start = partial ? (int) from : 0;
                int len = body.length - start;
                String head = (partial ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + start + "-"
                        + (body.length - 1) + "/" + body.length + "\r\n" : "HTTP/1.1 200 OK\r\n")
                        + (tag == null ? "" : "ETag: " + tag + "\r\n")
                        + "Content-Length: " + len + "\r\nConnection: close\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                if (breaks.getAndDecrement() > 0) {
                    out.write(body, start, Math.min(breakAfter, len));
                    out.flush();
                    if (changeAfterBreak && tag != null) etag = "\"" + tag.replace("\"", "") + "-new\"";
                    if (stall) {
                        held.add(s);
                        keep = true;
                    }
                    continue;
                }
                out.write(body, start, len);
                out.flush();
            } catch (IOException e) {
                if (socket.isClosed()) return;
            } finally {
                if (!keep) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // the client went away
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : held) s.close();
    }
}
