package org.hvlab.bmc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The BMC's HTTP client for {@code ImageURI}: a GET whose body is read as a stream; when the connection breaks
 * mid-body it asks again with {@code Range: bytes=N-} (at most {@code maxResumes} times) and carries on from
 * byte N. The caller never sees the break unless the transfer cannot be resumed. Redirects are followed by hand
 * (at most {@value #MAX_REDIRECTS}) so that the {@code Authorization} header is dropped as soon as a redirect
 * leaves the origin (scheme, host and port) of {@code ImageURI}.
 *
 * <p>The transport is the JDK's blocking {@link HttpURLConnection}: a body read goes from the socket straight into
 * the caller's buffer, and a stall is the socket's read timeout. {@code java.net.http.HttpClient}, used before,
 * hands each 16 KiB socket read to a selector thread in a fresh buffer and needed a watchdog task per read for
 * stalls; on a 2-core machine it fetched a 256 MiB capsule from loopback at about 570 MiB/s against about
 * 1,600 MiB/s for this one (measured side by side in one JVM).
 */
public final class ImageFetcher implements AutoCloseable {
    static final int MAX_REDIRECTS = 5;
    private final int maxResumes;
    private final Duration timeout;
    private final Duration stall;
    private final Set<Transfer> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param timeout how long connecting may take
     * @param stall   how long the server may stay silent (before its response headers, or in the body) before the
     *                connection is dropped and the transfer resumed with Range
     */
    public ImageFetcher(int maxResumes, Duration timeout, Duration stall) {
        this.maxResumes = maxResumes;
        this.timeout = timeout;
        this.stall = stall;
    }

    /** The connect timeout. */
    public Duration timeout() { return timeout; }

    /** How long a transfer may stall before it is resumed. */
    public Duration stall() { return stall; }

    /**
     * Abandons every open transfer and refuses new ones: nothing is resumed after this, and a read blocked on the
     * network returns within the stall time (see {@link Transfer#close()}).
     */
    @Override
    public void close() {
        closed = true;
        for (Transfer t : open) t.close();
    }

    /** One HTTP response: its status, headers and body, on a connection {@link #close()} drops. */
    private record Response(int status, HttpURLConnection connection) {
        Optional<String> header(String name) { return Optional.ofNullable(connection.getHeaderField(name)); }

        OptionalLong length() {
            long n = connection.getContentLengthLong();
            return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
        }

        InputStream body() throws IOException {
            if (status < 400) return connection.getInputStream();
            InputStream e = connection.getErrorStream();
            return e == null ? InputStream.nullInputStream() : e;
        }

        void close() { connection.disconnect(); }
    }

    /** A transfer that failed for good; the message says at which byte and why. */
    public static final class TransferFailed extends IOException {
        private static final long serialVersionUID = 1L;
        private final String messageId;

        TransferFailed(String messageId, String message, Throwable cause) {
            super(message, cause);
            this.messageId = messageId;
        }

        public String messageId() { return messageId; }
    }

    /** An open transfer: the body stream (resuming), its declared length, how many resumes it took. */
    public final class Transfer extends InputStream {
        private final URI uri;
        private final Optional<String> authorization;
        private final LongConsumer progress;
        private volatile Response response;
        private InputStream body;
        private long position;
        private final OptionalLong length;
        /** The first response's strong ETag, else its Last-Modified: sent as If-Range so a changed file is not spliced. */
        private final Optional<String> validator;
        private int resumes;
        /** Set by {@link #close()}: the transfer is abandoned and must not be resumed. */
        private volatile boolean closed;

        private Transfer(URI uri, Optional<String> authorization, LongConsumer progress) throws TransferFailed {
            this.uri = uri;
            this.authorization = authorization;
            this.progress = progress;
            open.add(this);
            Response r;
            try {
                r = send(0);
            } catch (TransferFailed e) {
                open.remove(this);
                throw e;
            }
            if (r.status() != 200 || closed) {
                r.close();
                open.remove(this);
                if (closed) {
                    throw new TransferFailed("Update.1.0.TransferFailed", "the transfer of " + uri + " was closed "
                            + "before it started", null);
                }
                throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " answered HTTP "
                        + r.status() + " instead of 200; check the URI (GET it with curl) and post SimpleUpdate again",
                        null);
            }
            response = r;
            body = body(r);
            length = r.length();
            validator = validator(r);
        }

        /** A strong ETag, else Last-Modified (RFC 9110 13.1.5: If-Range takes either). */
        private static Optional<String> validator(Response r) {
            return r.header("ETag").filter(e -> !e.startsWith("W/")).or(() -> r.header("Last-Modified"));
        }

        public OptionalLong length() { return length; }

        public int resumes() { return resumes; }

        public long position() { return position; }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                requireOpen();
                int n;
                try {
                    n = body.read(b, off, len);
                } catch (SocketTimeoutException e) {
                    requireOpen();
                    resume(new IOException("the transfer stalled: no data for " + readTimeoutMillis() + " ms after byte "
                            + position));
                    continue;
                } catch (IOException e) {
                    requireOpen();
                    resume(e);
                    continue;
                }
                requireOpen();
                if (n > 0) {
                    position += n;
                    progress.accept(position);
                } else if (n < 0 && length.isPresent() && position < length.getAsLong()) {
                    resume(new IOException("the body ended at byte " + position + " of " + length.getAsLong()));
                    continue;
                }
                return n;
            }
        }

        private void requireOpen() throws IOException {
            if (closed) throw new IOException("the transfer of " + uri + " was closed at byte " + position);
        }

        private InputStream body(Response r) throws TransferFailed {
            try {
                return r.body();
            } catch (IOException e) {
                r.close();
                throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " could not be fetched: "
                        + e, e);
            }
        }

        /** Asks again from {@code position} with Range, each request counting as one resume, until one answers 206. */
        private void resume(IOException cause) throws IOException {
            response.close();
            IOException last = cause;
            while (true) {
                requireOpen();
                if (resumes >= maxResumes) {
                    throw new TransferFailed("Update.1.0.TransferFailed", "the transfer of " + uri + " broke at byte "
                            + position + " and could not be resumed: " + maxResumes + " Range resumes were used ("
                            + cause.getMessage() + (last == cause ? "" : "; last: " + last.getMessage())
                            + "); check the server and the network, then post SimpleUpdate again", last);
                }
                resumes++;
                Response r;
                try {
                    r = send(position);
                } catch (TransferFailed e) {
                    last = e;
                    continue;
                }
                response = r;
                if (closed) {
                    r.close(); // close() may have run while send() connected: the new connection is ours to drop
                    requireOpen();
                }
                String cr = r.header("Content-Range").orElse("");
                boolean fromStart = position == 0 && r.status() == 200;
                Optional<String> now = validator(r);
                // the whole file again, under another validator: it changed (a server ignoring Range keeps its own)
                if (!fromStart && r.status() == 200 && validator.isPresent() && now.isPresent()
                        && !now.equals(validator)) {
                    r.close();
                    throw new TransferFailed("Update.1.0.TransferFailed", "the transfer of " + uri + " broke at byte "
                            + position + " and could not be resumed: the file changed on the server since the transfer "
                            + "began (it answered If-Range " + validator.get() + " with the whole file); post "
                            + "SimpleUpdate again to fetch the new file from its start", cause);
                }
                // a 206 from our position, of the same whole length as the first response
                boolean rangeOk = r.status() == 206 && cr.startsWith("bytes " + position + "-")
                        && (length.isEmpty() || cr.endsWith("/" + length.getAsLong()));
                if (!fromStart && !rangeOk) {
                    r.close();
                    throw new TransferFailed("Update.1.0.TransferFailed", "the transfer of " + uri + " broke at byte "
                            + position + " and could not be resumed: the server answered the Range request with HTTP "
                            + r.status() + (cr.isEmpty() ? "" : " (" + cr + ")") + " instead of 206 from byte "
                            + position + "; serve the capsule from a server that answers Range requests (the "
                            + "installer's capsule server does) and post SimpleUpdate again", cause);
                }
                body = body(r);
                return;
            }
        }

        private Response send(long from) throws TransferFailed {
            URI at = uri;
            Optional<String> auth = authorization;
            for (int hop = 0; ; hop++) {
                Response r = sendOnce(at, auth, from);
                Optional<String> location = r.header("Location");
                if (!REDIRECTS.contains(r.status()) || location.isEmpty()) return r;
                r.close();
                if (hop >= MAX_REDIRECTS) {
                    throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " redirected more than "
                            + MAX_REDIRECTS + " times", null);
                }
                URI next;
                try {
                    next = at.resolve(location.get());
                } catch (IllegalArgumentException e) {
                    throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " redirected to an "
                            + "invalid Location", e);
                }
                String scheme = String.valueOf(next.getScheme()).toLowerCase(java.util.Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null
                        || next.getRawUserInfo() != null) {
                    throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " redirected to a "
                            + "location the BMC does not fetch (only http and https, without user info)", null);
                }
                if (!sameOrigin(at, next)) auth = Optional.empty();
                at = next;
            }
        }

        private Response sendOnce(URI target, Optional<String> auth, long from) throws TransferFailed {
            HttpURLConnection c;
            try {
                c = (HttpURLConnection) target.toURL().openConnection();
                c.setInstanceFollowRedirects(false);
                c.setUseCaches(false);
                c.setConnectTimeout(millis(timeout));
                // the socket's read timeout is the stall time: silence before the headers or in the body
                c.setReadTimeout(readTimeoutMillis());
                if (from > 0) {
                    c.setRequestProperty("Range", "bytes=" + from + "-");
                    // null while the constructor's first request is on its way
                    if (validator != null && validator.isPresent()) c.setRequestProperty("If-Range", validator.get());
                }
                if (auth.isPresent()) c.setRequestProperty("Authorization", auth.get());
            } catch (IOException | IllegalArgumentException e) {
                throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " could not be fetched: "
                        + e, e);
            }
            try {
                c.connect();
            } catch (IOException e) {
                c.disconnect();
                throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " is unreachable: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "; check that its "
                        + "server runs and the BMC can reach " + target.getHost() + ", then post SimpleUpdate again", e);
            }
            try {
                return new Response(c.getResponseCode(), c);
            } catch (IOException e) {
                c.disconnect();
                throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " could not be fetched: "
                        + e, e);
            }
        }

        /**
         * Abandons the transfer and returns at once: nothing is resumed after this. The connection is dropped on
         * a thread of its own, since HttpURLConnection closes a body only when a read blocked on it returns (within
         * the stall time, the socket's read timeout); that read then ends the transfer.
         */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            open.remove(this);
            Response r = response;
            if (r != null) {
                Thread t = new Thread(r::close, "bmc-fetch-close");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static int millis(Duration d) { return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis())); }

    private int readTimeoutMillis() { return millis(stall); }

    /** Opens {@code uri}; {@code progress} receives the bytes received so far. */
    public Transfer open(URI uri, Optional<String> authorization, LongConsumer progress) throws TransferFailed {
        if (closed) {
            throw new TransferFailed("Update.1.0.TransferFailed", "the BMC is shutting down; " + uri
                    + " was not fetched", null);
        }
        return new Transfer(uri, authorization, progress);
    }

    private static final java.util.Set<Integer> REDIRECTS = java.util.Set.of(301, 302, 303, 307, 308);

    /** Same scheme, host and (effective) port: the only case where credentials may follow a redirect. */
    static boolean sameOrigin(URI a, URI b) {
        return String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()))
                && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) return u.getPort();
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
