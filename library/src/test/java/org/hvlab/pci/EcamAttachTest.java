package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.hvlab.core.ByteSize;
import org.hvlab.core.CostModel;
import org.hvlab.core.Pa;
import org.hvlab.core.Provenance;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.stage2.GuestMemory;
import org.hvlab.memory.stage2.Tlb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Attaching an ECAM is all or nothing: a refused attach leaves host frames, stage 2 and the MMIO bus as they were. */
class EcamAttachTest {
    private final SimClock clock = new SimClock(3_000_000_000L, CostModel.load("ampere-altra"));
    private final Trace trace = new Trace(clock, Provenance.current(Instant.EPOCH), 16);
    private final Tlb tlb = new Tlb(256);

    private static GuestMemory vm(HostMemory host, SimClock clock, Trace trace, Tlb tlb) {
        return new GuestMemory("vm1", 1, host, tlb, clock, trace, host.allocate());
    }

    @Test
    void should_leave_frames_stage2_and_bus_untouched_when_per_function_pages_do_not_fit_and_allow_a_retry() {
        // GIVEN a 64 MiB host (16k frames) and a VM asking for a 256-bus window of private 0xFF frames (64k of them)
        HostMemory host = new HostMemory(ByteSize.mib(64));
        NoFunctionPage page = NoFunctionPage.reserve(host);
        GuestMemory vm = vm(host, clock, trace, tlb);
        long frames = host.framesInUse();
        int regions = vm.mmio().regions().size();
        long leaves = vm.stage2().mappedPages();
        // WHEN it attaches
        assertThatThrownBy(() -> Ecam.builder(vm, clock).buses(256).topology(Pci.demoTopology("ampere-altra"))
                .strategy(AbsentFunctionStrategy.PER_FUNCTION_PAGES).noFunctionPage(page).attach())
                .isInstanceOf(PciException.class)
                .hasMessageContaining("PER_FUNCTION_PAGES")
                .hasMessageContaining("frames")
                .hasMessageContaining("SHARED_PAGE");
        // THEN nothing stayed behind
        assertThat(host.framesInUse()).isEqualTo(frames);
        assertThat(vm.mmio().regions()).hasSize(regions);
        assertThat(vm.stage2().mappedPages()).isEqualTo(leaves);
        // AND a retry with the shared page attaches the same window
        Ecam e = Ecam.builder(vm, clock).buses(256).topology(Pci.demoTopology("ampere-altra"))
                .strategy(AbsentFunctionStrategy.SHARED_PAGE).noFunctionPage(page).attach();
        assertThat(e.read(Bdf.of(200, 1, 0), Header.VENDOR_ID, 2)).isEqualTo(0xffff);
        assertThat(vm.mmio().regions()).hasSize(regions + 1);
    }

    @ParameterizedTest
    @EnumSource(AbsentFunctionStrategy.class)
    void should_use_exactly_the_frames_it_checked_for(AbsentFunctionStrategy s) {
        // GIVEN a host whose free frames are exactly what the attach needs
        HostMemory probe = new HostMemory(ByteSize.mib(64));
        NoFunctionPage probePage = NoFunctionPage.reserve(probe);
        GuestMemory probeVm = vm(probe, clock, trace, tlb);
        EcamWindow w = EcamWindow.of(9);
        Ecam.Builder b = Ecam.builder(probeVm, clock).window(w).topology(Pci.demoTopology("ampere-altra")).strategy(s)
                .noFunctionPage(probePage);
        long needed = b.framesNeeded();
        long before = probe.framesInUse();
        b.attach();
        // THEN the count is exact, not a bound
        assertThat(probe.framesInUse() - before).isEqualTo(needed);
    }

    @Test
    void should_undo_a_half_done_attach_keeping_only_the_stage2_tables_above_the_window() {
        // GIVEN a window put on the bus and half mapped, as an attach that failed midway leaves it
        HostMemory host = new HostMemory(ByteSize.mib(64));
        NoFunctionPage page = NoFunctionPage.reserve(host);
        GuestMemory vm = vm(host, clock, trace, tlb);
        EcamWindow w = EcamWindow.of(4);
        long frames = host.framesInUse();
        int tables = vm.stage2().tableFrames().size();
        String region = "pci-ecam@" + w.base();
        vm.attach(region, w.base(), w.size(), new EcamDevice(w, new PciTopology(), clock, false));
        AbsentFunctionStrategy.PER_FUNCTION_PAGES.map(vm.stage2(), w, new PciTopology(), page);
        assertThat(host.framesInUse() - frames).isGreaterThan(4 * 256);
        // WHEN it is rolled back
        EcamAttach.rollback(vm, w, region);
        // THEN the bus and the window's pages are as before; only the level-1/2 tables the VM keeps for that range stay
        assertThat(vm.mmio().regions()).isEmpty();
        assertThat(vm.stage2().mappedPages()).isZero();
        int upper = vm.stage2().tableFrames().size() - tables;
        assertThat(upper).isBetween(0, 2);
        assertThat(host.framesInUse()).isEqualTo(frames + upper);
        assertThat(page.intact()).isTrue();
        // AND the same window attaches afterwards
        assertThat(Ecam.builder(vm, clock).window(w).noFunctionPage(page).attach().read(Bdf.of(3, 0, 0), 0, 2)).isEqualTo(0xffff);
    }

    @Test
    void should_refuse_a_window_over_pages_the_vm_already_maps_without_touching_them() {
        HostMemory host = new HostMemory(ByteSize.mib(64));
        NoFunctionPage page = NoFunctionPage.reserve(host);
        GuestMemory vm = vm(host, clock, trace, tlb);
        Pa frame = host.allocate();
        vm.map(EcamWindow.DEFAULT_BASE.offset(5L << 20), frame, ByteSize.PAGE, org.hvlab.memory.stage2.S2Ap.READ_WRITE);
        long frames = host.framesInUse();
        assertThatThrownBy(() -> Ecam.builder(vm, clock).buses(16).noFunctionPage(page).attach())
                .isInstanceOf(PciException.class).hasMessageContaining("already maps");
        assertThat(host.framesInUse()).isEqualTo(frames);
        assertThat(vm.stage2().translate(EcamWindow.DEFAULT_BASE.offset(5L << 20))).contains(frame);
        assertThat(vm.mmio().regions()).isEmpty();
    }
}
