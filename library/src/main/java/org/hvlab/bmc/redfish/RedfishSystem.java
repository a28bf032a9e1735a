package org.hvlab.bmc.redfish;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A ComputerSystem as the BMC lists it: the host ({@code Physical}) or a DPU ({@code DPU}).
 *
 * @param bootedVersion for a DPU, the management-OS version its last boot came up with (empty for the host)
 */
public record RedfishSystem(RedfishPath path, String id, String name, String systemType, String manufacturer,
                            String model, String powerState, String bootOverrideTarget, String assetTag,
                            String bootedVersion) {

    public boolean isDpu() { return "DPU".equals(systemType); }

    static RedfishSystem of(JsonNode n) {
        return new RedfishSystem(RedfishPath.of(n.path("@odata.id").asText()), n.path("Id").asText(),
                n.path("Name").asText(), n.path("SystemType").asText(), n.path("Manufacturer").asText(),
                n.path("Model").asText(), n.path("PowerState").asText(),
                n.path("Boot").path("BootSourceOverrideTarget").asText(), n.path("AssetTag").asText(),
                n.path("Oem").path("Hvlab").path("BootedVersion").asText(""));
    }
}
