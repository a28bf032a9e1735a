package org.hvlab.dpu;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 digest (32 bytes), shown as 64 lower-case hex digits. */
public final class Sha256 {
    /** Digest size in bytes. */
    public static final int SIZE = 32;
    private final byte[] bytes;

    private Sha256(byte[] bytes) {
        if (bytes.length != SIZE) throw new IllegalArgumentException("a SHA-256 digest is 32 bytes, not " + bytes.length);
        this.bytes = bytes.clone();
    }

    /** Wraps 32 digest bytes (copied). */
    public static Sha256 of(byte[] digest) {
        return new Sha256(digest);
    }

    /** Parses 64 hex digits. */
    public static Sha256 parse(String hex) {
        return new Sha256(HexFormat.of().parseHex(hex.trim()));
    }

    /** The digest of {@code data}. */
    public static Sha256 digest(byte[] data) {
        return new Sha256(newDigest().digest(data));
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** The first 12 hex digits, for tables. */
    public String shortHex() {
        return hex().substring(0, 12);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sha256 s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
