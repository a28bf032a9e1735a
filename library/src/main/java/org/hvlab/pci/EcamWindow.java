package org.hvlab.pci;

import java.util.Objects;
import java.util.Optional;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;

/**
 * Where a VM's ECAM sits in its IPA space and which buses it decodes: 1 MiB per bus, 4 KiB per function,
 * {@code base + ((bus - firstBus) << 20 | device << 15 | function << 12 | register)} (the devicetree convention:
 * the base is the first bus's). The base is 2 MiB aligned so each 2 MiB stretch (two buses) is one leaf table.
 *
 * <p>A window decodes one PCI segment (domain), as one ACPI MCFG entry or one devicetree {@code pci-host-ecam-generic}
 * node does: a host with several segments has one window per segment.
 *
 * @param base     IPA of the first bus's config space
 * @param firstBus the first bus decoded, 0..255
 * @param lastBus  the last bus decoded, firstBus..255
 * @param segment  the PCI segment the window decodes, 0..0xffff
 */
public record EcamWindow(Ipa base, int firstBus, int lastBus, int segment) {
    /** Where QEMU's Arm virt board puts its 256-bus ECAM (above 256 GiB, "highmem ECAM"). */
    public static final Ipa DEFAULT_BASE = Ipa.of(0x40_1000_0000L);
    /** Bytes of config space per function (one page). */
    public static final ByteSize FUNCTION_BYTES = ByteSize.PAGE;
    /** Bytes of config space per bus. */
    public static final ByteSize BUS_BYTES = ByteSize.mib(1);
    /** Bytes one leaf (level-3) table maps. */
    public static final ByteSize STRETCH_BYTES = ByteSize.mib(2);

    public EcamWindow {
        Objects.requireNonNull(base, "base");
        if (firstBus < 0 || lastBus > 255 || firstBus > lastBus) {
            throw new PciException(PciException.Reason.BDF_OUT_OF_RANGE, "ECAM bus range " + firstBus + ".." + lastBus + " is not valid",
                    "an ECAM window decodes buses 0..255, first <= last", "Use EcamWindow.of(buses) or a range such as 0..255");
        }
        if (!base.isAligned(STRETCH_BYTES)) {
            throw new PciException(PciException.Reason.ECAM_PLACEMENT, "ECAM base " + base + " is not 2 MiB aligned",
                    "each 2 MiB stretch of the window is one stage-2 leaf table", "Use a base such as EcamWindow.DEFAULT_BASE");
        }
        if (segment < 0 || segment > 0xffff) {
            throw new PciException(PciException.Reason.BDF_OUT_OF_RANGE, "PCI segment " + segment + " is out of range",
                    "a segment number is 0..0xffff", "Use window.inSegment(n) with n in 0..0xffff");
        }
        base.checkedAdd(ByteSize.mib(lastBus - firstBus + 1L));
    }

    /** A window of segment 0 (the only segment of most hosts and of every VM by default). */
    public EcamWindow(Ipa base, int firstBus, int lastBus) {
        this(base, firstBus, lastBus, 0);
    }

    /** This window decoding PCI segment {@code n} instead. */
    public EcamWindow inSegment(int n) {
        return new EcamWindow(base, firstBus, lastBus, n);
    }

    /** A window of {@code buses} buses (1..256) from bus 0 at {@link #DEFAULT_BASE}. */
    public static EcamWindow of(int buses) {
        return new EcamWindow(DEFAULT_BASE, 0, buses - 1);
    }

    public int buses() { return lastBus - firstBus + 1; }

    /** Functions the window can address: 256 per bus. */
    public int functions() { return buses() * 256; }

    public ByteSize size() { return ByteSize.mib(buses()); }

    /** The first IPA past the window. */
    public Ipa end() { return base.checkedAdd(size()); }

    /** Whether the window decodes {@code bdf}: its segment and one of its buses. */
    public boolean contains(Bdf bdf) {
        return bdf.segment() == segment && bdf.bus() >= firstBus && bdf.bus() <= lastBus;
    }

    public boolean contains(Ipa ipa) {
        return ipa.compareTo(base) >= 0 && ipa.compareTo(end()) < 0;
    }

    /** The IPA of {@code register} of {@code bdf}. */
    public Ipa address(Bdf bdf, int register) {
        if (bdf.segment() != segment) {
            throw new PciException(PciException.Reason.BDF_OUT_OF_RANGE, bdf + " is in PCI segment " + bdf.segment() + ", not this ECAM window's",
                    "the window decodes segment " + segment + " only", "Reach it through the window of segment " + bdf.segment());
        }
        if (!contains(bdf)) {
            throw new PciException(PciException.Reason.BDF_OUT_OF_RANGE, bdf + " is outside this ECAM window",
                    "the window decodes buses " + firstBus + ".." + lastBus, "Attach a window with more buses");
        }
        if (register < 0 || register > 0xfff) {
            throw new PciException(PciException.Reason.REGISTER_RANGE, "Register 0x" + Integer.toHexString(register) + " is out of range",
                    "a function has 4 KiB of config space", "Use 0..0xfff");
        }
        return base.offset((long) (bdf.bus() - firstBus) << 20 | (long) bdf.device() << 15 | (long) bdf.function() << 12 | register);
    }

    /** The function whose config page holds {@code ipa}, if it is inside the window. */
    public Optional<Bdf> functionAt(Ipa ipa) {
        if (!contains(ipa)) return Optional.empty();
        return Optional.of(functionAtOffset(ipa.value() - base.value()));
    }

    Bdf functionAtOffset(long offset) {
        return new Bdf(segment, firstBus + (int) (offset >>> 20), (int) (offset >>> 15) & 0x1f, (int) (offset >>> 12) & 0x7);
    }

    @Override
    public String toString() {
        return "ECAM " + base + (segment != 0 ? String.format(" segment %04x", segment) : "") + " buses " + firstBus + ".." + lastBus + " (" + size() + ")";
    }
}
