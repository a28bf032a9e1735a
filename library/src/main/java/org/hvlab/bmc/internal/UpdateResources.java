package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.hvlab.bmc.internal.Resources.V1;

/** UpdateService and FirmwareInventory: the BMC's own firmware plus every slot of every DPU. */
final class UpdateResources {
    static final String INVENTORY = V1 + "/UpdateService/FirmwareInventory";

    private final RedfishService s;

    UpdateResources(RedfishService s) {
        this.s = s;
    }

    ObjectNode updateService() {
        ObjectNode n = Json.resource(V1 + "/UpdateService", "#UpdateService.v1_11_0.UpdateService", "UpdateService",
                "Update Service");
        n.put("ServiceEnabled", true);
        n.put("MultipartHttpPushUri", Resources.PUSH_URI);
        n.put("MaxImageSizeBytes", s.maxImageBytes());
        n.set("FirmwareInventory", Json.link(INVENTORY));
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        ObjectNode su = n.putObject("Actions").putObject("#UpdateService.SimpleUpdate");
        su.put("target", Resources.SIMPLE_UPDATE);
        ArrayNode tp = su.putArray("TransferProtocol@Redfish.AllowableValues");
        UpdateEngine.PROTOCOLS.forEach(tp::add);
        return n;
    }

    /** Inventory ids: {@code BMC}, then {@code DPU0_<slot>} for each slot of each DPU. */
    List<String> inventoryIds() {
        List<String> ids = new ArrayList<>();
        ids.add("BMC");
        for (String d : s.dpuIds()) for (DpuPort.Slot slot : s.dpu(d).slots()) ids.add(d + "_" + slot.id());
        return ids;
    }

    ObjectNode inventory() {
        return Resources.collection(INVENTORY, "#SoftwareInventoryCollection.SoftwareInventoryCollection",
                "Firmware Inventory Collection", inventoryIds().stream().map(i -> INVENTORY + "/" + i).toList());
    }

    Optional<ObjectNode> item(String id) {
        if ("BMC".equals(id)) {
            ObjectNode n = Json.resource(INVENTORY + "/BMC", "#SoftwareInventory.v1_10_0.SoftwareInventory", "BMC",
                    "BMC firmware");
            n.put("Version", RedfishService.FIRMWARE_VERSION);
            n.put("Updateable", false);
            n.putObject("Status").put("State", "Enabled").put("Health", "OK");
            n.putArray("RelatedItem").add(Json.link(V1 + "/Managers/BMC"));
            return Optional.of(n);
        }
        int us = id.indexOf('_');
        if (us < 0) return Optional.empty();
        DpuPort d = s.dpu(id.substring(0, us));
        if (d == null) return Optional.empty();
        String slotId = id.substring(us + 1);
        for (DpuPort.Slot slot : d.slots()) {
            if (!slot.id().equals(slotId)) continue;
            ObjectNode n = Json.resource(INVENTORY + "/" + id, "#SoftwareInventory.v1_10_0.SoftwareInventory", id,
                    d.id() + " management OS, slot " + slot.id());
            n.put("Version", slot.version());
            n.put("SoftwareId", slot.build());
            n.put("Updateable", true);
            ObjectNode st = n.putObject("Status");
            st.put("State", slot.empty() ? "Absent" : slot.active() ? "Enabled" : "StandbySpare");
            if (!slot.empty()) st.put("Health", slot.bootable() ? "OK" : "Warning");
            n.putArray("RelatedItem").add(Json.link(V1 + "/Systems/" + d.id()));
            ObjectNode oem = n.putObject("Oem").putObject("Hvlab");
            oem.put("@odata.type", "#HvlabSoftwareInventory.v1_0_0.HvlabSoftwareInventory");
            oem.put("Slot", slot.id());
            oem.put("Active", slot.active());
            oem.put("Bootable", slot.bootable());
            return Optional.of(n);
        }
        return Optional.empty();
    }
}
