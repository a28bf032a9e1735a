package org.hvlab.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.hvlab.Host;
import org.hvlab.Lab;
import org.hvlab.Vm;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Ipa;
import org.hvlab.memory.stage2.Tlb;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Average time of one 8-byte read: (a) a plain {@code long[]} element, (b) a guest read through stage 2 that hits
 * the TLB, (c) the same guest read with a TLB too small for the working set, so most reads miss and walk the four
 * levels. All three read the same working set ({@value #WORKING_SET_PAGES} pages of 4 KiB, every word written
 * beforehand) at the same {@value #READS} precomputed random word indices (seed {@value #SEED}); the addresses
 * are built before the timed loop. {@link #tlbMissRatio()} reports the miss ratio of (c),
 * {@link #tlbHitCaseMissRatio()} that of (b).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryBench {
    public static final long SEED = 42;
    public static final int WORKING_SET_PAGES = 1024;
    public static final int READS = 4096;
    /** TLB entries for (b): as many as the working set's pages, so every read hits once warm. */
    public static final int HIT_TLB_ENTRIES = 1024;
    /** TLB entries for (c): far fewer than the working set's pages. */
    public static final int MISS_TLB_ENTRIES = 16;
    private static final long RAM_BASE = 0x4000_0000L;
    private static final int WORDS = WORKING_SET_PAGES * 512;

    private long[] array;
    private int[] indices;
    private Ipa[] addresses;
    private Host hitHost;
    private Host missHost;
    private Vm hitVm;
    private Vm missVm;

    /** The seeded word indices every case reads. */
    static int[] indices() {
        SplittableRandom r = new SplittableRandom(SEED);
        int[] idx = new int[READS];
        for (int i = 0; i < READS; i++) idx[i] = r.nextInt(WORDS);
        return idx;
    }

    /** A host whose one VM has the working set written (word i holds i). */
    static Host host(String name, int tlbEntries) {
        return Lab.host(name).memory(ByteSize.mib(64)).tlbEntries(tlbEntries).traceCapacity(0).build();
    }

    static Vm populated(Host host) {
        Vm vm = host.hypervisor().vm("bench").memory(ByteSize.pages(WORKING_SET_PAGES)).build();
        for (int w = 0; w < WORDS; w++) vm.writeLong(Ipa.of(RAM_BASE + 8L * w), w);
        return vm;
    }

    static Ipa[] addresses(int[] idx) {
        Ipa[] a = new Ipa[idx.length];
        for (int i = 0; i < idx.length; i++) a[i] = Ipa.of(RAM_BASE + 8L * idx[i]);
        return a;
    }

    @Setup(Level.Trial)
    public void setUp() {
        indices = indices();
        array = new long[WORDS];
        for (int w = 0; w < WORDS; w++) array[w] = w;
        addresses = addresses(indices);
        hitHost = host("bench-hit", HIT_TLB_ENTRIES);
        missHost = host("bench-miss", MISS_TLB_ENTRIES);
        hitVm = populated(hitHost);
        missVm = populated(missHost);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        hitHost.close();
        missHost.close();
    }

    /** (a) plain {@code long[]} reads. */
    @Benchmark
    @OperationsPerInvocation(READS)
    public long plainArray() {
        long[] a = array;
        int[] idx = indices;
        long s = 0;
        for (int i = 0; i < idx.length; i++) s += a[idx[i]];
        return s;
    }

    /** (b) guest reads through stage 2, TLB hits. */
    @Benchmark
    @OperationsPerInvocation(READS)
    public long stage2TlbHit() {
        Vm vm = hitVm;
        Ipa[] addr = addresses;
        long s = 0;
        for (int i = 0; i < addr.length; i++) s += vm.readLong(addr[i]);
        return s;
    }

    /** (c) guest reads through stage 2, mostly TLB misses (four-level walk each). */
    @Benchmark
    @OperationsPerInvocation(READS)
    public long stage2TlbMiss() {
        Vm vm = missVm;
        Ipa[] addr = addresses;
        long s = 0;
        for (int i = 0; i < addr.length; i++) s += vm.readLong(addr[i]);
        return s;
    }

    /** Prints both miss ratios as {@code name,value} lines; {@code hvlab bench memory} runs this beside JMH. */
    public static void main(String[] args) {
        System.out.println("tlb_miss_ratio_miss_case," + tlbMissRatio());
        System.out.println("tlb_miss_ratio_hit_case," + tlbHitCaseMissRatio());
    }

    /** The TLB miss ratio of case (c), measured over the same reads after one warm-up pass. */
    public static double tlbMissRatio() { return missRatio(MISS_TLB_ENTRIES); }

    /** The TLB miss ratio of case (b) (0 once warm). */
    public static double tlbHitCaseMissRatio() { return missRatio(HIT_TLB_ENTRIES); }

    private static double missRatio(int tlbEntries) {
        try (Host host = host("bench-ratio", tlbEntries)) {
            Vm vm = populated(host);
            Ipa[] addr = addresses(indices());
            Tlb tlb = host.hypervisor().tlb();
            long s = 0;
            for (Ipa a : addr) s += vm.readLong(a);
            tlb.resetCounters();
            for (int pass = 0; pass < 4; pass++) for (Ipa a : addr) s += vm.readLong(a);
            if (s == 42) throw new IllegalStateException("unreachable: keeps the reads alive");
            return tlb.missRatio();
        }
    }
}
