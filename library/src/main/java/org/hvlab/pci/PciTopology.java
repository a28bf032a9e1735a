package org.hvlab.pci;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;
import org.hvlab.core.Tables;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The present functions of one PCI segment hierarchy, sorted by {@link Bdf}. Everything not in the map is absent:
 * its config reads return all ones and its writes are dropped. At most one function per BDF.
 */
public final class PciTopology implements Renderable {
    private final TreeMap<Bdf, PciFunction> functions = new TreeMap<>();

    private static final long MIB = 1L << 20;

    /** An empty topology (every function absent). */
    public PciTopology() {}

    /** Adds {@code function} at {@code bdf}; a second function at the same BDF is refused. */
    public PciTopology add(Bdf bdf, PciFunction function) {
        PciFunction existing = functions.get(bdf);
        if (existing != null) {
            throw new PciException(PciException.Reason.DUPLICATE_FUNCTION,
                    "Two functions at " + bdf + ": " + existing.name() + " and " + function.name(),
                    "a bus/device/function address names exactly one function",
                    "Use another device or function number, e.g. topology.freeDevice(" + bdf.bus() + ")");
        }
        functions.put(bdf, function);
        return this;
    }

    /** Removes and returns the function at {@code bdf}. */
    public PciFunction remove(Bdf bdf) {
        PciFunction f = require(bdf);
        functions.remove(bdf);
        return f;
    }

    /** Adds the functions of one device at {@code bus:device.0}, {@code .1}, ... in order. */
    public PciTopology addDevice(int bus, int device, List<PciFunction> deviceFunctions) {
        for (int f = 0; f < deviceFunctions.size(); f++) add(Bdf.of(bus, device, f), deviceFunctions.get(f));
        return this;
    }

    /** The lowest device number on {@code bus} with no function yet. */
    public int freeDevice(int bus) {
        for (int d = 0; d < 32; d++) if (function(Bdf.of(bus, d, 0)).isEmpty()) return d;
        throw new PciException(PciException.Reason.DUPLICATE_FUNCTION, "Bus " + bus + " has no free device number",
                "a bus has devices 0..31", "Put the device behind another root port");
    }

    public Optional<PciFunction> function(Bdf bdf) {
        return Optional.ofNullable(functions.get(bdf));
    }

    /** The function at {@code bdf}, or a {@link PciException} naming the present ones. */
    public PciFunction require(Bdf bdf) {
        PciFunction f = functions.get(bdf);
        if (f == null) {
            throw new PciException(PciException.Reason.NO_SUCH_FUNCTION, "No function at " + bdf,
                    "the topology has " + functions.keySet(), "Use one of those or add it with topology.add(bdf, fn)");
        }
        return f;
    }

    public boolean isPresent(Bdf bdf) {
        return functions.containsKey(bdf);
    }

    /** Every present function, sorted by BDF (read-only view). */
    public SortedMap<Bdf, PciFunction> functions() {
        return Collections.unmodifiableSortedMap(functions);
    }

    /** Whether any function lies in {@code [lo, hi]}. */
    boolean anyPresent(Bdf lo, Bdf hi) {
        return !functions.subMap(lo, true, hi, true).isEmpty();
    }

    public int size() {
        return functions.size();
    }

    /** Bus numbers that hold at least one present function. */
    public SortedSet<Integer> buses() {
        return functions.keySet().stream().map(Bdf::bus).collect(Collectors.toCollection(TreeSet::new));
    }

    /** PCI segments that hold at least one present function. */
    public SortedSet<Integer> segments() {
        return functions.keySet().stream().map(Bdf::segment).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * A deep copy of the functions of PCI segment {@code n} only: what one ECAM window (one per segment) decodes,
     * e.g. for a multi-segment host's lspci dump.
     */
    public PciTopology segment(int n) {
        PciTopology t = new PciTopology();
        functions.forEach((b, f) -> { if (b.segment() == n) t.functions.put(b, f.copy()); });
        return t;
    }

    /** A config read as the bus answers it: the function's register, or all ones if absent. */
    public int read(Bdf bdf, int offset, int width) {
        PciFunction f = functions.get(bdf);
        if (f == null) return width == 4 ? -1 : (1 << (8 * width)) - 1;
        return f.read(offset, width);
    }

    /** A config write as the bus takes it; dropped if the function is absent. Returns whether a function took it. */
    public boolean write(Bdf bdf, int offset, int width, int value) {
        PciFunction f = functions.get(bdf);
        if (f == null) return false;
        f.write(offset, width, value);
        return true;
    }

    /** A deep copy: the same functions with their own config state (one per VM). */
    public PciTopology copy() {
        PciTopology t = new PciTopology();
        functions.forEach((b, f) -> t.functions.put(b, f.copy()));
        return t;
    }

    /**
     * Plays firmware: sizes every BAR and assigns it an address, I/O from 0x1000, memory from {@code memoryBase} and
     * 64-bit prefetchable memory from {@code memoryBase + 1 GiB}, each aligned to its size and each bus's functions starting
     * on a 1 MiB boundary (a bridge window's granularity), then enables I/O, memory and bus mastering in Command and
     * opens each bridge's windows over what is behind it. Returns this.
     */
    public PciTopology assignResources(long memoryBase) {
        long mem = memoryBase;
        long pref = memoryBase + (1L << 30);
        long io = 0x1000;
        int lastBus = -1;
        for (Map.Entry<Bdf, PciFunction> e : functions.entrySet()) {
            PciFunction f = e.getValue();
            if (e.getKey().bus() != lastBus) {
                lastBus = e.getKey().bus();
                mem = (mem + MIB - 1) & -MIB;
                pref = (pref + MIB - 1) & -MIB;
                io = (io + 0xfff) & -0x1000L; // an I/O window's granularity is 4 KiB
            }
            int registers = f.isBridge() ? 2 : f.config().headerType() == Header.TYPE_ENDPOINT ? 6 : 0;
            for (int reg = 0; reg < registers; reg++) {
                Optional<Bar> probed = Bar.probe(f.config(), reg);
                if (probed.isEmpty()) continue;
                Bar bar = probed.get();
                int at = Header.BAR0 + 4 * reg;
                long size = bar.size().bytes();
                long base;
                if (bar.kind() == Bar.Kind.IO) {
                    base = (io + size - 1) & -size;
                    io = base + size;
                } else if (prefetchable64(bar)) {
                    base = (pref + size - 1) & -size;
                    pref = base + size;
                } else {
                    base = (mem + size - 1) & -size;
                    mem = base + size;
                }
                f.write(at, 4, (int) (base | bar.flags()));
                if (bar.registers() == 2) f.write(at + 4, 4, (int) (base >>> 32));
                reg += bar.registers() - 1;
            }
            f.write(Header.COMMAND, 2, f.read(Header.COMMAND, 2) | 0x7);
        }
        openBridgeWindows();
        return this;
    }

    /**
     * Programs each bridge's I/O (4 KiB granularity), memory and prefetchable windows (1 MiB) to cover the BARs behind it
     * (its secondary to subordinate buses), as firmware does, so the bridge forwards them; a bridge with nothing
     * behind it keeps its windows closed (base above limit).
     */
    /** A BAR that goes to the prefetchable pool and window: 64-bit and prefetchable (32-bit ones share memory). */
    private static boolean prefetchable64(Bar bar) {
        return bar.prefetchable() && bar.registers() == 2;
    }

    private void openBridgeWindows() {
        for (Map.Entry<Bdf, PciFunction> e : functions.entrySet()) {
            PciFunction bridge = e.getValue();
            if (!bridge.isBridge()) continue;
            long[] ioRange = {Long.MAX_VALUE, -1};
            long[] mem = {Long.MAX_VALUE, -1};
            long[] pref = {Long.MAX_VALUE, -1};
            for (Map.Entry<Bdf, PciFunction> d : functions.entrySet()) {
                int bus = d.getKey().bus();
                if (d.getValue().isBridge() || bus < bridge.secondaryBus() || bus > bridge.subordinateBus()) continue;
                for (Bar bar : d.getValue().bars()) {
                    if (bar.address() == 0) continue;
                    long[] w = bar.kind() == Bar.Kind.IO ? ioRange : prefetchable64(bar) ? pref : mem;
                    w[0] = Math.min(w[0], bar.address());
                    w[1] = Math.max(w[1], bar.address() + bar.size().bytes() - 1);
                }
            }
            if (ioRange[1] >= 0) {
                bridge.write(Header.IO_BASE, 2, (int) ((((ioRange[1] >>> 8) & 0xf0) << 8) | ((ioRange[0] >>> 8) & 0xf0)));
            }
            if (mem[1] >= 0) {
                bridge.write(Header.MEMORY_BASE, 2, (int) ((mem[0] >>> 16) & 0xfff0));
                bridge.write(Header.MEMORY_LIMIT, 2, (int) ((mem[1] >>> 16) & 0xfff0));
            }
            if (pref[1] >= 0) {
                bridge.write(Header.PREF_MEMORY_BASE, 2, (int) ((pref[0] >>> 16) & 0xfff0));
                bridge.write(Header.PREF_MEMORY_LIMIT, 2, (int) ((pref[1] >>> 16) & 0xfff0));
                bridge.write(Header.PREF_BASE_UPPER32, 4, (int) (pref[0] >>> 32));
                bridge.write(Header.PREF_LIMIT_UPPER32, 4, (int) (pref[1] >>> 32));
            }
        }
    }

    /** The whole topology as text that {@code lspci -F FILE -vvv} decodes (4 KiB per PCI Express function). */
    public String lspciDump() {
        return LspciDump.write(this);
    }

    /** One row per present function: bdf, ids, class, header type, name, capabilities, BARs. */
    public Table table() {
        Table t = Table.create("pci topology", StringColumn.create("bdf"), StringColumn.create("vendor_id"),
                StringColumn.create("device_id"), StringColumn.create("class"), IntColumn.create("header_type"),
                StringColumn.create("name"), StringColumn.create("capabilities"), IntColumn.create("bars"),
                IntColumn.create("config_bytes"));
        for (Map.Entry<Bdf, PciFunction> e : functions.entrySet()) {
            PciFunction f = e.getValue();
            Tables.appendRow(t, e.getKey().toString(), String.format("%04x", f.vendorId()),
                    String.format("%04x", f.deviceId()), String.format("%06x", f.classCode()),
                    f.config().headerType(), f.name(),
                    f.config().capabilities().stream().map(c -> Capability.name(c.id())).collect(Collectors.joining(",")),
                    f.bars().size(), f.config().size());
        }
        return t;
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder();
        functions.forEach((b, f) -> sb.append(b).append(' ').append(PciClass.name(f.classCode())).append(": ").append(f)
                .append(f.isBridge() ? " [bus " + f.secondaryBus() + "-" + f.subordinateBus() + "]" : "").append('\n'));
        return sb.toString();
    }

    @Override
    public String toHtml() {
        return "<pre>" + Html.escape(toText()) + "</pre>";
    }

    @Override
    public String toString() {
        return "PciTopology" + functions.keySet();
    }
}
