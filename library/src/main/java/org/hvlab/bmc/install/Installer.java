package org.hvlab.bmc.install;

import com.fasterxml.jackson.databind.JsonNode;
import org.hvlab.bmc.redfish.RedfishClient;
import org.hvlab.bmc.redfish.RedfishPath;
import org.hvlab.bmc.redfish.RedfishSystem;
import org.hvlab.bmc.redfish.RedfishTask;
import org.hvlab.bmc.redfish.TaskSnapshot;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;
import org.hvlab.dpu.DpuImageCatalog;
import org.hvlab.firmware.Capsule;
import org.hvlab.firmware.Guid;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The management hypervisor's installer (US12182602B2 claim 1): it receives the listing of DPUs from the BMC over
 * Redfish, identifies the preinstalled DPU management OS image for each (the catalog, matched on the PCI ids of
 * the DPU's function), wraps the image in a capsule marked with the DPU management OS GUID, serves the capsule at a
 * URI from its own {@link CapsuleServer}, and sends the URI to the BMC ({@code UpdateService.SimpleUpdate}), then
 * follows each task to the end.
 *
 * <pre>{@code
 * try (Installer installer = Installer.builder().client(bmc.client()).catalog(catalog).workDirectory(dir).build()) {
 *     ProvisioningResult r = installer.provisionDpus();
 *     r.table()                                   // every task message
 * }
 * }</pre>
 */
public final class Installer implements AutoCloseable, Renderable {
    /** How the image is wrapped. */
    public enum CapsuleFormat {
        /** FMP capsule, UpdateImageTypeId = the DPU management OS GUID (what real BMCs accept). */
        FMP,
        /** Plain capsule, CapsuleGuid = the DPU management OS GUID (the claim's wording). */
        PLAIN
    }

    /** One DPU as the BMC lists it, with the PCI ids of its function. */
    public record ListedDpu(RedfishSystem system, int pciVendorId, int pciDeviceId) {}

    private final RedfishClient client;
    private final DpuImageCatalog catalog;
    private final Path images;
    private final CapsuleServer server;
    private final CapsuleFormat format;
    private final Duration timeout;
    private final Path workDirectory;
    private final boolean ownsDirectory;

    private Installer(Builder b) {
        this.client = b.client;
        this.catalog = b.catalog;
        this.format = b.format;
        this.timeout = b.timeout;
        this.ownsDirectory = b.workDirectory == null;
        try {
            this.workDirectory = ownsDirectory ? Files.createTempDirectory("hvlab-installer-") : b.workDirectory;
            this.images = Files.createDirectories(workDirectory.resolve("images"));
            this.server = CapsuleServer.start(Files.createDirectories(workDirectory.resolve("capsules")));
        } catch (IOException e) {
            throw new InstallException(InstallException.Reason.BAD_SETTING, "cannot use work directory " + b.workDirectory,
                    e.toString(), "Give workDirectory(..) a writable directory", e);
        }
    }

    public static Builder builder() { return new Builder(); }

    /** The installer's capsule server. */
    public CapsuleServer server() { return server; }

    public DpuImageCatalog catalog() { return catalog; }

    /** Step 1: the DPUs the BMC lists ({@code SystemType: DPU}), each with its PCIe function's ids. */
    public List<ListedDpu> listDpus() {
        List<ListedDpu> out = new ArrayList<>();
        for (RedfishSystem s : client.dpus()) {
            JsonNode sys = client.http().get(s.path()).orThrow().json();
            String device = sys.path("Links").path("PCIeDevices").path(0).path("@odata.id").asText("");
            if (device.isEmpty()) {
                throw new InstallException(InstallException.Reason.LISTING, s.id() + " has no Links.PCIeDevices",
                        "the installer matches images on the PCI ids of the DPU's function",
                        "Look at " + s.path() + " on the BMC");
            }
            JsonNode fns = client.http().get(device + "/PCIeFunctions").orThrow().json();
            JsonNode fn = client.http().get(fns.path("Members").path(0).path("@odata.id").asText()).orThrow().json();
            out.add(new ListedDpu(s, Integer.decode(fn.path("VendorId").asText()),
                    Integer.decode(fn.path("DeviceId").asText())));
        }
        return out;
    }

    /** The listing as a table: {@code dpu, system_type, model, pci_ids, image, version}. */
    public Table listing() {
        Table t = Table.create("DPUs listed by the BMC", StringColumn.create("dpu"), StringColumn.create("system_type"),
                StringColumn.create("model"), StringColumn.create("pci_ids"), StringColumn.create("booted_version"),
                StringColumn.create("image"), StringColumn.create("image_version"));
        for (ListedDpu d : listDpus()) {
            DpuImageCatalog.Entry e = catalog.match(d.pciVendorId(), d.pciDeviceId());
            t.stringColumn("dpu").append(d.system().id());
            t.stringColumn("system_type").append(d.system().systemType());
            t.stringColumn("model").append(d.system().model());
            t.stringColumn("pci_ids").append(String.format("%04x:%04x", d.pciVendorId(), d.pciDeviceId()));
            t.stringColumn("booted_version").append(d.system().bootedVersion());
            t.stringColumn("image").append(e.id());
            t.stringColumn("image_version").append(e.version());
        }
        return t;
    }

    /** Steps 2-4 for one DPU: match, wrap, serve. Returns the served capsule and its URI. */
    public Served wrapAndServe(ListedDpu d) {
        DpuImageCatalog.Entry e = catalog.match(d.pciVendorId(), d.pciDeviceId());
        Path image = e.materialize(images);
        Path file = server.directory().resolve(d.system().id().toLowerCase() + "-" + e.id() + ".cap");
        Capsule capsule = (format == CapsuleFormat.FMP ? Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE)
                : Capsule.plain(Guid.DPU_MANAGEMENT_OS_IMAGE)).payload(image).writeTo(file);
        return new Served(d, e, capsule, file, server.publish(file));
    }

    /** A capsule the server offers for one DPU. */
    public record Served(ListedDpu dpu, DpuImageCatalog.Entry image, Capsule capsule, Path file, URI uri) {}

    /** The whole claim: list, match, wrap, serve, send the URI, follow every task to its end. */
    public ProvisioningResult provisionDpus() {
        List<ListedDpu> listed = listDpus();
        if (listed.isEmpty()) {
            throw new InstallException(InstallException.Reason.NO_DPUS, "the BMC lists no DPU",
                    "there is no ComputerSystem with SystemType DPU under /redfish/v1/Systems",
                    "Build the host with DPUs (the bluefield2 platform entry)");
        }
        List<Served> served = new ArrayList<>();
        for (ListedDpu d : listed) served.add(wrapAndServe(d));
        List<RedfishTask> tasks = new ArrayList<>();
        for (Served s : served) tasks.add(client.simpleUpdate(s.uri(), List.of(s.dpu().system().path())));
        List<DpuProvisioning> out = new ArrayList<>();
        for (int i = 0; i < served.size(); i++) {
            Served s = served.get(i);
            TaskSnapshot t = tasks.get(i).await(timeout);
            out.add(new DpuProvisioning(s.dpu().system(), s.image(), s.capsule(), s.uri(), t));
        }
        return new ProvisioningResult(out);
    }

    /** Sends one capsule URI to the BMC for one DPU and follows the task (used to show a failure). */
    public TaskSnapshot sendUri(URI capsule, RedfishPath dpu) {
        return client.simpleUpdate(capsule, List.of(dpu)).await(timeout);
    }

    @Override
    public String toText() {
        return "installer: " + catalog.entries().size() + " catalog images, " + server.toText();
    }

    @Override
    public String toHtml() {
        return "<div>installer with " + catalog.entries().size() + " catalog images; " + Html.escape(server.toText())
                + "</div>";
    }

    /** Where images are materialised and capsules written. */
    public Path workDirectory() { return workDirectory; }

    /** Stops the capsule server; removes the work directory if the installer made it. */
    @Override
    public void close() {
        server.close();
        if (ownsDirectory) {
            try (java.util.stream.Stream<Path> walk = Files.walk(workDirectory)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind is harmless
            }
        }
    }

    /** Settings for an installer. */
    public static final class Builder {
        private RedfishClient client;
        private DpuImageCatalog catalog;
        private Path workDirectory;
        private CapsuleFormat format = CapsuleFormat.FMP;
        private Duration timeout = Duration.ofMinutes(5);

        private Builder() {}

        /** The Redfish client for the host's BMC (e.g. {@code bmc.client()}). */
        public Builder client(RedfishClient client) {
            this.client = Objects.requireNonNull(client);
            return this;
        }

        /** The preinstalled images (e.g. {@code DpuImageCatalog.read(Path.of("datasets/dpu-images.csv"))}). */
        public Builder catalog(DpuImageCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog);
            return this;
        }

        /** Where images are materialised and capsules written and served (a temporary directory by default). */
        public Builder workDirectory(Path dir) {
            this.workDirectory = Objects.requireNonNull(dir);
            return this;
        }

        public Builder capsuleFormat(CapsuleFormat format) {
            this.format = Objects.requireNonNull(format);
            return this;
        }

        /** How long to follow each task (5 minutes by default). */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new InstallException(InstallException.Reason.BAD_SETTING, "timeout " + timeout,
                        "a task needs some time", "Use e.g. Duration.ofMinutes(5)");
            }
            this.timeout = timeout;
            return this;
        }

        public Installer build() {
            if (client == null || catalog == null) {
                throw new InstallException(InstallException.Reason.BAD_SETTING, "the installer needs client(..) and "
                        + "catalog(..)", "missing: " + (client == null ? "client " : "") + (catalog == null ? "catalog" : ""),
                        "Set them on Installer.builder()");
            }
            return new Installer(this);
        }
    }
}
