package org.hvlab;

import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Platform;

/**
 * The one entry point. With {@code import org.hvlab.*; import static org.hvlab.Lab.*;} a notebook can write
 * {@code Lab.host("edge-01").platform("ampere-altra").memory(gib(16)).build()} and {@code ipa(0x4000_0000L)}.
 */
public final class Lab {
    private Lab() {}

    /** Starts building a host named {@code name}. */
    public static HostBuilder host(String name) { return new HostBuilder(name); }

    /** {@code n} bytes. */
    public static ByteSize bytes(long n) { return ByteSize.ofBytes(n); }

    /** {@code n} KiB. */
    public static ByteSize kib(long n) { return ByteSize.kib(n); }

    /** {@code n} MiB. */
    public static ByteSize mib(long n) { return ByteSize.mib(n); }

    /** {@code n} GiB. */
    public static ByteSize gib(long n) { return ByteSize.gib(n); }

    /** A guest intermediate physical address. */
    public static Ipa ipa(long value) { return Ipa.of(value); }

    /** A host physical address. */
    public static Pa pa(long value) { return Pa.of(value); }

    /** The catalog platform {@code id}. */
    public static Platform platform(String id) { return Platform.of(id); }
}
