package org.hvlab.pci;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Renderable;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.stage2.Descriptor;
import org.hvlab.memory.stage2.Stage2;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Host memory that a set of VMs spends on their ECAM windows, counted from the real stage-2 tables: every level-2
 * table holding a window entry, every level-3 table under the window, and every frame those map. A frame several
 * VMs use (the 0xFF page, the shared leaf table) counts once in {@link #total()}; {@link #perVm()} is the total
 * divided among the VMs, i.e. each shared frame divided among the VMs that use it. Level-0/1 tables are not
 * counted: every VM has them for its RAM anyway.
 *
 * @param strategy    how absent functions were mapped
 * @param vms         VMs counted
 * @param buses       buses per window
 * @param tablePages  distinct level-2 and level-3 table pages
 * @param leafPages   distinct frames the windows map
 * @param sharedPages of those pages, the ones more than one VM uses
 * @param total       distinct pages x 4 KiB
 * @param measured    true when counted from tables; false when extrapolated (see {@link #extrapolate})
 */
public record EcamFootprint(AbsentFunctionStrategy strategy, int vms, int buses, long tablePages, long leafPages,
                            long sharedPages, ByteSize total, boolean measured) implements Renderable {

    /** One row: strategy, vms, buses, host_bytes, host_bytes_per_vm, pages, method. */
    public Table table() {
        return Table.create("ecam footprint",
                StringColumn.create("strategy", List.of(strategy.name())),
                IntColumn.create("vms", new int[] {vms}),
                IntColumn.create("buses", new int[] {buses}),
                LongColumn.create("host_bytes", total.bytes()),
                LongColumn.create("host_bytes_per_vm", perVm().bytes()),
                LongColumn.create("table_pages", tablePages),
                LongColumn.create("leaf_pages", leafPages),
                LongColumn.create("shared_pages", sharedPages),
                StringColumn.create("method", List.of(measured ? "measured" : "extrapolated")));
    }

    @Override
    public String toText() {
        return String.format("%s, %d VM(s), %d buses: %s in all, %s per VM (%d table pages, %d leaf pages, %d shared; %s)",
                strategy, vms, buses, total, perVm(), tablePages, leafPages, sharedPages, measured ? "measured" : "extrapolated");
    }

    /** Host bytes per VM: the total divided among the VMs. */
    public ByteSize perVm() {
        return ByteSize.ofBytes(total.bytes() / Math.max(1, vms));
    }

    /** Counts the frames {@code vms}' windows use in their stage-2 tables. */
    public static EcamFootprint measure(AbsentFunctionStrategy strategy, List<Stage2> vms, EcamWindow window) {
        Map<Long, Integer> users = new HashMap<>();
        Set<Long> tables = new HashSet<>();
        Map<Long, long[]> leavesOfTable = new HashMap<>();
        for (Stage2 s2 : vms) {
            HostMemory mem = s2.hostMemory();
            Set<Long> mine = new HashSet<>();
            for (long off = 0; off < window.size().bytes(); off += EcamWindow.STRETCH_BYTES.bytes()) {
                Ipa stretch = window.base().offset(off);
                s2.tableAt(stretch, 2).ifPresent(t -> {
                    mine.add(t.value());
                    tables.add(t.value());
                });
                Optional<Pa> l3 = s2.tableAt(stretch, 3);
                if (l3.isEmpty()) continue;
                long t = l3.get().value();
                mine.add(t);
                tables.add(t);
                for (long frame : leavesOfTable.computeIfAbsent(t, k -> distinctLeaves(mem, l3.get()))) mine.add(frame);
            }
            for (long f : mine) users.merge(f, 1, Integer::sum);
        }
        long shared = users.values().stream().filter(n -> n > 1).count();
        return new EcamFootprint(strategy, vms.size(), window.buses(), tables.size(), users.size() - tables.size(), shared,
                ByteSize.pages(users.size()), true);
    }

    /** The same footprint scaled to {@code vms} VMs that share nothing beyond what this one shares (labelled so). */
    public EcamFootprint extrapolate(int toVms) {
        if (sharedPages > 0) {
            throw new PciException(PciException.Reason.EXPERIMENT, "Cannot extrapolate " + strategy + " linearly",
                    "its VMs share " + sharedPages + " pages, so memory does not grow in proportion to VMs", "Measure it instead");
        }
        long perVmPages = total.pages() / Math.max(1, vms);
        return new EcamFootprint(strategy, toVms, buses, tablePages / Math.max(1, vms) * toVms, leafPages / Math.max(1, vms) * toVms,
                0, ByteSize.pages(perVmPages * toVms), false);
    }

    private static long[] distinctLeaves(HostMemory mem, Pa table) {
        byte[] data = mem.frameData(table);
        if (data == null) return new long[0];
        Set<Long> out = new HashSet<>();
        long last = -1;
        for (int i = 0; i < 512; i++) {
            long d = 0;
            for (int b = 7; b >= 0; b--) d = d << 8 | (data[i * 8 + b] & 0xff);
            if ((d & Descriptor.VALID) == 0) continue;
            long frame = d & Descriptor.OA_MASK;
            if (frame != last) out.add(frame);
            last = frame;
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
