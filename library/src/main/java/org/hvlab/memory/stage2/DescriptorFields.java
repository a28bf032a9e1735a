package org.hvlab.memory.stage2;

import org.hvlab.memory.MemoryException;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The bit-field view of one stage-2 descriptor: which bits hold which field, the value found there and what it
 * means at the descriptor's level (ARMv8 VMSAv8-64 stage-2 descriptors, 4 KiB granule; the layout is documented on
 * {@link Descriptor}).
 */
final class DescriptorFields {
    private DescriptorFields() {}

    static Table of(Descriptor d, int level) {
        if (level < 0 || level > 3) {
            throw new MemoryException(MemoryException.Reason.BAD_TABLE, "descriptor " + d.hex() + " at level " + level,
                    "stage-2 walks with a 4 KiB granule read levels 0 to 3", "Use the level from walk(ipa).steps()");
        }
        StringColumn bits = StringColumn.create("bits");
        StringColumn field = StringColumn.create("field");
        StringColumn value = StringColumn.create("value");
        StringColumn meaning = StringColumn.create("meaning");
        Table t = Table.create("descriptor " + d.hex() + " at L" + level, bits, field, value, meaning);
        long raw = d.raw();
        if (!d.valid()) {
            row(t, "0", "valid", "0", "invalid: an access takes a translation fault (DFSC " + dfsc(0x04 + level) + ")");
            return t;
        }
        row(t, "0", "valid", "1", "valid entry");
        String type = (raw & Descriptor.TYPE) != 0 ? "1" : "0";
        if (d.isTable(level)) {
            row(t, "1", "type", type, "table: points at the level-" + (level + 1) + " table");
            row(t, "47:12", "next-level table address", d.outputAddress().hex(), "PA of the next table (4 KiB aligned)");
            return t;
        }
        if (!d.isLeaf(level)) {
            row(t, "1", "type", type, level == 0 ? "a level-0 entry must be a table: translation fault"
                    : "reserved at level 3: translation fault");
            return t;
        }
        row(t, "1", "type", type, d.isPage(level) ? "page (4 KiB)"
                : "block (" + (level == 1 ? "1 GiB" : "2 MiB") + ")");
        MemAttr attr = d.memAttr();
        row(t, "5:2", "MemAttr", bin(d.memAttrBits(), 4), switch (attr) {
            case DEVICE_NGNRNE -> "Device-nGnRnE";
            case DEVICE_NGNRE -> "Device-nGnRE";
            case NORMAL_NC -> "Normal, non-cacheable";
            case NORMAL_WB -> "Normal, write-back cacheable";
            case UNKNOWN -> "an encoding this model does not name";
        });
        S2Ap ap = d.s2ap();
        row(t, "7:6", "S2AP", bin(ap.bits(), 2), switch (ap) {
            case NONE -> "no access: every access takes a permission fault";
            case READ_ONLY -> "read-only: a write takes a permission fault (DFSC " + dfsc(0x0C + level) + ")";
            case WRITE_ONLY -> "write-only: a read takes a permission fault";
            case READ_WRITE -> "read and write";
        });
        row(t, "9:8", "SH", bin(d.shareability(), 2), switch (d.shareability()) {
            case 0 -> "non-shareable";
            case 2 -> "outer shareable";
            case 3 -> "inner shareable";
            default -> "reserved";
        });
        row(t, "10", "AF", d.accessFlag() ? "1" : "0", d.accessFlag() ? "accessed"
                : "not accessed: the first access takes an access flag fault");
        row(t, "47:12", "output address", d.outputAddress().hex(), d.isPage(level) ? "PA of the 4 KiB page"
                : "PA of the block");
        row(t, "54", "XN", d.executeNever() ? "1" : "0", d.executeNever() ? "execute never" : "executable");
        int sw = d.softwareBits();
        row(t, "58:55", "software", bin(sw, 4), d.copyOnWrite() ? "bit 55: copy-on-write share (hvlab)"
                : sw == 0 ? "none set (free for the hypervisor)" : "hypervisor-defined");
        return t;
    }

    /** A data fault status code as ESR_EL2 reports it, e.g. {@code 0x0f}. */
    private static String dfsc(int code) { return String.format("0x%02x", code); }

    private static String bin(int v, int width) {
        String s = Integer.toBinaryString(v);
        return "0b" + "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static void row(Table t, String bits, String field, String value, String meaning) {
        t.stringColumn("bits").append(bits);
        t.stringColumn("field").append(field);
        t.stringColumn("value").append(value);
        t.stringColumn("meaning").append(meaning);
    }
}
