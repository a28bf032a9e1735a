package org.hvlab.core;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One row of the platform catalog {@code datasets/platforms.csv}: what a host of that kind has (ISA features, CPU
 * frequency and count, interrupt controller, MSI route, secondary-CPU boot protocol, DPUs) and where the numbers
 * come from. Ids ({@code "ampere-altra"}) are the same everywhere, including {@code --platform ID}.
 *
 * @param id              catalog id, e.g. {@code rpi4}
 * @param name            human name
 * @param isa             architecture version, e.g. {@code armv8.2-a}
 * @param vhe             the Virtualization Host Extensions (ARMv8.1) are present
 * @param cpuMhz          CPU frequency, converts model cycles to time
 * @param cpus            CPU count (the default for a host, and the most it can have)
 * @param gicVersion      2 or 3
 * @param its             a GICv3 ITS translates MSIs to LPIs
 * @param msi             how MSIs reach the CPU: {@code its}, {@code v2m} or {@code spi} (a controller-private SPI)
 * @param v2mFrames       number of GICv2m MSI frames (0 if none)
 * @param v2mSpiBase      first SPI INTID of frame 0 (frame n starts at base + n * v2mSpisPerFrame)
 * @param v2mSpisPerFrame SPIs per v2m frame
 * @param spis            number of SPI INTIDs the distributor implements (from INTID 32)
 * @param secondaryBoot   firmware protocol that starts secondary CPUs
 * @param dpus            BlueField-2 DPUs a host of this platform carries
 * @param isDefault       the catalog default (exactly one row)
 * @param source          where the numbers come from
 */
public record Platform(String id, String name, String isa, boolean vhe, int cpuMhz, int cpus, int gicVersion,
                       boolean its, String msi, int v2mFrames, int v2mSpiBase, int v2mSpisPerFrame, int spis,
                       SecondaryBoot secondaryBoot, int dpus, boolean isDefault, String source) implements Renderable {

    /** The firmware's secondary-CPU start-up protocol, as the MADT/FADT advertise it. */
    public enum SecondaryBoot {
        /** PSCI CPU_ON (FADT PSCI_COMPLIANT). */
        PSCI,
        /** ACPI Multiprocessor Startup for ARM Platforms (parking protocol, GICC Parked Address). */
        PARKING
    }

    public Platform {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secondaryBoot, "secondaryBoot");
    }

    /** CPU frequency in Hz. */
    public long hz() { return cpuMhz * 1_000_000L; }

    /** The platform {@code id} from the catalog. */
    public static Platform of(String id) {
        List<Platform> all = all();
        for (Platform p : all) if (p.id.equals(id)) return p;
        throw new CoreException(CoreException.Reason.UNKNOWN_PLATFORM, "no platform '" + id + "' in the catalog",
                "the known platforms are " + all.stream().map(Platform::id).collect(Collectors.joining(", ")),
                "Use one of those ids, or add a row to datasets/platforms.csv");
    }

    /** The catalog's default platform. */
    public static Platform defaultPlatform() {
        return all().stream().filter(Platform::isDefault).findFirst().orElseThrow(() -> new CoreException(
                CoreException.Reason.DATASET, "datasets/platforms.csv has no default platform",
                "exactly one row has default=true", "Set default=true on one row"));
    }

    /** Every platform in catalog order. */
    public static List<Platform> all() {
        return Datasets.rows("platforms.csv").stream().map(Platform::fromRow).toList();
    }

    static Platform fromRow(Map<String, String> r) {
        String id = r.get("id");
        try {
            return new Platform(id, r.get("name"), r.get("isa"), bool(r, "vhe"), num(r, "cpu_mhz"), num(r, "cpus"),
                    num(r, "gic"), bool(r, "its"), r.get("msi"), num(r, "v2m_frames"), num(r, "v2m_spi_base"),
                    num(r, "v2m_spis"), num(r, "spis"),
                    SecondaryBoot.valueOf(r.get("secondary_boot").toUpperCase(Locale.ROOT)), num(r, "dpus"),
                    bool(r, "default"), r.get("source"));
        } catch (RuntimeException e) {
            if (e instanceof CoreException ce) throw ce;
            throw new CoreException(CoreException.Reason.DATASET, "platforms.csv row '" + id + "' is malformed",
                    String.valueOf(e.getMessage()), "Fix the row; columns are " + r.keySet(), e);
        }
    }

    private static int num(Map<String, String> r, String col) {
        String v = r.get(col);
        if (v == null) {
            throw new CoreException(CoreException.Reason.DATASET, "platforms.csv has no column " + col,
                    "the catalog columns are fixed", "Restore the header of datasets/platforms.csv");
        }
        return Integer.parseInt(v);
    }

    private static boolean bool(Map<String, String> r, String col) {
        String v = r.get(col);
        if (!"true".equals(v) && !"false".equals(v)) {
            throw new CoreException(CoreException.Reason.DATASET, "platforms.csv " + r.get("id") + "." + col + " = " + v,
                    "boolean cells are true or false", "Fix the cell");
        }
        return Boolean.parseBoolean(v);
    }

    /** The whole catalog as a table. */
    public static Table catalog() {
        List<Platform> all = all();
        StringColumn id = StringColumn.create("id");
        StringColumn name = StringColumn.create("name");
        StringColumn isa = StringColumn.create("isa");
        BooleanColumn vhe = BooleanColumn.create("vhe");
        IntColumn mhz = IntColumn.create("cpu_mhz");
        IntColumn cpus = IntColumn.create("cpus");
        IntColumn gic = IntColumn.create("gic");
        BooleanColumn its = BooleanColumn.create("its");
        StringColumn msi = StringColumn.create("msi");
        IntColumn v2m = IntColumn.create("v2m_frames");
        StringColumn boot = StringColumn.create("secondary_boot");
        IntColumn dpus = IntColumn.create("dpus");
        StringColumn src = StringColumn.create("source");
        for (Platform p : all) {
            id.append(p.id);
            name.append(p.name);
            isa.append(p.isa);
            vhe.append(p.vhe);
            mhz.append(p.cpuMhz);
            cpus.append(p.cpus);
            gic.append(p.gicVersion);
            its.append(p.its);
            msi.append(p.msi);
            v2m.append(p.v2mFrames);
            boot.append(p.secondaryBoot.name().toLowerCase(Locale.ROOT));
            dpus.append(p.dpus);
            src.append(p.source);
        }
        return Table.create("platforms", id, name, isa, vhe, mhz, cpus, gic, its, msi, v2m, boot, dpus, src);
    }

    @Override
    public String toText() {
        return id + ": " + name + ", " + isa + (vhe ? " +VHE" : "") + ", " + cpus + " CPUs @ " + cpuMhz + " MHz, GICv"
                + gicVersion + (its ? " with ITS" : " without ITS")
                + (v2mFrames > 0 ? ", " + v2mFrames + " GICv2m frame(s) of " + v2mSpisPerFrame + " SPIs from INTID "
                + v2mSpiBase : "") + ", MSI via " + msi + ", secondary CPUs by "
                + secondaryBoot.name().toLowerCase(Locale.ROOT) + (dpus > 0 ? ", " + dpus + " DPU(s)" : "");
    }

    @Override
    public String toString() { return "Platform[" + id + "]"; }
}
