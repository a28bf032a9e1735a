package org.hvlab.memory.stage2;

import static org.hvlab.memory.stage2.Descriptor.OA_MASK;
import static org.hvlab.memory.stage2.Descriptor.TYPE;
import static org.hvlab.memory.stage2.Descriptor.VALID;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.memory.HostMemory;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Read-only traversals of a {@link Stage2} table tree: table pages, mapped runs, leaf counts, views. */
final class Stage2Tree {
    private Stage2Tree() {}

    /** Table pages reachable from the root, how many are shared (held more than once), host bytes. */
    static TableUsage usage(Stage2 s, HostMemory mem) {
        Set<Pa> frames = tableFrames(s);
        long shared = frames.stream().filter(p -> mem.refCount(p) > 1).count();
        return new TableUsage(frames.size(), shared, ByteSize.pages(frames.size()));
    }

    static Set<Pa> tableFrames(Stage2 s) {
        Set<Pa> out = new LinkedHashSet<>();
        collectTables(s, s.root().value(), 0, out);
        return out;
    }

    private static void collectTables(Stage2 s, long t, int level, Set<Pa> out) {
        out.add(Pa.of(t));
        if (level == 3) return;
        for (int i = 0; i < 512; i++) {
            long e = s.read(t, i);
            if ((e & VALID) != 0 && (e & TYPE) != 0) collectTables(s, e & OA_MASK, level + 1, out);
        }
    }

    static List<Mapping> mappings(Stage2 s) {
        List<Mapping> out = new ArrayList<>();
        long[] run = new long[5]; // ipa, pages, pa, descriptor, oneFrame
        collectLeaves(s, s.root().value(), 0, 0, run, out);
        if (run[1] > 0) out.add(toMapping(run));
        return out;
    }

    private static void collectLeaves(Stage2 s, long t, int level, long base, long[] run, List<Mapping> out) {
        for (int i = 0; i < 512; i++) {
            long e = s.read(t, i);
            if ((e & VALID) == 0) continue;
            long ipa = base | ((long) i << (39 - 9 * level));
            if (level < 3 && (e & TYPE) != 0) {
                collectLeaves(s, e & OA_MASK, level + 1, ipa, run, out);
            } else if (level == 3 && (e & TYPE) != 0) {
                long pa = e & OA_MASK;
                long attrs = e & ~OA_MASK;
                boolean next = run[1] > 0 && ipa == run[0] + (run[1] << 12) && attrs == (run[3] & ~OA_MASK);
                if (next && run[1] == 1 && pa == run[2]) {
                    run[4] = 1;
                    run[1]++;
                } else if (next && run[4] == 1 && pa == run[2]) {
                    run[1]++;
                } else if (next && run[4] == 0 && pa == run[2] + (run[1] << 12)) {
                    run[1]++;
                } else {
                    if (run[1] > 0) out.add(toMapping(run));
                    run[0] = ipa;
                    run[1] = 1;
                    run[2] = pa;
                    run[3] = e;
                    run[4] = 0;
                }
            }
        }
    }

    private static Mapping toMapping(long[] r) {
        Descriptor d = new Descriptor(r[3]);
        return new Mapping(Ipa.of(r[0]), ByteSize.pages(r[1]), Pa.of(r[2]), d.s2ap(), r[4] == 1, d.copyOnWrite());
    }

    /** Valid L3 pages under the level-{@code level} table {@code t}. */
    static long countLeaves(Stage2 s, long t, int level) { return forEachLeafPage(s, t, level, pa -> { }); }

    /** Reports the output address of every L3 page entry reachable from table {@code t}; returns how many. */
    static long forEachLeafPage(Stage2 s, long t, int level, java.util.function.LongConsumer out) {
        long n = 0;
        for (int i = 0; i < 512; i++) {
            long e = s.read(t, i);
            if ((e & VALID) == 0) continue;
            if (level < 3 && (e & TYPE) != 0) {
                n += forEachLeafPage(s, e & OA_MASK, level + 1, out);
            } else if (level == 3 && (e & TYPE) != 0) {
                out.accept(e & OA_MASK);
                n++;
            }
        }
        return n;
    }

    static Table table(Stage2 s, String owner) {
        StringColumn ipa = StringColumn.create("ipa");
        StringColumn last = StringColumn.create("last");
        LongColumn pages = LongColumn.create("pages");
        StringColumn pa = StringColumn.create("pa");
        StringColumn ap = StringColumn.create("s2ap");
        BooleanColumn one = BooleanColumn.create("one_frame");
        BooleanColumn cow = BooleanColumn.create("cow");
        for (Mapping m : mappings(s)) {
            ipa.append(m.ipa().hex());
            last.append(m.last().hex());
            pages.append(m.pages());
            pa.append(m.pa().hex());
            ap.append(m.ap().name());
            one.append(m.oneFrame());
            cow.append(m.copyOnWrite());
        }
        return Table.create("stage-2 " + owner, ipa, last, pages, pa, ap, one, cow);
    }

    static String text(Stage2 s, String owner) {
        TableUsage u = s.tableUsage();
        StringBuilder sb = new StringBuilder("stage-2 ").append(owner).append(" (VMID ").append(s.vmid())
                .append("), root ").append(s.root()).append(": ").append(s.mappedPages()).append(" pages mapped, ")
                .append(u.tablePages()).append(" table pages (").append(u.sharedPages()).append(" shared)\n");
        for (Mapping m : mappings(s)) {
            sb.append("  ").append(m.ipa()).append("..").append(m.last()).append(" -> ").append(m.pa()).append(' ')
                    .append(m.ap()).append(m.oneFrame() ? " one frame x " + m.pages() : "")
                    .append(m.copyOnWrite() ? " COW" : "").append('\n');
        }
        return sb.toString();
    }

    static Stage2Walk walk(Stage2 s, String owner, Ipa ipa) {
        List<Stage2Walk.Step> steps = new ArrayList<>(4);
        long table = s.root().value();
        long a = ipa.value();
        for (int level = 0; level < 4; level++) {
            int idx = Stage2.index(a, level);
            Descriptor d = new Descriptor(s.read(table, idx));
            steps.add(new Stage2Walk.Step(level, Pa.of(table), idx, Pa.of(table + 8L * idx), d));
            if (d.isLeaf(level)) {
                Pa pa = Pa.of(Stage2.output(d.raw(), level, a));
                return new Stage2Walk(owner, s.vmid(), ipa, s.root(), steps, Optional.of(pa), -1);
            }
            if (!d.isTable(level)) return new Stage2Walk(owner, s.vmid(), ipa, s.root(), steps, Optional.empty(), level);
            table = d.outputAddress().value();
        }
        throw new IllegalStateException("a level-3 descriptor is a page or a fault");
    }

    /**
     * True when a table on the way to {@code ipa} is shared with another holder: the leaf entry there is also
     * another VM's mapping (a change copies the table first, so the entry is not this VM's alone).
     */
    static boolean sharedPath(Stage2 s, long ipa) {
        long table = s.root().value();
        for (int level = 0; level < 3; level++) {
            long desc = s.read(table, Stage2.index(ipa, level));
            if ((desc & VALID) == 0 || (desc & TYPE) == 0) return false;
            table = desc & OA_MASK;
            if (s.hostMemory().refCount(Pa.of(table)) > 1) return true;
        }
        return false;
    }
}
