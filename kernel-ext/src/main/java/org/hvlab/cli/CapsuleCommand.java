package org.hvlab.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hvlab.dpu.DpuImage;
import org.hvlab.dpu.DpuImageCatalog;
import org.hvlab.dpu.ImageCheck;
import org.hvlab.firmware.Capsule;
import org.hvlab.firmware.CapsuleBuilder;
import org.hvlab.firmware.CapsuleImage;
import org.hvlab.firmware.Guid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hvlab capsule wrap|inspect|image}: UEFI capsules for DPU management OS images. {@code wrap} builds the FMP
 * capsule (byte-identical to U-Boot's mkeficapsule for the same settings) or the plain one; {@code inspect} prints
 * every header field and verifies a DPU image inside; {@code image} writes a DPU image from the catalog.
 */
@Command(name = "capsule", mixinStandardHelpOptions = true,
        description = "UEFI capsules for DPU management OS images (wrap, inspect, image).",
        subcommands = {CapsuleCommand.Wrap.class, CapsuleCommand.Inspect.class, CapsuleCommand.Image.class})
public final class CapsuleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code hvlab capsule wrap --image FILE [--plain] [--index N] [--instance N] [--out FILE]}. */
    @Command(name = "wrap", mixinStandardHelpOptions = true,
            description = "Wrap a DPU management OS image in a UEFI capsule (FMP by default, as mkeficapsule does).")
    static final class Wrap implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--image", required = true, paramLabel = "FILE", description = "The image to wrap.")
        Path image;

        @Option(names = "--out", paramLabel = "FILE", description = "The capsule file (default: IMAGE.cap).")
        Path out;

        @Option(names = "--plain", description = "A plain capsule whose CapsuleGuid is the image GUID "
                + "(the patent's claim 7) instead of an FMP capsule.")
        boolean plain;

        @Option(names = "--guid", paramLabel = "GUID", description = "Image type GUID (default: the DPU management OS "
                + "image GUID ${DEFAULT-VALUE}).", defaultValue = "3f1b7c5e-8d2a-4e6b-9a41-0c7d2e5f9b10")
        String guid;

        @Option(names = "--index", paramLabel = "N", converter = CNumber.class,
                description = "FMP UpdateImageIndex, 1..255 (default 1).")
        Long index;

        @Option(names = "--instance", paramLabel = "N", converter = CNumber.class,
                description = "FMP UpdateHardwareInstance (default 0: every instance); decimal, 0x hex or 0 octal, "
                        + "as mkeficapsule reads it. A DPU's is its PCIe segment and routing ID (0x300 for 0000:03:00.0),"
                        + " shown as Oem.Hvlab.FmpHardwareInstance on its Redfish system.")
        Long instance;

        @Option(names = "--header-size", paramLabel = "28|32", description = "EFI_CAPSULE_HEADER.HeaderSize: 28 "
                + "(mkeficapsule, default) or 32 (edk2).", defaultValue = "28")
        int headerSize;

        @Option(names = "--image-header-version", paramLabel = "2|3", description = "FMP image header version: "
                + "3 (mkeficapsule, default) or 2 (edk2).")
        Integer imageHeaderVersion;

        @Override
        public Integer call() {
            if (!Files.isReadable(image)) {
                throw new CliException("cannot read image " + image, "the file does not exist or is not readable",
                        "Give an image file, e.g. one made by ./hvlab capsule image --catalog bf2-4.5.0 --out dpu.img");
            }
            Guid g = Guid.parse(guid);
            CapsuleBuilder b = plain ? Capsule.plain(g) : Capsule.fmp(g);
            // out of int range is out of 1..255 too: the builder says so
            if (index != null) b.index((int) Math.max(Integer.MIN_VALUE, Math.min(index, Integer.MAX_VALUE)));
            if (instance != null) b.instance(instance);
            if (imageHeaderVersion != null) b.imageHeaderVersion(imageHeaderVersion);
            b.headerSize(headerSize).payload(image);
            Path target = out != null ? out : image.resolveSibling(image.getFileName() + ".cap");
            Capsule c = b.writeTo(target);
            PrintWriter w = spec.commandLine().getOut();
            w.println("wrote " + target + " (" + c.totalBytes() + " bytes)");
            w.println(c.toText());
            w.flush();
            return 0;
        }
    }

    /**
     * An unsigned 64-bit number as C's {@code strtoul(s, NULL, 0)} reads it, as mkeficapsule does: decimal, 0x hex or
     * 0 octal, an optional leading +. Stricter than C where C would silently read a prefix: trailing junk, a bare
     * {@code 0x} and negative numbers are refused.
     */
    static final class CNumber implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String s = value.strip();
            if (s.startsWith("+")) s = s.substring(1);
            int radix = 10;
            if (s.startsWith("0x") || s.startsWith("0X")) {
                radix = 16;
                s = s.substring(2);
            } else if (s.length() > 1 && s.startsWith("0")) {
                radix = 8;
                s = s.substring(1);
            }
            try {
                if (s.isEmpty() || s.startsWith("-") || s.startsWith("+")) throw new NumberFormatException(value);
                return Long.parseUnsignedLong(s, radix);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an unsigned 64-bit number: write"
                        + " it in decimal (768), hex (0x300) or octal with a leading 0 (01400)");
            }
        }
    }

    /** {@code hvlab capsule inspect FILE}. */
    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "Print a capsule's header fields and verify the DPU management OS image it carries.")
    static final class Inspect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The capsule file.")
        Path file;

        @Override
        public Integer call() throws Exception {
            Capsule c = Capsule.read(file);
            PrintWriter w = spec.commandLine().getOut();
            w.println(file + ": " + c.toText());
            int rc = 0;
            if (c.carries(Guid.DPU_MANAGEMENT_OS_IMAGE)) {
                CapsuleImage img = c.dpuImage();
                ImageCheck check;
                try (InputStream in = img.openStream(file)) {
                    check = DpuImage.verify(in);
                }
                w.println("DPU management OS image: " + check.status() + " - " + check.detail());
                check.image().ifPresent(i -> w.println("  " + i.toText()));
                if (!check.valid()) rc = 1;
            } else {
                w.println("no DPU management OS image (type " + Guid.DPU_MANAGEMENT_OS_IMAGE + ") in this capsule");
            }
            w.flush();
            return rc;
        }
    }

    /** {@code hvlab capsule image --catalog ID --out FILE}. */
    @Command(name = "image", mixinStandardHelpOptions = true,
            description = "Write a DPU management OS image (header + seeded payload) from the catalog or from settings.")
    static final class Image implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--catalog", paramLabel = "ID", description = "An id from datasets/dpu-images.csv.")
        String catalogId;

        @Option(names = "--model", defaultValue = "BlueField-2", description = "Model (default ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--os-version", defaultValue = "1.0.0", description = "Management OS version (default ${DEFAULT-VALUE}).")
        String version;

        @Option(names = "--build", defaultValue = "hvlab", description = "Build string (default ${DEFAULT-VALUE}).")
        String build;

        @Option(names = "--size", defaultValue = "1048576", paramLabel = "BYTES",
                description = "Payload bytes (default ${DEFAULT-VALUE}).")
        long size;

        @Option(names = "--seed", defaultValue = "0", description = "Payload seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The image file to write.")
        Path out;

        @Override
        public Integer call() {
            DpuImage img;
            if (catalogId != null) {
                img = DpuImageCatalog.preinstalled().get(catalogId).writeTo(out);
            } else {
                img = DpuImage.builder().model(model).version(version).build(build).payloadBytes(size).seed(seed)
                        .writeTo(out);
            }
            PrintWriter w = spec.commandLine().getOut();
            w.println("wrote " + out + ": " + img.toText());
            w.flush();
            return 0;
        }
    }
}
