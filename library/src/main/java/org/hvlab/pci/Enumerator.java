package org.hvlab.pci;

import java.util.ArrayList;
import java.util.List;

/**
 * Guest-side PCI enumeration over a {@link ConfigAccess}: finds the present functions and counts the config
 * accesses it made. What those accesses cost (exits, cycles) is the access path's business.
 */
public final class Enumerator {
    private final ConfigAccess access;
    private final int segment;
    private final int firstBus;
    private final int lastBus;
    private final List<Bdf> found = new ArrayList<>();
    private long reads;
    private long writes;

    private Enumerator(ConfigAccess access, int segment, int firstBus, int lastBus) {
        this.access = access;
        this.segment = segment;
        this.firstBus = firstBus;
        this.lastBus = lastBus;
    }

    /** What one enumeration saw: the functions found, in discovery order, and the config accesses made. */
    public record Scan(EnumerationMode mode, List<Bdf> functions, long reads, long writes) {
        public Scan {
            functions = List.copyOf(functions);
        }
    }

    /** Enumerates buses {@code firstBus..lastBus} of segment 0 (the ECAM window's range) in {@code mode}. */
    public static Scan scan(ConfigAccess access, EnumerationMode mode, int firstBus, int lastBus) {
        return scan(access, mode, 0, firstBus, lastBus);
    }

    /** Enumerates buses {@code firstBus..lastBus} of PCI segment {@code segment} in {@code mode}. */
    public static Scan scan(ConfigAccess access, EnumerationMode mode, int segment, int firstBus, int lastBus) {
        if (firstBus < 0 || lastBus > 255 || firstBus > lastBus) {
            throw new PciException(PciException.Reason.BDF_OUT_OF_RANGE, "Bus range " + firstBus + ".." + lastBus + " is not valid",
                    "buses are 0..255 and the first is not above the last", "Use the ECAM window's bus range");
        }
        Enumerator e = new Enumerator(access, segment, firstBus, lastBus);
        if (mode == EnumerationMode.OS_SCAN) {
            e.scanBus(firstBus, 0);
        } else {
            e.bruteForce();
        }
        return new Scan(mode, e.found, e.reads, e.writes);
    }

    private int read(Bdf bdf, int offset, int width) {
        reads++;
        return access.read(bdf, offset, width);
    }

    private void write(Bdf bdf, int offset, int width, int value) {
        writes++;
        access.write(bdf, offset, width, value);
    }

    private void bruteForce() {
        for (int bus = firstBus; bus <= lastBus; bus++) {
            for (int dev = 0; dev < 32; dev++) {
                for (int fn = 0; fn < 8; fn++) {
                    Bdf bdf = new Bdf(segment, bus, dev, fn);
                    if (read(bdf, Header.VENDOR_ID, 4) == -1) continue;
                    found.add(bdf);
                    read(bdf, Header.REVISION_ID, 4);
                    read(bdf, Header.HEADER_TYPE, 1);
                }
            }
        }
    }

    private void scanBus(int bus, int depth) {
        List<Integer> children = new ArrayList<>();
        for (int dev = 0; dev < 32; dev++) {
            Bdf fn0 = new Bdf(segment, bus, dev, 0);
            if (read(fn0, Header.VENDOR_ID, 4) == -1) continue;
            int functions = (read(fn0, Header.HEADER_TYPE, 1) & Header.HEADER_MULTI_FUNCTION) != 0 ? 8 : 1;
            for (int fn = 0; fn < functions; fn++) {
                Bdf bdf = new Bdf(segment, bus, dev, fn);
                if (fn > 0 && read(bdf, Header.VENDOR_ID, 4) == -1) continue;
                found.add(bdf);
                int header = probeFunction(bdf);
                if ((header & 0x7f) == Header.TYPE_BRIDGE) {
                    int secondary = read(bdf, Header.SECONDARY_BUS, 1);
                    if (secondary > bus && secondary >= firstBus && secondary <= lastBus) children.add(secondary);
                }
            }
        }
        if (depth < 255) for (int child : children) scanBus(child, depth + 1);
    }

    /** Class, header type, BAR sizing and the capability walk of one present function; returns the header type. */
    private int probeFunction(Bdf bdf) {
        read(bdf, Header.REVISION_ID, 4);
        int header = read(bdf, Header.HEADER_TYPE, 1);
        int type = header & 0x7f;
        int bars = type == Header.TYPE_BRIDGE ? 2 : type == Header.TYPE_ENDPOINT ? 6 : 0;
        int command = read(bdf, Header.COMMAND, 2);
        if (bars > 0) write(bdf, Header.COMMAND, 2, command & ~0x3); // decode off while sizing, as Linux does
        for (int i = 0; i < bars; i++) {
            int at = Header.BAR0 + 4 * i;
            int original = read(bdf, at, 4);
            write(bdf, at, 4, -1);
            int sized = read(bdf, at, 4);
            write(bdf, at, 4, original);
            if (sized != 0 && (sized & 0x7) == 0x4 && i + 1 < bars) {
                int upper = read(bdf, at + 4, 4);
                write(bdf, at + 4, 4, -1);
                read(bdf, at + 4, 4);
                write(bdf, at + 4, 4, upper);
                i++;
            }
        }
        if (bars > 0) write(bdf, Header.COMMAND, 2, command);
        if ((read(bdf, Header.STATUS, 2) & Header.STATUS_CAP_LIST) != 0) {
            int ptr = read(bdf, Header.CAPABILITIES_POINTER, 1) & 0xfc;
            for (int hops = 0; ptr >= 0x40 && hops < 48; hops++) {
                int idNext = read(bdf, ptr, 2);
                if ((idNext & 0xff) == 0xff) break;
                ptr = idNext >> 8 & 0xfc;
            }
        }
        return header;
    }
}
