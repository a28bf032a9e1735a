package org.hvlab;

import org.hvlab.bmc.BmcException;
import org.hvlab.bmc.bench.BenchException;
import org.hvlab.bmc.install.InstallException;
import org.hvlab.bmc.redfish.RedfishException;
import org.hvlab.core.CoreException;
import org.hvlab.dpu.DpuException;
import org.hvlab.firmware.FirmwareException;
import org.hvlab.memory.MemoryException;
import org.hvlab.pci.PciException;
import org.hvlab.core.LabException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reason codes are read by users, scripts and the command line ({@code error [memory.unmapped]: ..}): they must not
 * change when an exception class is refactored. Each list below is the codes as they were first published.
 */
class ReasonCodesTest {

    private static List<String> codes(LabException.Reason[] reasons) {
        return Arrays.stream(reasons).map(LabException.Reason::code).toList();
    }

    @Test
    void should_keep_the_published_host_codes() {
        assertThat(codes(HostException.Reason.values())).containsExactly(
                "host.bad_cpus", "host.bad_memory", "host.no_such_feature", "host.bad_setting", "host.vm_name",
                "host.closed");
    }

    @Test
    void should_keep_the_published_core_codes() {
        assertThat(codes(CoreException.Reason.values())).containsExactly(
                "core.address_range", "core.bad_size", "core.parse", "core.dataset", "core.unknown_operation",
                "core.unknown_platform", "core.bad_setting");
    }

    @Test
    void should_keep_the_published_memory_codes() {
        assertThat(codes(MemoryException.Reason.values())).containsExactly(
                "memory.frame_freed_twice", "memory.not_a_frame", "memory.out_of_memory", "memory.bad_size",
                "memory.misaligned", "memory.unmapped", "memory.permission", "memory.mmio_overlap",
                "memory.region_overlap", "memory.mapping", "memory.ipa_range", "memory.bad_table",
                "memory.vmid_exhausted", "memory.shared_frame");
    }

    @Test
    void should_keep_the_published_pci_codes() {
        assertThat(codes(PciException.Reason.values())).containsExactly(
                "pci.bdf_out_of_range", "pci.bdf_syntax", "pci.duplicate_function", "pci.bar_size",
                "pci.bar_address", "pci.bar_index", "pci.lspci_dump_syntax", "pci.lspci_dump_io",
                "pci.register_range", "pci.no_such_function", "pci.header_type", "pci.function_id",
                "pci.ecam_placement", "pci.experiment", "pci.capability");
    }

    @Test
    void should_keep_the_published_firmware_codes() {
        assertThat(codes(FirmwareException.Reason.values())).containsExactly(
                "firmware.guid_syntax", "firmware.truncated", "firmware.oversized", "firmware.wrong_guid",
                "firmware.bad_header_size", "firmware.bad_version", "firmware.bad_item_offset",
                "firmware.bad_image_index", "firmware.too_large", "firmware.unsupported", "firmware.io",
                "firmware.wrong_instance");
    }

    @Test
    void should_keep_the_published_dpu_codes() {
        assertThat(codes(DpuException.Reason.values())).containsExactly(
                "dpu.bad_magic", "dpu.bad_header", "dpu.truncated", "dpu.oversized", "dpu.hash_mismatch",
                "dpu.wrong_model", "dpu.slot_too_small", "dpu.update_in_progress", "dpu.writer_closed",
                "dpu.no_such_dpu", "dpu.catalog", "dpu.bad_setting", "dpu.io");
    }

    @Test
    void should_keep_the_published_bmc_codes() {
        assertThat(codes(BmcException.Reason.values())).containsExactly(
                "bmc.start_failed", "bmc.tls_setup", "bmc.bad_setting", "bmc.unknown_dpu", "bmc.duplicate_account");
    }

    @Test
    void should_keep_the_published_install_codes() {
        assertThat(codes(InstallException.Reason.values())).containsExactly(
                "install.server_start", "install.bad_setting", "install.publish", "install.no_dpus",
                "install.listing");
    }

    @Test
    void should_keep_the_published_redfish_codes() {
        assertThat(codes(RedfishException.Reason.values())).containsExactly(
                "redfish.http_status", "redfish.io", "redfish.not_json", "redfish.bad_path", "redfish.timeout",
                "redfish.task_failed");
    }

    @Test
    void should_keep_the_published_bench_codes() {
        assertThat(codes(BenchException.Reason.values())).containsExactly(
                "bench.bmc.tool_missing", "bench.bmc.tool_failed", "bench.bmc.parse");
    }

    @Test
    void should_build_a_code_from_prefix_and_lower_case_name() {
        assertThat(LabException.Reason.code("memory", MemoryException.Reason.VMID_EXHAUSTED))
                .isEqualTo("memory.vmid_exhausted");
    }
}
