package org.hvlab.bmc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a stream ahead on its own thread into a few bounded chunks, so the network transfer overlaps the checks
 * and the slot write done by the reader. At most {@code depth} chunks are in flight; an error of the underlying
 * stream is rethrown by the next read, at its place in the byte order. Stalls are the source's business (the
 * image fetcher drops and resumes a stalled connection); closing this stream closes the source.
 */
final class ReadAheadInputStream extends InputStream {
    private record Chunk(byte[] bytes, int length, IOException error) {}

    private static final Chunk END = new Chunk(new byte[0], -1, null);
    private final BlockingQueue<Chunk> queue;
    private final InputStream in;
    private final Thread thread;
    private Chunk current;
    private int pos;
    private volatile boolean closed;

    ReadAheadInputStream(InputStream in, int chunkBytes, int depth) {
        this.in = in;
        this.queue = new ArrayBlockingQueue<>(depth);
        this.thread = new Thread(() -> pump(chunkBytes), "bmc-fetch");
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(int chunkBytes) {
        try {
            while (!closed) {
                byte[] b = new byte[chunkBytes];
                int n = in.readNBytes(b, 0, b.length);
                if (n > 0) queue.put(new Chunk(b, n, null));
                if (n < b.length) break;
            }
            queue.put(END);
        } catch (IOException e) {
            fail(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // anything else still ends the reader's wait, at its place in the byte order, instead of hanging it
            fail(new IOException("reading the transfer failed: " + e, e));
        }
    }

    private void fail(IOException e) {
        try {
            queue.put(new Chunk(null, -1, e));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean fill() throws IOException {
        if (current != null && pos < current.length()) return true;
        if (current == END) return false;
        try {
            current = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the transfer");
        }
        pos = 0;
        if (current.error() != null) {
            IOException e = current.error();
            current = END;
            throw e;
        }
        return current != END;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) return -1;
        return current.bytes()[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.bytes(), pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        queue.clear();
        in.close();
    }
}
