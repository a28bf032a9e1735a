package org.hvlab.dpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.hvlab.core.ByteSize;
import org.hvlab.core.Platform;
import org.hvlab.core.Renderable;
import org.hvlab.pci.Bdf;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The DPUs of one host, each with its flash in a subdirectory ({@code DPU0/}, {@code DPU1/}, ...) of one directory.
 * New DPUs come with a factory management OS in slot A (slot B empty) and are booted.
 *
 * <pre>{@code
 * try (Dpus dpus = Dpus.forPlatform(2, dir)) {       // BlueField-2 at 01:00.0 and 02:00.0
 *     dpus.get("DPU0").inventory()
 * }
 * }</pre>
 */
public final class Dpus implements Iterable<Dpu>, Renderable, AutoCloseable {
    /** The factory image's version and build. */
    public static final String FACTORY_VERSION = "3.9.0", FACTORY_BUILD = "bf-bundle-3.9.0-factory";
    private final List<Dpu> dpus;
    private final Path directory;
    private final boolean ownsDirectory;

    private Dpus(List<Dpu> dpus, Path directory, boolean ownsDirectory) {
        this.dpus = List.copyOf(dpus);
        this.directory = directory;
        this.ownsDirectory = ownsDirectory;
    }

    /** {@code count} BlueField-2 DPUs with flash under {@code directory}, on buses 1, 2, ..., booted. */
    public static Dpus forPlatform(int count, Path directory) {
        return builder().count(count).directory(directory).build();
    }

    /** As many BlueField-2 DPUs as the catalog platform carries ({@link Platform#dpus()}), e.g. 2 for ampere-altra. */
    public static Dpus forPlatform(Platform platform, Path directory) {
        return builder().count(platform.dpus()).directory(directory).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings for a host's DPUs; {@link #build()} creates, installs the factory image and boots them. */
    public static final class Builder {
        private int count = 1;
        private DpuModel model = DpuModel.BLUEFIELD_2;
        private Path directory;
        private int firstBus = 1;
        private long seed = 1;
        private long factoryPayloadBytes = 64 * 1024;
        private boolean boot = true;
        private ByteSize slotCapacity = Dpu.DEFAULT_SLOT_CAPACITY;

        private Builder() {}

        public Builder count(int n) {
            if (n < 0 || n > 64) {
                throw new DpuException(DpuException.Reason.BAD_SETTING, n + " DPUs", "a host has 0..64 DPUs",
                        "Use a count in that range");
            }
            this.count = n;
            return this;
        }

        public Builder model(DpuModel m) {
            this.model = Objects.requireNonNull(m);
            return this;
        }

        /** Where the flash files go; a fresh temporary directory (deleted on close) when not set. */
        public Builder directory(Path dir) {
            this.directory = Objects.requireNonNull(dir);
            return this;
        }

        /** DPU i sits at {@code (firstBus + i):00.0}. */
        public Builder firstBus(int bus) {
            Bdf.of(bus, 0, 0);
            this.firstBus = bus;
            return this;
        }

        /** Seeds serial numbers and factory payloads. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The factory image's payload size (default 64 KiB). */
        public Builder factoryPayloadBytes(long bytes) {
            if (bytes < 0 || bytes > DpuImageBuilder.MAX_PAYLOAD_BYTES) {
                throw new DpuException(DpuException.Reason.BAD_SETTING, "factory payload of " + bytes + " bytes",
                        "a payload is 0.." + DpuImageBuilder.MAX_PAYLOAD_BYTES + " bytes", "Use a size in that range");
            }
            this.factoryPayloadBytes = bytes;
            return this;
        }

        /** The factory image's payload size. */
        public Builder factoryPayload(ByteSize size) {
            return factoryPayloadBytes(size.bytes());
        }

        /** The size of each management-OS slot (default 1 GiB). */
        public Builder slotCapacity(ByteSize size) {
            this.slotCapacity = Objects.requireNonNull(size);
            return this;
        }

        /** Whether to boot the DPUs once created (default true). */
        public Builder boot(boolean b) {
            this.boot = b;
            return this;
        }

        public Dpus build() {
            boolean owns = directory == null;
            Path dir;
            try {
                dir = owns ? Files.createTempDirectory("hvlab-dpus-") : Files.createDirectories(directory);
            } catch (IOException e) {
                throw DpuException.io("create the DPU directory", e);
            }
            if (firstBus + count - 1 > 255) {
                throw new DpuException(DpuException.Reason.BAD_SETTING, count + " DPUs from bus " + firstBus,
                        "each DPU takes one bus and the last bus is 255", "Lower firstBus or count");
            }
            Random r = new Random(seed);
            List<Dpu> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String serial = String.format("MT%04dX%05d", 2000 + r.nextInt(1000), r.nextInt(100_000));
                Dpu d = new Dpu("DPU" + i, model, Bdf.of(firstBus + i, 0, 0), serial, dir.resolve("DPU" + i),
                        slotCapacity);
                if (!d.flash().holdsImage(SlotId.A) && !d.flash().holdsImage(SlotId.B)) {
                    DpuImage.builder().model(model).version(FACTORY_VERSION).build(FACTORY_BUILD)
                            .payloadBytes(factoryPayloadBytes).seed(r.nextLong())
                            .writeTo(d.flash().slotFile(SlotId.A));
                }
                if (boot) d.boot();
                list.add(d);
            }
            return new Dpus(list, dir, owns);
        }
    }

    public List<Dpu> list() {
        return dpus;
    }

    public int size() {
        return dpus.size();
    }

    public Path directory() {
        return directory;
    }

    /** The DPU named {@code name} ({@code DPU0}...). */
    public Dpu get(String name) {
        return dpus.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new DpuException(DpuException.Reason.NO_SUCH_DPU, "No DPU named '" + name + "'",
                        "this host has " + dpus.stream().map(Dpu::name).toList(), "Use one of those names"));
    }

    /** The DPU whose host-facing function is {@code bdf}. */
    public Dpu at(Bdf bdf) {
        return dpus.stream().filter(d -> d.bdf().equals(bdf)).findFirst()
                .orElseThrow(() -> new DpuException(DpuException.Reason.NO_SUCH_DPU, "No DPU at " + bdf,
                        "DPUs sit at " + dpus.stream().map(d -> d.bdf().toString()).toList(), "Use one of those"));
    }

    @Override
    public Iterator<Dpu> iterator() {
        return dpus.iterator();
    }

    public Stream<Dpu> stream() {
        return dpus.stream();
    }

    /** One row per DPU: name, model, pci_ids, bdf, serial, state, active_slot, running_version. */
    public Table table() {
        return Table.create("dpus",
                StringColumn.create("name", dpus.stream().map(Dpu::name)),
                StringColumn.create("model", dpus.stream().map(d -> d.model().name())),
                StringColumn.create("pci_ids", dpus.stream().map(d -> d.model().pciIds())),
                StringColumn.create("bdf", dpus.stream().map(d -> d.bdf().toString())),
                StringColumn.create("serial", dpus.stream().map(Dpu::serial)),
                StringColumn.create("state", dpus.stream().map(d -> d.state().name())),
                StringColumn.create("active_slot", dpus.stream().map(d -> d.activeSlot().name())),
                StringColumn.create("running_version", dpus.stream()
                        .map(d -> d.runningImage().map(DpuImage::version).orElse(""))),
                IntColumn.create("boots", dpus.stream().mapToInt(Dpu::bootCount).toArray()));
    }

    /** Every DPU's slots in one table. */
    public Table inventory() {
        Table t = null;
        for (Dpu d : dpus) {
            Table s = d.inventory().table();
            t = t == null ? s.copy().setName("firmware inventory") : t.append(s);
        }
        return t != null ? t : DpuInventory.emptyTable();
    }

    @Override
    public String toText() {
        StringBuilder sb = new StringBuilder(dpus.size() + " DPUs in " + directory);
        dpus.forEach(d -> sb.append("\n  ").append(d.toText()));
        return sb.toString();
    }

    /** Deletes the flash directory when this object created it (a temporary one). */
    @Override
    public void close() {
        if (!ownsDirectory) return;
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw DpuException.io("delete " + directory, e);
        }
    }
}
