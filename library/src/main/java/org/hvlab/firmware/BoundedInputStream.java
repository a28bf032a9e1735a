package org.hvlab.firmware;

import java.io.IOException;
import java.io.InputStream;

/** Exactly {@code length} bytes of an underlying stream; an early end is a {@link FirmwareException} TRUNCATED. */
final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private final long length;
    private final String what;
    private long read;
    private final boolean closeUnderlying;

    BoundedInputStream(InputStream in, long length, String what) {
        this(in, length, what, true);
    }

    BoundedInputStream(InputStream in, long length, String what, boolean closeUnderlying) {
        this.in = in;
        this.length = length;
        this.what = what;
        this.closeUnderlying = closeUnderlying;
    }

    long remaining() {
        return length - read;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (read >= length) return -1;
        int n = in.read(b, off, (int) Math.min(len, length - read));
        if (n < 0) {
            throw new FirmwareException(FirmwareException.Reason.TRUNCATED,
                    what + " declares " + length + " bytes but the data ends after " + read,
                    "the capsule was cut short inside its image",
                    "Fetch the capsule again (a resumed transfer must continue where this one stopped)");
        }
        read += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), length - read);
    }

    @Override
    public void close() throws IOException {
        if (closeUnderlying) in.close();
    }
}
