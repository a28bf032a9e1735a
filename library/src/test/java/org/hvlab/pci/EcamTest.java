package org.hvlab.pci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.hvlab.core.ByteSize;
import org.hvlab.core.CostModel;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.core.Provenance;
import org.hvlab.core.SimClock;
import org.hvlab.core.Trace;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.stage2.Descriptor;
import org.hvlab.memory.stage2.GuestMemory;
import org.hvlab.memory.stage2.Tlb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EcamTest {
    private final HostMemory host = new HostMemory(ByteSize.gib(4));
    private final SimClock clock = new SimClock(3_000_000_000L, CostModel.load("ampere-altra"));
    private final Trace trace = new Trace(clock, Provenance.current(Instant.EPOCH), 16);
    private final Tlb tlb = new Tlb(256);
    private final Pa zero = host.allocate();
    private final NoFunctionPage page = NoFunctionPage.reserve(host);
    private int vmids;

    private GuestMemory vm() {
        vmids++;
        return new GuestMemory("vm" + vmids, vmids, host, tlb, clock, trace, zero);
    }

    private Ecam ecam(AbsentFunctionStrategy s, int buses) {
        return Ecam.builder(vm(), clock).buses(buses).topology(Pci.demoTopology("ampere-altra")).strategy(s).noFunctionPage(page).attach();
    }

    @ParameterizedTest
    @EnumSource(value = AbsentFunctionStrategy.class, names = "TRAP_AND_EMULATE", mode = EnumSource.Mode.EXCLUDE)
    void should_read_absent_functions_as_all_ones_without_an_exit(AbsentFunctionStrategy s) {
        Ecam e = ecam(s, 16);
        long exits = e.memory().exits();
        assertThat(e.read(Bdf.of(7, 3, 2), Header.VENDOR_ID, 2)).isEqualTo(0xffff);
        assertThat(e.read(Bdf.of(15, 31, 7), 0xffc, 4)).isEqualTo(-1);
        assertThat(e.memory().exits()).isEqualTo(exits);
    }

    @Test
    void should_trap_every_absent_access_under_trap_and_emulate() {
        Ecam e = ecam(AbsentFunctionStrategy.TRAP_AND_EMULATE, 16);
        long exits = e.memory().exits();
        assertThat(e.read(Bdf.of(7, 3, 2), Header.VENDOR_ID, 2)).isEqualTo(0xffff);
        assertThat(e.memory().exits()).isEqualTo(exits + 1);
        assertThat(e.memory().stage2().descriptor(e.window().address(Bdf.of(7, 3, 2), 0))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AbsentFunctionStrategy.class)
    void should_keep_present_functions_trapped_to_their_device_model(AbsentFunctionStrategy s) {
        Ecam e = ecam(s, 16);
        long exits = e.memory().exits();
        assertThat(e.read(Bdf.of(2, 0, 0), Header.VENDOR_ID, 4)).isEqualTo(0x0010_1b36);
        e.write(Bdf.of(2, 0, 0), Header.INTERRUPT_LINE, 1, 33);
        assertThat(e.topology().require(Bdf.of(2, 0, 0)).read(Header.INTERRUPT_LINE, 1)).isEqualTo(33);
        assertThat(e.memory().exits()).isEqualTo(exits + 2);
        assertThat(e.memory().stage2().descriptor(e.window().address(Bdf.of(2, 0, 0), 0))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(AbsentFunctionStrategy.class)
    void should_drop_writes_to_absent_functions_and_leave_the_ff_page_all_ff(AbsentFunctionStrategy s) {
        Ecam e = ecam(s, 4);
        Bdf absent = Bdf.of(1, 5, 0);
        long exits = e.memory().exits();
        e.write(absent, Header.VENDOR_ID, 4, 0);
        e.write(absent, Header.COMMAND, 2, 0x0006);
        e.write(absent, 0x3c, 1, 0x12);
        e.memory().write(e.window().address(absent, 0x100), 8, 0L);
        assertThat(e.memory().exits()).isEqualTo(exits + 4);
        assertThat(page.intact()).isTrue();
        assertThat(e.read(absent, Header.VENDOR_ID, 4)).isEqualTo(-1);
        assertThat(e.read(absent, 0x3c, 1)).isEqualTo(0xff);
    }

    @Test
    void should_map_absent_pages_to_the_one_ff_frame_read_only() {
        Ecam e = ecam(AbsentFunctionStrategy.SHARED_PAGE, 4);
        Descriptor d = e.memory().stage2().descriptor(e.window().address(Bdf.of(1, 9, 0), 0)).orElseThrow();
        assertThat(d.raw()).isEqualTo(page.frame().value() | 0x77f);
    }

    @Test
    void should_share_one_leaf_table_between_vms_for_stretches_without_functions() {
        Ecam a = ecam(AbsentFunctionStrategy.SHARED_LEAF_TABLE, 256);
        Ecam b = ecam(AbsentFunctionStrategy.SHARED_LEAF_TABLE, 256);
        Ipa empty = a.window().address(Bdf.of(100, 0, 0), 0);
        Ipa populated = a.window().address(Bdf.of(0, 0, 0), 0);
        assertThat(a.memory().stage2().tableAt(empty, 3)).hasValue(page.leafTable());
        assertThat(b.memory().stage2().tableAt(empty, 3)).hasValue(page.leafTable());
        assertThat(a.memory().stage2().tableAt(populated, 3)).isNotEqualTo(b.memory().stage2().tableAt(populated, 3));
        assertThat(host.refCount(page.leafTable())).isEqualTo(1 + 2 * 126); // the page's own + 126 empty stretches per VM
        a.memory().destroy();
        b.memory().destroy();
        assertThat(host.refCount(page.leafTable())).isEqualTo(1);
        assertThat(page.intact()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(AbsentFunctionStrategy.class)
    void should_trap_a_hot_plugged_function_and_give_its_page_back_on_unplug(AbsentFunctionStrategy s) {
        // GIVEN two VMs sharing the host's pages
        Ecam a = ecam(s, 256);
        Ecam b = ecam(s, 256);
        Bdf slot = Bdf.of(100, 0, 0);
        Ipa stretch = a.window().address(slot, 0);
        // WHEN a NIC is plugged into VM a only
        a.plug(slot, PciDevices.nic());
        // THEN VM a exits to the NIC's model, VM b still reads all ones, and the shared pages are untouched
        long exits = a.memory().exits();
        assertThat(a.read(slot, Header.VENDOR_ID, 2)).isEqualTo(0x8086);
        assertThat(a.memory().exits()).isEqualTo(exits + 1);
        assertThat(b.read(slot, Header.VENDOR_ID, 2)).isEqualTo(0xffff);
        if (s == AbsentFunctionStrategy.SHARED_LEAF_TABLE) {
            assertThat(a.memory().stage2().tableAt(stretch, 3)).isNotEqualTo(java.util.Optional.of(page.leafTable()));
            assertThat(b.memory().stage2().tableAt(stretch, 3)).hasValue(page.leafTable());
        }
        assertThat(page.intact()).isTrue();
        // WHEN it is unplugged THEN the slot reads as absent again (without an exit unless trapping)
        a.unplug(slot);
        exits = a.memory().exits();
        assertThat(a.read(slot, Header.VENDOR_ID, 2)).isEqualTo(0xffff);
        assertThat(a.memory().exits() - exits).isEqualTo(s == AbsentFunctionStrategy.TRAP_AND_EMULATE ? 1 : 0);
        assertThatThrownBy(() -> a.unplug(slot)).hasMessageContaining("No function at 64:00.0");
    }

    @Test
    void should_charge_a_user_space_exit_per_emulated_access_when_asked() {
        Ecam kernel = ecam(AbsentFunctionStrategy.TRAP_AND_EMULATE, 4);
        Ecam user = Ecam.builder(vm(), clock).buses(4).topology(Pci.demoTopology("ampere-altra")).userSpaceVmm(true)
                .strategy(AbsentFunctionStrategy.TRAP_AND_EMULATE).noFunctionPage(page).attach();
        long c0 = clock.cycles();
        kernel.read(Bdf.of(3, 9, 0), 0, 4);
        long inKernel = clock.cycles() - c0;
        long c1 = clock.cycles();
        user.read(Bdf.of(3, 9, 0), 0, 4);
        assertThat(clock.cycles() - c1 - inKernel).isEqualTo(clock.costs().cycles("mmio_exit_user"));
        assertThat(user.toText()).contains("user-space VMM");
    }

    @Test
    void should_meet_the_issue_footprints_for_a_256_bus_window_with_one_device() {
        // GIVEN one NIC at 00:01.0 and ten VMs per shared strategy
        EcamExperiment x = EcamExperiment.on("ampere-altra").buses(256);
        EcamFootprint leaf = x.footprint(AbsentFunctionStrategy.SHARED_LEAF_TABLE, 10, 256);
        EcamFootprint shared = x.footprint(AbsentFunctionStrategy.SHARED_PAGE, 10, 256);
        EcamFootprint trap = x.footprint(AbsentFunctionStrategy.TRAP_AND_EMULATE, 10, 256);
        // THEN the shared leaf table stays within 16 KiB per VM and the shared page pays ~0.5 MiB of leaf tables
        assertThat(leaf.perVm().bytes()).isLessThanOrEqualTo(ByteSize.kib(16).bytes());
        assertThat(leaf.sharedPages()).isEqualTo(2); // the 0xFF frame and the shared leaf table
        assertThat(shared.perVm().bytes()).isBetween(ByteSize.kib(512).bytes(), ByteSize.kib(520).bytes());
        assertThat(trap.total()).isEqualTo(ByteSize.ZERO);
        assertThat(x.footprint(AbsentFunctionStrategy.SHARED_LEAF_TABLE, 1, 256).perVm()).isEqualTo(ByteSize.kib(16));
    }

    @Test
    void should_spend_a_frame_per_absent_function_with_per_function_pages() {
        EcamExperiment x = EcamExperiment.on("ampere-altra").buses(8).measureBudget(ByteSize.mib(16));
        EcamFootprint two = x.footprint(AbsentFunctionStrategy.PER_FUNCTION_PAGES, 2, 8);
        assertThat(two.measured()).isTrue();
        assertThat(two.leafPages()).isEqualTo(2 * (8 * 256 - 1));
        assertThat(two.tablePages()).isEqualTo(2 * (1 + 4));
        EcamFootprint many = x.footprint(AbsentFunctionStrategy.PER_FUNCTION_PAGES, 100, 8);
        assertThat(many.measured()).isFalse();
        assertThat(many.perVm()).isEqualTo(two.perVm());
    }

    @Test
    void should_brute_force_256_buses_with_no_absent_exits_under_shared_strategies() {
        for (AbsentFunctionStrategy s : new AbsentFunctionStrategy[] {AbsentFunctionStrategy.SHARED_PAGE, AbsentFunctionStrategy.SHARED_LEAF_TABLE}) {
            EnumerationResult r = ecam(s, 256).enumerate(EnumerationMode.BRUTE_FORCE);
            assertThat(r.functions()).hasSize(8);
            assertThat(r.configReads()).isEqualTo(65_536 + 8 * 2);
            assertThat(r.absentExits()).isZero();
            assertThat(r.exits()).isEqualTo(r.presentExits()).isEqualTo(8 * 3);
        }
        EnumerationResult trap = ecam(AbsentFunctionStrategy.TRAP_AND_EMULATE, 256).enumerate(EnumerationMode.BRUTE_FORCE);
        assertThat(trap.absentExits()).isEqualTo(65_536 - 8);
        assertThat(trap.exits()).isEqualTo(trap.configReads());
        assertThat(trap.table().rowCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(AbsentFunctionStrategy.class)
    void should_find_the_same_functions_by_os_scan_under_every_strategy(AbsentFunctionStrategy s) {
        EnumerationResult r = ecam(s, 8).enumerate(EnumerationMode.OS_SCAN, () -> 0L);
        assertThat(r.functions()).containsExactlyElementsOf(
                Enumerator.scan(ConfigAccess.of(Pci.demoTopology("ampere-altra")), EnumerationMode.OS_SCAN, 0, 7).functions());
        assertThat(r.emulatorNanos()).isZero();
        assertThat(r.absentExits()).isEqualTo(s == AbsentFunctionStrategy.TRAP_AND_EMULATE ? r.exits() - r.presentExits() : 0);
    }

    @Test
    void should_refuse_bad_placements_with_what_to_do() {
        assertThatThrownBy(() -> new EcamWindow(Ipa.of(0x4010_0000_0L + 0x10_0000), 0, 15)).hasMessageContaining("2 MiB");
        assertThatThrownBy(() -> EcamWindow.of(0)).hasMessageContaining("0..-1");
        assertThatThrownBy(() -> Ecam.builder(vm(), clock).buses(2).topology(Pci.demoTopology("ampere-altra")).noFunctionPage(page).attach())
                .hasMessageContaining("02:00.0").hasMessageContaining("buses(3)");
        assertThatThrownBy(() -> Ecam.builder(vm(), clock).attach()).hasMessageContaining("NoFunctionPage.reserve");
        HostMemory other = new HostMemory(ByteSize.mib(16));
        assertThatThrownBy(() -> Ecam.builder(vm(), clock).noFunctionPage(NoFunctionPage.reserve(other)))
                .hasMessageContaining("another host");
    }
}
