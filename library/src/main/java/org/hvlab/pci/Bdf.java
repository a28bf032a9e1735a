package org.hvlab.pci;

/**
 * A PCI function address: bus (0-255), device (0-31), function (0-7), as lspci prints it ({@code 00:1f.3}).
 * Segment (PCI domain) is kept for host topologies with more than one ECAM window.
 */
public record Bdf(int segment, int bus, int device, int function) implements Comparable<Bdf> {

    public Bdf {
        check("segment", segment, 0xffff);
        check("bus", bus, 255);
        check("device", device, 31);
        check("function", function, 7);
    }

    private static void check(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new PciException(PciException.Reason.BDF_OUT_OF_RANGE,
                    "PCI " + what + " " + value + " is out of range",
                    "a " + what + " number is 0.." + max,
                    "Use Bdf.of(bus, device, function) with bus 0..255, device 0..31, function 0..7");
        }
    }

    /** A function in segment 0. */
    public static Bdf of(int bus, int device, int function) {
        return new Bdf(0, bus, device, function);
    }

    /** Parses lspci's {@code bb:dd.f} or {@code ssss:bb:dd.f}. */
    public static Bdf parse(String text) {
        String s = text.trim();
        try {
            int seg = 0;
            String[] parts = s.split(":");
            if (parts.length == 3) {
                seg = Integer.parseInt(parts[0], 16);
                parts = new String[] {parts[1], parts[2]};
            }
            if (parts.length != 2) throw new NumberFormatException(s);
            String[] df = parts[1].split("\\.");
            if (df.length != 2) throw new NumberFormatException(s);
            return new Bdf(seg, Integer.parseInt(parts[0], 16), Integer.parseInt(df[0], 16), Integer.parseInt(df[1], 16));
        } catch (NumberFormatException e) {
            throw new PciException(PciException.Reason.BDF_SYNTAX, "'" + text + "' is not a PCI address",
                    "lspci writes one as bb:dd.f or ssss:bb:dd.f in hex, e.g. 00:1f.3",
                    "Write it like 01:00.0 or build it with Bdf.of(1, 0, 0)");
        }
    }

    /** The routing ID as the bus sees it: bus[15:8] device[7:3] function[2:0]. */
    public int routingId() {
        return bus << 8 | device << 3 | function;
    }

    /** The function's offset in an ECAM window based at bus 0: {@code bus<<20 | dev<<15 | fn<<12}. */
    public long ecamOffset() {
        return (long) bus << 20 | (long) device << 15 | (long) function << 12;
    }

    @Override
    public int compareTo(Bdf o) {
        int c = Integer.compare(segment, o.segment);
        return c != 0 ? c : Integer.compare(routingId(), o.routingId());
    }

    @Override
    public String toString() {
        String s = String.format("%02x:%02x.%x", bus, device, function);
        return segment == 0 ? s : String.format("%04x:", segment) + s;
    }
}
