package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class PciPropertiesTest {

    @Property
    void read_after_write_honours_the_write_masks(@ForAll("spaces") ConfigSpace cs, @ForAll @IntRange(min = 0, max = 1023) int dword,
                                                  @ForAll("widths") int width, @ForAll int value) {
        int offset = dword * 4 / width * width;
        int before = cs.read(offset, width);
        int rw = cs.writeMask(offset, width);
        int w1c = cs.clearMask(offset, width);
        cs.write(offset, width, value);
        int after = cs.read(offset, width);
        int widthMask = width == 4 ? -1 : (1 << 8 * width) - 1;
        int ro = ~(rw | w1c) & widthMask;
        if (offset >= cs.size()) {
            assertThat(after).isEqualTo(before);
            return;
        }
        assertThat(after & ro).isEqualTo(before & ro);
        assertThat(after & rw).isEqualTo(value & rw);
        assertThat(after & w1c).isEqualTo(before & w1c & ~value);
    }

    @Provide
    Arbitrary<ConfigSpace> spaces() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofSize(64);
        return Combinators.combine(Arbitraries.of(256, 4096), bytes, bytes, bytes, Arbitraries.integers().between(0, 63))
                .as((size, content, rw, w1c, block) -> {
                    ConfigSpace cs = new ConfigSpace(size);
                    int base = Math.min(block * 64, size - 64);
                    for (int i = 0; i < 64; i++) {
                        cs.preset(base + i, 1, content[i]).writable(base + i, 1, rw[i] & 0xff).clearOnWrite(base + i, 1, w1c[i] & ~rw[i] & 0xff);
                    }
                    return cs;
                });
    }

    @Provide
    Arbitrary<Integer> widths() {
        return Arbitraries.of(1, 2, 4);
    }

    @Property
    void bar_sizing_finds_any_power_of_two_size(@ForAll @IntRange(min = 4, max = 62) int log2, @ForAll("kinds") Bar.Kind kind,
                                                @ForAll boolean prefetchable, @ForAll @IntRange(min = 0, max = 4) int index) {
        long size = 1L << log2;
        if (kind == Bar.Kind.MEMORY32 && log2 > 31 || kind == Bar.Kind.IO && log2 > 8) return;
        Bar bar = new Bar(kind, org.hvlab.core.ByteSize.ofBytes(size), prefetchable && kind != Bar.Kind.IO, kind == Bar.Kind.MEMORY64 ? size * 3 & Long.MAX_VALUE & -size : 0);
        PciFunction f = PciFunction.endpoint("p", 0x1b36, 1).bar(index, bar).build();
        assertThat(Bar.probe(f.config(), index)).hasValue(bar);
        assertThat(f.bars()).containsExactly(bar);
    }

    @Provide
    Arbitrary<Bar.Kind> kinds() {
        return Arbitraries.of(Bar.Kind.class);
    }

    @Property
    void msi_encode_then_decode_round_trips(@ForAll @IntRange(min = 0, max = 5) int log2, @ForAll boolean wide, @ForAll boolean maskable,
                                            @ForAll boolean enabled, @ForAll @IntRange(min = 0, max = 5) int granted,
                                            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long address, @ForAll @IntRange(min = 0, max = 0xffff) int data,
                                            @ForAll int mask, @ForAll int pending, @ForAll @IntRange(min = 0x10, max = 0x3a) int dwordSlot) {
        int vectorBits = log2 >= 5 ? -1 : (1 << (1 << log2)) - 1;
        MsiCapability msi = new MsiCapability(log2, wide, maskable, enabled, Math.min(granted, log2),
                (wide ? address : address & 0xffff_ffffL) & ~3L, data, maskable ? mask & vectorBits : 0, maskable ? pending & vectorBits : 0);
        ConfigSpace cs = new ConfigSpace(ConfigSpace.CONVENTIONAL_SIZE);
        int offset = Math.min(dwordSlot * 4, 0x100 - msi.length() & ~3);
        msi.install(cs, offset, 0);
        assertThat(MsiCapability.decode(cs, offset)).isEqualTo(msi);
    }

    @Property
    void msix_encode_then_decode_round_trips(@ForAll @IntRange(min = 1, max = 2048) int size, @ForAll @IntRange(min = 0, max = 5) int bir,
                                             @ForAll @LongRange(min = 0, max = 0x1fff_ffffL) long tableQwords,
                                             @ForAll @IntRange(min = 0, max = 5) int pbaBir, @ForAll @LongRange(min = 0, max = 0x1fff_ffffL) long pbaQwords,
                                             @ForAll boolean enabled, @ForAll boolean functionMask) {
        MsixCapability x = new MsixCapability(size, bir, tableQwords * 8, pbaBir, pbaQwords * 8, enabled, functionMask);
        ConfigSpace cs = new ConfigSpace(ConfigSpace.EXPRESS_SIZE);
        x.install(cs, 0x70, 0);
        assertThat(MsixCapability.decode(cs, 0x70)).isEqualTo(x);
    }

    @Property
    void ecam_address_decodes_back_to_its_function(@ForAll @IntRange(min = 0, max = 255) int bus, @ForAll @IntRange(min = 0, max = 31) int dev,
                                                   @ForAll @IntRange(min = 0, max = 7) int fn, @ForAll @IntRange(min = 0, max = 0xfff) int reg,
                                                   @ForAll @IntRange(min = 0, max = 255) int first,
                                                   @ForAll @IntRange(min = 0, max = 0xffff) int segment) {
        if (bus < first) return;
        EcamWindow w = new EcamWindow(EcamWindow.DEFAULT_BASE, first, 255, segment);
        Bdf bdf = new Bdf(segment, bus, dev, fn);
        assertThat(w.contains(new Bdf(segment ^ 1, bus, dev, fn))).isFalse();
        org.hvlab.core.Ipa ipa = w.address(bdf, reg);
        assertThat(w.functionAt(ipa)).hasValue(bdf);
        assertThat(ipa.value() & 0xfff).isEqualTo(reg);
        assertThat(ipa.value() - w.base().value()).isEqualTo(bdf.ecamOffset() - ((long) first << 20) | reg);
    }

    @Property(tries = 200)
    void writes_to_absent_functions_never_reach_the_ff_page(@ForAll("strategies") AbsentFunctionStrategy s,
                                                           @ForAll @IntRange(min = 0, max = 1) int bus, @ForAll @IntRange(min = 2, max = 31) int dev,
                                                           @ForAll @IntRange(min = 0, max = 7) int fn, @ForAll @IntRange(min = 0, max = 0x3ff) int dword,
                                                           @ForAll("widths") int width, @ForAll int value) {
        org.hvlab.memory.HostMemory host = new org.hvlab.memory.HostMemory(org.hvlab.core.ByteSize.mib(64));
        org.hvlab.core.SimClock clock = new org.hvlab.core.SimClock(1_000_000_000L, org.hvlab.core.CostModel.load("rpi4"));
        org.hvlab.core.Trace trace = new org.hvlab.core.Trace(clock, org.hvlab.core.Provenance.current(java.time.Instant.EPOCH), 4);
        org.hvlab.memory.stage2.GuestMemory vm = new org.hvlab.memory.stage2.GuestMemory("vm", 1, host,
                new org.hvlab.memory.stage2.Tlb(16), clock, trace, host.allocate());
        NoFunctionPage page = NoFunctionPage.reserve(host);
        Ecam ecam = Ecam.builder(vm, clock).buses(2).topology(EcamExperiment.oneDevice()).strategy(s).noFunctionPage(page).attach();
        Bdf absent = Bdf.of(bus, dev, fn);
        int register = dword * 4 / width * width;
        ecam.write(absent, register, width, value);
        assertThat(page.intact()).isTrue();
        assertThat(ecam.read(absent, register, width)).isEqualTo(width == 4 ? -1 : (1 << 8 * width) - 1);
    }

    @Provide
    Arbitrary<AbsentFunctionStrategy> strategies() {
        return Arbitraries.of(AbsentFunctionStrategy.class);
    }
}
