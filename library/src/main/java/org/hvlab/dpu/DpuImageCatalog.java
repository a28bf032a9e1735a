package org.hvlab.dpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.hvlab.core.Datasets;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The DPU management OS images preinstalled with the management hypervisor ({@code datasets/dpu-images.csv}): the
 * installer matches each DPU the BMC lists to one of them (US20230229480A1, claim 1 step 2). Images are generated
 * from their seed when first needed, so the catalog holds no binaries.
 *
 * <pre>{@code
 * DpuImageCatalog cat = DpuImageCatalog.read(Path.of("datasets/dpu-images.csv"));
 * DpuImageCatalog.Entry e = cat.match(0x15b3, 0xa2d6);       // newest BlueField-2 image
 * Path image = e.materialize(cacheDir);                      // cacheDir/bf2-4.5.0.img, written once
 * }</pre>
 */
public final class DpuImageCatalog implements Renderable {
    private static final List<String> COLUMNS = List.of("id", "model", "pci_vendor", "pci_device", "version", "build",
            "payload_bytes", "seed", "description");
    private final List<Entry> entries;

    private DpuImageCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * One preinstalled image.
     *
     * @param id           catalog id, also the image's file name stem
     * @param model        the DPU model name it runs on
     * @param pciVendorId  that model's PCI vendor ID
     * @param pciDeviceId  that model's PCI device ID
     * @param version      management OS version
     * @param build        build string
     * @param payloadBytes payload size in bytes
     * @param seed         payload generator seed
     * @param description  free text
     */
    public record Entry(String id, String model, int pciVendorId, int pciDeviceId, String version, String build,
                        long payloadBytes, long seed, String description) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(description, "description");
        }

        /** A builder for this entry's image. */
        public DpuImageBuilder builder() {
            return DpuImage.builder().model(model).version(version).build(build).payloadBytes(payloadBytes).seed(seed);
        }

        /** Writes this entry's image to {@code file} and returns its header. */
        public DpuImage writeTo(Path file) {
            return builder().writeTo(file);
        }

        /** The image file {@code dir/<id>.img}, written now unless a valid copy of this entry is already there. */
        public Path materialize(Path dir) {
            Path file = dir.resolve(id + ".img");
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw DpuException.io("create " + dir, e);
            }
            if (Files.exists(file)) {
                ImageCheck c = DpuImage.verify(file);
                if (c.valid() && c.image().map(this::describes).orElse(false)) return file;
            }
            writeTo(file);
            return file;
        }

        private boolean describes(DpuImage i) {
            return i.model().equals(model) && i.version().equals(version) && i.build().equals(build)
                    && i.payloadBytes() == payloadBytes;
        }
    }

    /** The catalog in the repository, {@code datasets/dpu-images.csv} (found by {@link Datasets#file(String)}). */
    public static DpuImageCatalog preinstalled() {
        return read(Datasets.file("dpu-images.csv"));
    }

    /** Reads the catalog CSV (header line with the columns id..description). */
    public static DpuImageCatalog read(Path csv) {
        try {
            return parse(Files.readString(csv, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw DpuException.io("read the DPU image catalog " + csv, e);
        }
    }

    /** Parses catalog CSV text (no quoted fields; commas only as separators, except in the last column). */
    public static DpuImageCatalog parse(String csv) {
        List<String> lines = csv.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        if (lines.isEmpty() || !Arrays.asList(lines.get(0).split(",")).equals(COLUMNS)) {
            throw new DpuException(DpuException.Reason.CATALOG, "The DPU image catalog header is "
                    + (lines.isEmpty() ? "missing" : "'" + lines.get(0) + "'"), "it must be " + String.join(",", COLUMNS),
                    "Fix the first line of datasets/dpu-images.csv");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", COLUMNS.size());
            try {
                if (f.length != COLUMNS.size()) throw new IllegalArgumentException(f.length + " fields");
                entries.add(new Entry(f[0].trim(), f[1].trim(), Integer.decode(f[2].trim()), Integer.decode(f[3].trim()),
                        f[4].trim(), f[5].trim(), Long.parseLong(f[6].trim()), Long.parseLong(f[7].trim()), f[8].trim()));
            } catch (IllegalArgumentException e) {
                throw new DpuException(DpuException.Reason.CATALOG, "Catalog line " + (i + 1) + " '" + lines.get(i) + "'",
                        "each line has " + COLUMNS.size() + " fields: " + String.join(",", COLUMNS) + " (" + e.getMessage()
                                + ")", "Fix that line");
            }
        }
        return new DpuImageCatalog(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry with this id. */
    public Entry get(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new DpuException(DpuException.Reason.CATALOG, "No catalog image '" + id + "'",
                        "the catalog has " + entries.stream().map(Entry::id).toList(), "Use one of those ids"));
    }

    /** The newest image for the DPU model with these PCI ids (what the installer gets from the BMC's listing). */
    public Entry match(int pciVendorId, int pciDeviceId) {
        return newest(entries.stream().filter(e -> e.pciVendorId() == pciVendorId && e.pciDeviceId() == pciDeviceId)
                .toList(), String.format("PCI ids %04x:%04x", pciVendorId, pciDeviceId));
    }

    /** The newest image for this model name. */
    public Entry match(String modelName) {
        return newest(entries.stream().filter(e -> e.model().equalsIgnoreCase(modelName)).toList(), "model " + modelName);
    }

    /** The newest image for this DPU. */
    public Entry match(Dpu dpu) {
        return match(dpu.pciVendorId(), dpu.pciDeviceId());
    }

    private Entry newest(List<Entry> candidates, String what) {
        return candidates.stream().max(Comparator.comparing(Entry::version, DpuImageCatalog::compareVersions))
                .orElseThrow(() -> new DpuException(DpuException.Reason.CATALOG,
                        "No preinstalled DPU management OS image for " + what,
                        "the catalog has images for " + entries.stream()
                                .map(e -> e.model() + String.format(" (%04x:%04x)", e.pciVendorId(), e.pciDeviceId()))
                                .distinct().toList(),
                        "Add a line to datasets/dpu-images.csv for that model"));
    }

    /** Compares dotted versions numerically ({@code 4.10.0 > 4.9.1}); non-numeric parts compare as text. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            String p = i < x.length ? x[i] : "0", q = i < y.length ? y[i] : "0";
            int c;
            try {
                c = Long.compare(Long.parseLong(p), Long.parseLong(q));
            } catch (NumberFormatException e) {
                c = p.compareTo(q);
            }
            if (c != 0) return c;
        }
        return 0;
    }

    /** The catalog as a table. */
    public Table table() {
        return Table.create("dpu-images",
                StringColumn.create("id", entries.stream().map(Entry::id)),
                StringColumn.create("model", entries.stream().map(Entry::model)),
                StringColumn.create("pci_ids", entries.stream()
                        .map(e -> String.format("%04x:%04x", e.pciVendorId(), e.pciDeviceId()))),
                StringColumn.create("version", entries.stream().map(Entry::version)),
                StringColumn.create("build", entries.stream().map(Entry::build)),
                LongColumn.create("payload_bytes", entries.stream().mapToLong(Entry::payloadBytes).toArray()),
                LongColumn.create("seed", entries.stream().mapToLong(Entry::seed).toArray()),
                StringColumn.create("description", entries.stream().map(Entry::description)));
    }

    @Override
    public String toText() {
        return table().print();
    }
}
