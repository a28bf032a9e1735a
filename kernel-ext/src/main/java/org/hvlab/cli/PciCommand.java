package org.hvlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hvlab.core.Platform;
import org.hvlab.pci.Pci;
import org.hvlab.pci.PciTopology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hvlab pci ...}: the PCI model's artefacts: config-space dumps that {@code lspci -F} reads. */
@Command(name = "pci", mixinStandardHelpOptions = true,
        description = "PCI config space: print a platform's demo topology as an lspci -xxxx dump, or read one.",
        subcommands = {PciCommand.Dump.class, PciCommand.Show.class})
public final class PciCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code hvlab pci dump [--platform ID] [--out FILE]}. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = {"Print the demo topology of a platform as 'lspci -xxxx' text; check it with 'lspci -F FILE -vvv'.",
                    "rpi4: the BCM2711's one root port (14e4:2711) and the VIA VL805 USB 3 controller (1106:3483) behind it;",
                    "servers (ampere-altra, server-v2m, ...): three root ports with NICs and an NVMe controller.",
                    "--host: the host's own topology instead, each of the platform's DPUs behind a root port."})
    static final class Dump implements Callable<Integer> {
        @Option(names = "--platform", paramLabel = "ID",
                description = "Platform catalog id (default: the catalog's default platform).")
        String platform;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the dump to FILE instead of standard output.")
        Path out;

        @Option(names = "--host", description = "The host's own topology (host.pci()): its DPUs' functions.")
        boolean host;

        @Override
        public Integer call() throws IOException {
            Platform p = platform == null ? Platform.defaultPlatform() : Platform.of(platform);
            String dump;
            if (host) {
                try (org.hvlab.Host h = org.hvlab.Lab.host("pci-dump").platform(p.id()).build()) {
                    dump = h.pci().lspciDump();
                }
            } else {
                dump = Pci.demoTopology(p).lspciDump();
            }
            if (out == null) {
                System.out.print(dump);
            } else {
                Files.writeString(out, dump);
                System.out.println("wrote " + out + "; decode it with: lspci -F " + out + " -vvv");
            }
            return 0;
        }
    }

    /** {@code hvlab pci show FILE}: imports a real machine's dump and prints its functions. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Read an 'lspci -xxxx' dump (yours, or one from 'pci dump') and print its functions as a table.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The dump, e.g. from 'sudo lspci -xxxx > host.lspci'.")
        Path file;

        @Override
        public Integer call() {
            PciTopology topology = Pci.importLspciDump(file);
            System.out.println(topology.table().printAll());
            return 0;
        }
    }
}
