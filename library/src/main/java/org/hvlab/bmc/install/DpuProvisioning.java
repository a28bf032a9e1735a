package org.hvlab.bmc.install;

import org.hvlab.bmc.redfish.RedfishSystem;
import org.hvlab.bmc.redfish.TaskSnapshot;
import org.hvlab.dpu.DpuImageCatalog;
import org.hvlab.firmware.Capsule;

import java.net.URI;
import java.util.Objects;

/**
 * What the installer did for one DPU: the system the BMC listed, the catalog image it matched, the capsule it
 * served and the URI it sent, and the task as it ended.
 */
public record DpuProvisioning(RedfishSystem dpu, DpuImageCatalog.Entry image, Capsule capsule, URI capsuleUri,
                              TaskSnapshot task) {
    public DpuProvisioning {
        Objects.requireNonNull(dpu, "dpu");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(capsule, "capsule");
        Objects.requireNonNull(capsuleUri, "capsuleUri");
        Objects.requireNonNull(task, "task");
    }

    public boolean completed() { return task.completed(); }
}
