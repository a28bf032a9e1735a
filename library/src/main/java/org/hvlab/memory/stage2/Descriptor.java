package org.hvlab.memory.stage2;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Hex;
import org.hvlab.core.Pa;
import org.hvlab.memory.MemoryException;
import tech.tablesaw.api.Table;

/**
 * One ARMv8 stage-2 translation table descriptor (4 KiB granule), as the 64-bit value stored in a table.
 *
 * <pre>
 *  bit 0      valid            (0: translation fault)
 *  bit 1      type             (1: table at L0-L2, page at L3; 0: block at L1/L2)
 *  bits 5:2   MemAttr          ({@link MemAttr})
 *  bits 7:6   S2AP             ({@link S2Ap})
 *  bits 9:8   SH               (3: inner shareable)
 *  bit 10     AF               access flag (0: access flag fault)
 *  bits 47:12 output address   next table or page/block PA
 *  bit 54     XN               execute never
 *  bits 58:55 software         free for the hypervisor; bit 55 marks copy-on-write here
 * </pre>
 * The read-only page of the shared "no function" page is {@code PA | 0x77F} (reference/stage2.md section 3).
 */
public record Descriptor(long raw) {
    public static final long VALID = 1L;
    public static final long TYPE = 1L << 1;
    public static final int MEMATTR_SHIFT = 2;
    public static final long MEMATTR_MASK = 0xFL << MEMATTR_SHIFT;
    public static final int S2AP_SHIFT = 6;
    /** S2AP[0]: read permitted. */
    public static final long S2AP_R = 1L << 6;
    /** S2AP[1]: write permitted. */
    public static final long S2AP_W = 1L << 7;
    public static final int SH_SHIFT = 8;
    /** Shareability 0b11: inner shareable. */
    public static final long SH_INNER = 3L << SH_SHIFT;
    /** Access flag. */
    public static final long AF = 1L << 10;
    /** Output address bits [47:12]. */
    public static final long OA_MASK = 0x0000_FFFF_FFFF_F000L;
    /** Execute never. */
    public static final long XN = 1L << 54;
    public static final int SW_SHIFT = 55;
    /** Software bit 55: the page is a copy-on-write share; a write fault copies it. */
    public static final long SW_COW = 1L << 55;
    /** Attributes of a normal write-back, inner-shareable, accessed page without permissions: {@code 0x73F}. */
    public static final long PAGE_ATTRS = VALID | TYPE | ((long) MemAttr.NORMAL_WB.bits() << MEMATTR_SHIFT)
            | SH_INNER | AF;

    /** A table descriptor pointing at the next-level table {@code next}. */
    public static Descriptor table(Pa next) {
        return new Descriptor(checkOa(next) | VALID | TYPE);
    }

    /** An L3 page descriptor: normal write-back, inner shareable, accessed. */
    public static Descriptor page(Pa pa, S2Ap ap) { return page(pa, ap, MemAttr.NORMAL_WB, false); }

    /** An L3 page descriptor with explicit attributes; {@code cow} sets software bit 55. */
    public static Descriptor page(Pa pa, S2Ap ap, MemAttr attr, boolean cow) {
        Objects.requireNonNull(ap, "ap");
        if (attr == MemAttr.UNKNOWN) {
            throw new MemoryException(MemoryException.Reason.BAD_TABLE, "a page descriptor with MemAttr UNKNOWN",
                    "UNKNOWN names an encoding read from a descriptor, it has no bits to write",
                    "Use MemAttr.NORMAL_WB for RAM or DEVICE_NGNRE for device memory");
        }
        long d = checkOa(pa) | VALID | TYPE | ((long) attr.bits() << MEMATTR_SHIFT) | ((long) ap.bits() << S2AP_SHIFT)
                | SH_INNER | AF;
        return new Descriptor(cow ? d | SW_COW : d);
    }

    /** The read-only page for a shared "no function" page: {@code PA | 0x77F}. */
    public static Descriptor readOnlyShared(Pa pa) { return page(pa, S2Ap.READ_ONLY); }

    /**
     * A block descriptor at level 1 (1 GiB) or 2 (2 MiB); {@code pa} must be aligned to the block size, since the
     * architecture takes the low IPA bits for the offset inside the block (OA bits below it are RES0).
     */
    public static Descriptor block(Pa pa, int level, S2Ap ap) {
        if (level != 1 && level != 2) {
            throw new MemoryException(MemoryException.Reason.BAD_TABLE, "a block descriptor at level " + level,
                    "with a 4 KiB granule, stage-2 blocks exist at level 1 (1 GiB) and level 2 (2 MiB) only",
                    "Use Descriptor.block(pa, 2, ap) for 2 MiB, or Descriptor.page(..) at level 3");
        }
        long span = Stage2.span(level);
        if ((pa.value() & (span - 1)) != 0) {
            throw new MemoryException(MemoryException.Reason.MISALIGNED,
                    "a level-" + level + " block at " + pa + " is not aligned to " + ByteSize.ofBytes(span),
                    "a block's output address is a multiple of its size (its low bits come from the IPA)",
                    "Use " + pa.alignDown(ByteSize.ofBytes(span)) + ", or page descriptors");
        }
        long d = checkOa(pa) | VALID | ((long) MemAttr.NORMAL_WB.bits() << MEMATTR_SHIFT)
                | ((long) ap.bits() << S2AP_SHIFT) | SH_INNER | AF;
        return new Descriptor(d);
    }

    private static long checkOa(Pa pa) {
        if ((pa.value() & ~OA_MASK) != 0) {
            throw new IllegalArgumentException("output address " + pa + " is not 4 KiB aligned below 2^48");
        }
        return pa.value();
    }

    public boolean valid() { return (raw & VALID) != 0; }

    /** True for a table descriptor at {@code level} 0-2. */
    public boolean isTable(int level) { return valid() && level < 3 && (raw & TYPE) != 0; }

    /** True for a page descriptor (level 3). */
    public boolean isPage(int level) { return valid() && level == 3 && (raw & TYPE) != 0; }

    /** True for a block descriptor (level 1 or 2). */
    public boolean isBlock(int level) { return valid() && (level == 1 || level == 2) && (raw & TYPE) == 0; }

    /** True for a page or block: this descriptor ends the walk. */
    public boolean isLeaf(int level) { return isPage(level) || isBlock(level); }

    public Pa outputAddress() { return Pa.of(raw & OA_MASK); }

    public int memAttrBits() { return (int) ((raw & MEMATTR_MASK) >>> MEMATTR_SHIFT); }

    /** The named attribute, or {@link MemAttr#UNKNOWN} for an encoding this model does not name (never null). */
    public MemAttr memAttr() { return MemAttr.ofBits(memAttrBits()); }

    public S2Ap s2ap() { return S2Ap.ofBits((int) (raw >>> S2AP_SHIFT)); }

    public boolean readable() { return (raw & S2AP_R) != 0; }

    public boolean writable() { return (raw & S2AP_W) != 0; }

    public int shareability() { return (int) ((raw >>> SH_SHIFT) & 3); }

    public boolean accessFlag() { return (raw & AF) != 0; }

    public boolean executeNever() { return (raw & XN) != 0; }

    public int softwareBits() { return (int) ((raw >>> SW_SHIFT) & 0xF); }

    public boolean copyOnWrite() { return (raw & SW_COW) != 0; }

    /** A copy with other permissions. */
    public Descriptor withS2ap(S2Ap ap) {
        return new Descriptor((raw & ~(S2AP_R | S2AP_W)) | ((long) ap.bits() << S2AP_SHIFT));
    }

    /**
     * The descriptor's bit fields at {@code level} (0-3): bits, field, value, meaning; one row per field the
     * architecture defines for this kind of entry (invalid, table, page or block).
     */
    public Table bitFields(int level) { return DescriptorFields.of(this, level); }

    /** {@code 0x0000_0000_8000_077f}. */
    public String hex() { return Hex.word(raw); }

    /** The decoded fields at {@code level}, in bit order, for display. */
    public Map<String, String> fields(int level) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("valid", valid() ? "1" : "0");
        if (!valid()) return m;
        m.put("type", isTable(level) ? "table" : isPage(level) ? "page" : isBlock(level) ? "block" : "reserved");
        if (isTable(level)) {
            m.put("next", outputAddress().hex());
            return m;
        }
        MemAttr attr = memAttr();
        m.put("memattr", attr == MemAttr.UNKNOWN ? "0b" + Integer.toBinaryString(memAttrBits()) : attr.name());
        m.put("s2ap", s2ap().name());
        m.put("sh", switch (shareability()) {
            case 0 -> "non";
            case 2 -> "outer";
            case 3 -> "inner";
            default -> "reserved";
        });
        m.put("af", accessFlag() ? "1" : "0");
        m.put("oa", outputAddress().hex());
        if (executeNever()) m.put("xn", "1");
        if (softwareBits() != 0) m.put("sw", copyOnWrite() ? "cow" : Integer.toBinaryString(softwareBits()));
        return m;
    }

    /** One line: {@code page PA 0x8000_4000 NORMAL_WB READ_ONLY SH=inner AF}. */
    public String describe(int level) {
        if (!valid()) return "invalid (translation fault)";
        if (isTable(level)) return "table -> " + outputAddress();
        if (!isLeaf(level)) return "reserved (translation fault)";
        Map<String, String> f = fields(level);
        return f.get("type") + " PA " + f.get("oa") + " " + f.get("memattr") + " " + f.get("s2ap") + " SH="
                + f.get("sh") + (accessFlag() ? " AF" : " no-AF") + (executeNever() ? " XN" : "")
                + (copyOnWrite() ? " COW" : "");
    }

    @Override
    public String toString() { return hex(); }
}
