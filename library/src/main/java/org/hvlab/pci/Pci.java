package org.hvlab.pci;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.hvlab.core.Platform;

/**
 * Entry points of the PCI model: topologies from real {@code lspci -xxxx} dumps, and the demo topology that
 * {@code ./hvlab pci dump} prints.
 */
public final class Pci {
    private Pci() {}

    /**
     * Loads a real machine's {@code lspci -xxxx} (or {@code -xxx}) output as emulated functions, so a VM can replay
     * that hardware's topology. Bytes the dump does not give read as all ones (as lspci assumes); BAR sizes are
     * bounded by their address alignment. A malformed line is a {@link PciException} naming its number.
     */
    public static PciTopology importLspciDump(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new PciException(PciException.Reason.LSPCI_DUMP_IO, "Cannot read lspci dump " + file,
                    String.valueOf(e.getMessage()), "Create it with 'sudo lspci -xxxx > " + file.getFileName() + "'");
        }
        return LspciDump.parse(text, file.toString());
    }

    /** Parses {@code lspci -xxxx} text (see {@link #importLspciDump}). */
    public static PciTopology parseLspciDump(String text) {
        return LspciDump.parse(Objects.requireNonNull(text, "text"), "lspci dump");
    }

    /**
     * The demo topology of a host or VM, plausible for the platform:
     * <ul>
     * <li>{@code rpi4}: what the BCM2711 really has, one Broadcom root port at 00:00.0 (14e4:2711) with the VIA VL805
     * USB 3 controller (1106:3483) at 01:00.0 behind it ({@code lspci -nn} on a Pi 4; OSDev wiki "Raspberry Pi 4",
     * /proc/iomem: {@code pcie@7d500000 ... 0000:01:00.0 xhci-hcd}). Its BAR sits at bus address 0xf800_0000, where
     * {@code bcm2711.dtsi}'s PCIe {@code ranges} start the outbound window (CPU address 0x6_0000_0000).</li>
     * <li>every other platform (servers such as {@code ampere-altra}, {@code server-v2m}): the host bridge at 00:00.0;
     * root ports at 00:01.0, 00:02.0, 00:03.0 with buses 1, 2, 3 behind them; the NIC at 01:00.0, the NVMe controller
     * at 02:00.0 and the two-function NIC at 03:00.0-1, BARs from 0x1000_0000. The platform names the host bridge.</li>
     * </ul>
     * BARs are assigned as firmware would.
     */
    public static PciTopology demoTopology(Platform platform) {
        if (platform.id().equals("rpi4")) {
            return new PciTopology().add(Bdf.of(0, 0, 0), PciDevices.bcm2711RootPort()).add(Bdf.of(1, 0, 0), PciDevices.vl805())
                    .assignResources(0xf800_0000L);
        }
        PciTopology t = new PciTopology();
        t.add(Bdf.of(0, 0, 0), hostBridge(platform.id() + " host bridge"));
        for (int port = 1; port <= 3; port++) t.add(Bdf.of(0, port, 0), PciDevices.rootPort(port, port));
        t.add(Bdf.of(1, 0, 0), PciDevices.nic());
        t.add(Bdf.of(2, 0, 0), PciDevices.nvme());
        t.addDevice(3, 0, PciDevices.dualPortNic());
        return t.assignResources(0x1000_0000L);
    }

    /**
     * A host's own topology: a host bridge at 00:00.0 and, for each endpoint, a root port at 00:0N.0 (N from 1, in
     * the map's order) whose secondary bus is the endpoint's bus, with resources assigned from 0x1000_0000. The
     * endpoints are used as given (not copied), so their config space is shared with whoever owns them.
     */
    public static PciTopology hostTopology(String hostBridgeName, java.util.Map<Bdf, PciFunction> endpoints) {
        PciTopology t = new PciTopology();
        t.add(Bdf.of(0, 0, 0), hostBridge(hostBridgeName));
        int port = 1;
        for (var e : endpoints.entrySet()) {
            int bus = e.getKey().bus();
            t.add(Bdf.of(0, port++, 0), PciDevices.rootPort(bus, bus));
            t.add(e.getKey(), e.getValue());
        }
        return t.assignResources(0x1000_0000L);
    }

    private static PciFunction hostBridge(String name) {
        return PciFunction.endpoint(name, PciDevices.VENDOR_REDHAT_QEMU, 0x0008).classCode(0x060000).build();
    }

    /** The demo topology of catalog platform {@code platformId} (e.g. {@code "ampere-altra"}). */
    public static PciTopology demoTopology(String platformId) {
        return demoTopology(Platform.of(platformId));
    }
}
