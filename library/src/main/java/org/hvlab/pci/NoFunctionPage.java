package org.hvlab.pci;

import java.util.Objects;
import org.hvlab.core.Pa;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.stage2.Descriptor;

/**
 * The host's "no function here" pages, one set per host and shared by every VM: the frame filled with 0xFF that
 * US11561894B2 maps read-only at every absent function's ECAM page, and (built on first use) one level-3 table
 * whose 512 entries all map that frame read-only ({@code PA | 0x77F}), which {@link
 * AbsentFunctionStrategy#SHARED_LEAF_TABLE} installs for every 2 MiB stretch of a window with no present function.
 *
 * <p>Each table entry holds a reference on the frame, as every stage-2 entry does; this object holds one reference
 * on the frame and one on the table. The guest can never write either: the descriptors are read-only and a change
 * through any VM's tables copies the table first.
 */
public final class NoFunctionPage {
    /** The byte every absent function reads as. */
    public static final int FILL = 0xff;

    private final HostMemory memory;
    private final Pa frame;
    private Pa leafTable;

    private NoFunctionPage(HostMemory memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.frame = memory.allocateFilled(FILL, true); // reads all ones, guest writes dropped (stage2.md section 4)
    }

    /** Reserves the 0xFF frame in {@code memory} (one per host). */
    public static NoFunctionPage reserve(HostMemory memory) {
        return new NoFunctionPage(memory);
    }

    public HostMemory memory() { return memory; }

    /** The frame full of 0xFF. */
    public Pa frame() { return frame; }

    /** The read-only descriptor that maps the frame: {@code PA | 0x77F}. */
    public Descriptor descriptor() { return Descriptor.readOnlyShared(frame); }

    /** The level-3 table of 512 read-only entries to the frame, built on first use. */
    public Pa leafTable() {
        if (leafTable == null) {
            Pa table = memory.allocate();
            memory.markTable(table, 3); // only ever installed as a level-3 table
            long d = descriptor().raw();
            for (int i = 0; i < 512; i++) {
                memory.writeLong(table.offset(8L * i), d);
                memory.retain(frame);
            }
            leafTable = table;
        }
        return leafTable;
    }

    /** Whether {@link #leafTable()} has been built. */
    public boolean hasLeafTable() { return leafTable != null; }

    /** True when every byte of the frame is still 0xFF (writes to absent functions never reach it). */
    public boolean intact() {
        byte[] data = memory.frameData(frame);
        if (data == null) return false;
        for (byte b : data) if (b != (byte) FILL) return false;
        return true;
    }

    @Override
    public String toString() {
        return "NoFunctionPage[" + frame + (leafTable != null ? ", leaf table " + leafTable : "") + "]";
    }
}
