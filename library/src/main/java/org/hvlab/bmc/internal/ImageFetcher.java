package org.hvlab.bmc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The BMC's HTTP client for {@code ImageURI}: a GET whose body is read as a stream; when the connection breaks
 * mid-body it asks again with {@code Range: bytes=N-} (at most {@code maxResumes} times) and carries on from
 * byte N. The caller never sees the break unless the transfer cannot be resumed. Redirects are followed by hand
 * (at most {@value #MAX_REDIRECTS}) so that the {@code Authorization} header is dropped as soon as a redirect
 * leaves the origin (scheme, host and port) of {@code ImageURI}.
 */
public final class ImageFetcher implements AutoCloseable {
    static final int MAX_REDIRECTS = 5;
    private final HttpClient client;
    private final int maxResumes;
    private final Duration timeout;
    private final Duration stall;
    private final ScheduledThreadPoolExecutor watchdog;

    /**
     * @param timeout connect and response-header timeout
     * @param stall   how long a body may bring no data before the connection is dropped and resumed with Range
     */
    public ImageFetcher(int maxResumes, Duration timeout, Duration stall) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.maxResumes = maxResumes;
        this.timeout = timeout;
        this.stall = stall;
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bmc-fetch-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.setRemoveOnCancelPolicy(true);
    }

    /** The connect and response timeout. */
    public Duration timeout() { return timeout; }

    /** How long a transfer may stall before it is resumed. */
    public Duration stall() { return stall; }

    /** Stops the stall watchdog; open transfers then no longer detect stalls. */
    @Override
    public void close() {
        watchdog.shutdownNow();
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
        private volatile InputStream body;
        private long position;
        private final OptionalLong length;
        private int resumes;
        /** Set by {@link #close()}: the transfer is abandoned and must not be resumed. */
        private volatile boolean closed;
        /** Set by the watchdog when the current read brought no data for the stall time. */
        private volatile boolean stalled;

        private Transfer(URI uri, Optional<String> authorization, LongConsumer progress) throws TransferFailed {
            this.uri = uri;
            this.authorization = authorization;
            this.progress = progress;
            HttpResponse<InputStream> r = send(0);
            if (r.statusCode() != 200) {
                quietClose(r.body());
                throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " answered HTTP "
                        + r.statusCode() + " instead of 200", null);
            }
            body = r.body();
            length = r.headers().firstValueAsLong("Content-Length");
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
                InputStream in = body;
                stalled = false;
                ScheduledFuture<?> dog = schedule(in);
                int n;
                IOException error = null;
                try {
                    n = in.read(b, off, len);
                } catch (IOException e) {
                    error = e;
                    n = -1;
                } finally {
                    if (dog != null) dog.cancel(false);
                }
                requireOpen();
                if (stalled) {
                    resume(new IOException("the transfer stalled: no data for " + stall.toMillis() + " ms after byte "
                            + position));
                    continue;
                }
                if (error instanceof TransferFailed) throw error;
                if (error != null) {
                    resume(error);
                    continue;
                }
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

        /** Closes {@code in} if the read does not return within the stall time (java.net.http has no read timeout). */
        private ScheduledFuture<?> schedule(InputStream in) {
            try {
                return watchdog.schedule(() -> {
                    stalled = true;
                    quietClose(in);
                }, stall.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                return null;
            }
        }

        private void requireOpen() throws IOException {
            if (closed) throw new IOException("the transfer of " + uri + " was closed at byte " + position);
        }

        /** Asks again from {@code position} with Range, each request counting as one resume, until one answers 206. */
        private void resume(IOException cause) throws IOException {
            quietClose(body);
            IOException last = cause;
            while (true) {
                requireOpen();
                if (resumes >= maxResumes) {
                    throw new TransferFailed("Update.1.0.TransferFailed", "the transfer of " + uri + " broke at byte "
                            + position + " and could not be resumed: " + maxResumes + " Range resumes were used ("
                            + cause.getMessage() + (last == cause ? "" : "; last: " + last.getMessage()) + ")", last);
                }
                resumes++;
                HttpResponse<InputStream> r;
                try {
                    r = send(position);
                } catch (TransferFailed e) {
                    last = e;
                    continue;
                }
                if (closed) {
                    quietClose(r.body());
                    requireOpen();
                }
                if (position == 0 && r.statusCode() == 200) {
                    body = r.body();
                    return;
                }
                String cr = r.headers().firstValue("Content-Range").orElse("");
                if (r.statusCode() != 206 || !cr.startsWith("bytes " + position + "-")) {
                    quietClose(r.body());
                    throw new TransferFailed("Update.1.0.TransferFailed", "the transfer of " + uri + " broke at byte "
                            + position + " and could not be resumed: the server answered the Range request with HTTP "
                            + r.statusCode() + (cr.isEmpty() ? "" : " (" + cr + ")") + " instead of 206 from byte "
                            + position, cause);
                }
                body = r.body();
                return;
            }
        }

        private HttpResponse<InputStream> send(long from) throws TransferFailed {
            URI at = uri;
            Optional<String> auth = authorization;
            for (int hop = 0; ; hop++) {
                HttpResponse<InputStream> r = sendOnce(at, auth, from);
                Optional<String> location = r.headers().firstValue("Location");
                if (!REDIRECTS.contains(r.statusCode()) || location.isEmpty()) return r;
                quietClose(r.body());
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

        private HttpResponse<InputStream> sendOnce(URI target, Optional<String> auth, long from) throws TransferFailed {
            HttpRequest.Builder rb = HttpRequest.newBuilder(target).timeout(timeout).GET();
            if (from > 0) rb.header("Range", "bytes=" + from + "-");
            auth.ifPresent(a -> rb.header("Authorization", a));
            try {
                return client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (ConnectException | HttpConnectTimeoutException e) {
                throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " is unreachable: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
            } catch (IOException e) {
                throw new TransferFailed("Update.1.0.TransferFailed", "ImageURI " + uri + " could not be fetched: "
                        + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransferFailed("Update.1.0.TransferFailed", "the fetch of " + uri + " was interrupted", e);
            }
        }

        /** Abandons the transfer: a read blocked on the network returns, and nothing is resumed after this. */
        @Override
        public void close() {
            closed = true;
            quietClose(body);
        }
    }

    /** Opens {@code uri}; {@code progress} receives the bytes received so far. */
    public Transfer open(URI uri, Optional<String> authorization, LongConsumer progress) throws TransferFailed {
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

    private static void quietClose(InputStream in) {
        try {
            if (in != null) in.close();
        } catch (IOException ignored) {
            // the connection is already gone; nothing more to release
        }
    }
}
