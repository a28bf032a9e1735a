package org.hvlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hvlab.Lab.ipa;
import static org.hvlab.Lab.kib;
import static org.hvlab.Lab.mib;

import java.util.ArrayList;
import java.util.List;
import org.hvlab.core.Ipa;
import org.hvlab.core.Pa;
import org.hvlab.memory.HostMemory;
import org.hvlab.memory.stage2.Descriptor;
import org.hvlab.memory.stage2.Fault;
import org.hvlab.memory.stage2.FaultHandler;
import org.hvlab.memory.stage2.FaultKind;
import org.hvlab.memory.stage2.S2Ap;
import org.junit.jupiter.api.Test;

class SharingTest {

    @Test
    void should_share_a_golden_image_copy_on_write_between_vms() {
        try (Host host = Lab.host("h").memory(mib(64)).build()) {
            HostMemory mem = host.memory();
            // GIVEN 4 pages of a golden image, mapped copy-on-write into three VMs
            Pa image = mem.allocate();
            for (int i = 1; i < 4; i++) mem.allocate();
            for (int i = 0; i < 4; i++) mem.writeLong(image.offset(i * 4096L), 100 + i);
            Ipa at = ipa(0x10_0000_0000L);
            List<Vm> vms = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                Vm vm = host.hypervisor().vm("vm" + v).build();
                vm.mapCopyOnWrite(at, image, kib(16));
                vms.add(vm);
            }
            for (int i = 0; i < 4; i++) mem.release(image.offset(i * 4096L)); // the mappings own the frames now
            assertThat(mem.bytesSaved()).isEqualTo(kib(4).times(8));
            assertThat(vms.get(2).readLong(at.offset(8192))).isEqualTo(102);

            // WHEN vm1 writes one page
            vms.get(1).writeLong(at.offset(8192), 7);

            // THEN only vm1 sees it, through a private copy; the others still share the frame
            assertThat(vms.get(1).readLong(at.offset(8192))).isEqualTo(7);
            assertThat(vms.get(0).readLong(at.offset(8192))).isEqualTo(102);
            assertThat(vms.get(2).readLong(at.offset(8192))).isEqualTo(102);
            assertThat(vms.get(1).memory().cowCopies()).isEqualTo(1);
            assertThat(mem.refCount(image.offset(8192))).isEqualTo(2);
            assertThat(mem.bytesSaved()).isEqualTo(kib(4).times(7));
            assertThat(vms.get(1).stage2().translate(at.offset(8192))).isPresent().get()
                    .isNotEqualTo(image.offset(8192));
        }
    }

    @Test
    void should_reuse_the_last_holders_frame_without_copying() {
        try (Host host = Lab.host("h").memory(mib(64)).build()) {
            Pa f = host.memory().allocate();
            host.memory().writeLong(f, 5);
            Vm vm = host.hypervisor().vm("vm").build();
            vm.mapCopyOnWrite(ipa(0x10_0000_0000L), f, kib(4));
            host.memory().release(f);
            vm.writeLong(ipa(0x10_0000_0008L), 6);
            assertThat(vm.memory().cowCopies()).isZero();
            assertThat(vm.stage2().translate(ipa(0x10_0000_0000L))).contains(f);
            assertThat(vm.readLong(ipa(0x10_0000_0000L))).isEqualTo(5);
        }
    }

    @Test
    void should_fault_on_a_clear_access_flag_and_set_it() {
        try (Host host = Lab.host("h").memory(mib(64)).build()) {
            Vm vm = host.hypervisor().vm("vm").build();
            Pa f = host.memory().allocate();
            host.memory().writeLong(f, 9);
            Ipa page = ipa(0x10_0000_0000L);
            vm.stage2().remap(page, new Descriptor(Descriptor.page(f, S2Ap.READ_ONLY).raw()
                    & ~Descriptor.AF));
            List<Fault> faults = new ArrayList<>();
            vm.onFault((fault, g) -> {
                faults.add(fault);
                return FaultHandler.STANDARD.handle(fault, g);
            });
            assertThat(vm.readLong(page)).isEqualTo(9);
            assertThat(faults).extracting(Fault::kind).containsExactly(FaultKind.ACCESS_FLAG);
            assertThat(faults.get(0).dfsc()).isEqualTo(0x0B);
            assertThat(vm.stage2().descriptor(page).orElseThrow().accessFlag()).isTrue();
        }
    }

    @Test
    void should_report_writes_in_the_esr() {
        try (Host host = Lab.host("h").memory(mib(64)).build()) {
            Vm vm = host.hypervisor().vm("vm").build();
            Pa ff = host.memory().allocateFilled(0xFF, true);
            vm.mapShared(ipa(0x3f00_0000L), kib(4), ff);
            List<Fault> faults = new ArrayList<>();
            vm.onFault((fault, g) -> {
                faults.add(fault);
                return FaultHandler.STANDARD.handle(fault, g);
            });
            vm.write(ipa(0x3f00_0004L), 4, 0x12345678);
            Fault f = faults.get(0);
            assertThat(f.kind()).isEqualTo(FaultKind.PERMISSION);
            assertThat(f.dfsc()).isEqualTo(0x0F);
            assertThat(f.esr() & (1 << 6)).isNotZero();
            assertThat((f.esr() >>> 22) & 3).isEqualTo(2);
            assertThat(f.value()).isEqualTo(0x12345678);
            assertThat(f.toString()).contains("permission fault L3 write 4B at 0x3f00_0004 value 0x1234_5678");
        }
    }
}
