package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hvlab.bmc.HostDescription;
import org.hvlab.bmc.Role;

import java.util.List;
import java.util.Optional;

/**
 * Renders the read-only view of every Redfish resource from the service's state. One method per resource kind;
 * {@link #render(List)} maps a path (split in segments after {@code /redfish/v1}) to one of them.
 */
final class Resources {
    static final String V1 = "/redfish/v1";
    static final String HOST = "Host";
    static final String SIMPLE_UPDATE = V1 + "/UpdateService/Actions/UpdateService.SimpleUpdate";
    static final String PUSH_URI = V1 + "/UpdateService/upload";

    private final RedfishService s;

    Resources(RedfishService s) {
        this.s = s;
    }

    static ObjectNode redfishVersions() {
        ObjectNode n = Json.object();
        n.put("v1", V1 + "/");
        return n;
    }

    ObjectNode serviceRoot() {
        HostDescription h = s.host();
        ObjectNode n = Json.resource(V1, "#ServiceRoot.v1_15_0.ServiceRoot", "RootService", "hvlab BMC Redfish service");
        n.put("RedfishVersion", "1.15.0");
        n.put("UUID", h.uuid().toString());
        n.put("Product", "hvlab emulated BMC");
        n.put("Vendor", "hvlab");
        for (String c : List.of("Systems", "Chassis", "Managers", "AccountService", "SessionService", "UpdateService",
                "TaskService")) {
            n.set(c, Json.link(V1 + "/" + c));
        }
        n.putObject("Links").set("Sessions", Json.link(V1 + "/SessionService/Sessions"));
        return n;
    }

    static ObjectNode collection(String path, String type, String name, List<String> memberPaths) {
        ObjectNode n = Json.resource(path, type, null, name);
        ArrayNode m = n.putArray("Members");
        memberPaths.forEach(p -> m.add(Json.link(p)));
        n.put("Members@odata.count", memberPaths.size());
        return n;
    }

    ObjectNode systems() {
        return collection(V1 + "/Systems", "#ComputerSystemCollection.ComputerSystemCollection",
                "Computer System Collection", s.systemIds().stream().map(id -> V1 + "/Systems/" + id).toList());
    }

    Optional<ObjectNode> system(String id) {
        SystemState st = s.systemState(id);
        if (st == null) return Optional.empty();
        String path = V1 + "/Systems/" + id;
        boolean host = HOST.equals(id);
        HostDescription h = s.host();
        DpuPort d = host ? null : s.dpu(id);
        ObjectNode n = Json.resource(path, "#ComputerSystem.v1_20_0.ComputerSystem", id,
                host ? h.name() : id + " (" + d.model() + ")");
        n.put("SystemType", host ? "Physical" : "DPU");
        n.put("Manufacturer", host ? h.manufacturer() : d.manufacturer());
        n.put("Model", host ? h.model() : d.model());
        n.put("SerialNumber", host ? h.serialNumber() : d.serialNumber());
        if (host) n.put("UUID", h.uuid().toString());
        n.put("AssetTag", st.assetTag);
        String power = host ? st.powerState : d.powerState();
        n.put("PowerState", power);
        DpuPort.Status health = host ? ("On".equals(power) ? DpuPort.Status.RUNNING : DpuPort.Status.OFF) : d.status();
        n.putObject("Status").put("State", health.state()).put("Health", health.health());
        ObjectNode boot = n.putObject("Boot");
        boot.put("BootSourceOverrideEnabled", st.bootOverrideEnabled);
        boot.put("BootSourceOverrideTarget", st.bootOverrideTarget);
        ArrayNode enabled = boot.putArray("BootSourceOverrideEnabled@Redfish.AllowableValues");
        SystemState.OVERRIDE_ENABLED.forEach(enabled::add);
        ArrayNode allowed = boot.putArray("BootSourceOverrideTarget@Redfish.AllowableValues");
        SystemState.OVERRIDE_TARGETS.forEach(allowed::add);
        ObjectNode reset = n.putObject("Actions").putObject("#ComputerSystem.Reset");
        reset.put("target", path + "/Actions/ComputerSystem.Reset");
        ArrayNode types = reset.putArray("ResetType@Redfish.AllowableValues");
        SystemState.RESET_TYPES.forEach(types::add);
        ObjectNode links = n.putObject("Links");
        links.putArray("Chassis").add(Json.link(V1 + "/Chassis/" + id));
        links.putArray("ManagedBy").add(Json.link(V1 + "/Managers/BMC"));
        if (!host) {
            links.putArray("PCIeDevices").add(Json.link(V1 + "/Chassis/Host/PCIeDevices/" + id));
            DpuPort.BootInfo b = d.lastBoot();
            ObjectNode oem = n.putObject("Oem").putObject("Hvlab");
            oem.put("@odata.type", "#HvlabComputerSystem.v1_0_0.HvlabComputerSystem");
            oem.put("BootedSlot", b.slotId());
            oem.put("BootedVersion", b.version());
            oem.put("FellBack", b.fellBack());
            oem.put("BootReason", b.reason());
            oem.put("Bdf", d.bdf().toString());
            oem.put("FmpHardwareInstance", "0x" + Long.toHexString(d.hardwareInstance()));
        }
        return Optional.of(n);
    }

    ObjectNode chassisCollection() {
        return collection(V1 + "/Chassis", "#ChassisCollection.ChassisCollection", "Chassis Collection",
                s.systemIds().stream().map(id -> V1 + "/Chassis/" + id).toList());
    }

    Optional<ObjectNode> chassis(String id) {
        if (s.systemState(id) == null) return Optional.empty();
        boolean host = HOST.equals(id);
        String path = V1 + "/Chassis/" + id;
        ObjectNode n = Json.resource(path, "#Chassis.v1_21_0.Chassis", id, host ? s.host().name() + " chassis"
                : id + " card");
        n.put("ChassisType", host ? "RackMount" : "Card");
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        if (host) {
            n.set("PCIeDevices", Json.link(path + "/PCIeDevices"));
            n.set("NetworkAdapters", Json.link(path + "/NetworkAdapters"));
        }
        ObjectNode links = n.putObject("Links");
        links.putArray("ComputerSystems").add(Json.link(V1 + "/Systems/" + id));
        links.putArray("ManagedBy").add(Json.link(V1 + "/Managers/BMC"));
        if (!host) links.set("ContainedBy", Json.link(V1 + "/Chassis/Host"));
        return Optional.of(n);
    }

    ObjectNode pcieDevices() {
        return collection(V1 + "/Chassis/Host/PCIeDevices", "#PCIeDeviceCollection.PCIeDeviceCollection",
                "PCIe Device Collection", s.dpuIds().stream().map(id -> V1 + "/Chassis/Host/PCIeDevices/" + id).toList());
    }

    Optional<ObjectNode> pcieDevice(String id) {
        DpuPort d = s.dpu(id);
        if (d == null) return Optional.empty();
        String path = V1 + "/Chassis/Host/PCIeDevices/" + id;
        ObjectNode n = Json.resource(path, "#PCIeDevice.v1_11_0.PCIeDevice", id, id + " " + d.model());
        n.put("Manufacturer", d.manufacturer());
        n.put("Model", d.model());
        n.put("SerialNumber", d.serialNumber());
        n.put("DeviceType", "SingleFunction");
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        n.set("PCIeFunctions", Json.link(path + "/PCIeFunctions"));
        n.putObject("Links").putArray("Chassis").add(Json.link(V1 + "/Chassis/" + id));
        n.putObject("Oem").putObject("Hvlab").put("Bdf", d.bdf().toString());
        return Optional.of(n);
    }

    Optional<ObjectNode> pcieFunctions(String id) {
        if (s.dpu(id) == null) return Optional.empty();
        String base = V1 + "/Chassis/Host/PCIeDevices/" + id + "/PCIeFunctions";
        return Optional.of(collection(base, "#PCIeFunctionCollection.PCIeFunctionCollection",
                "PCIe Function Collection", List.of(base + "/0")));
    }

    Optional<ObjectNode> pcieFunction(String id, String fn) {
        DpuPort d = s.dpu(id);
        if (d == null || !"0".equals(fn)) return Optional.empty();
        String path = V1 + "/Chassis/Host/PCIeDevices/" + id + "/PCIeFunctions/0";
        ObjectNode n = Json.resource(path, "#PCIeFunction.v1_5_0.PCIeFunction", "0", id + " function 0");
        n.put("FunctionId", d.bdf().function());
        n.put("FunctionType", "Physical");
        n.put("DeviceClass", (d.classCode() >> 16) == 0x02 ? "NetworkController" : "Other");
        n.put("ClassCode", String.format("0x%06x", d.classCode()));
        n.put("VendorId", String.format("0x%04x", d.vendorId()));
        n.put("DeviceId", String.format("0x%04x", d.deviceId()));
        n.put("SubsystemVendorId", String.format("0x%04x", d.subsystemVendorId()));
        n.put("SubsystemId", String.format("0x%04x", d.subsystemId()));
        n.putObject("Oem").putObject("Hvlab").put("Bdf", d.bdf().toString());
        n.putObject("Links").set("PCIeDevice", Json.link(V1 + "/Chassis/Host/PCIeDevices/" + id));
        return Optional.of(n);
    }

    ObjectNode networkAdapters() {
        return collection(V1 + "/Chassis/Host/NetworkAdapters", "#NetworkAdapterCollection.NetworkAdapterCollection",
                "Network Adapter Collection",
                s.dpuIds().stream().map(id -> V1 + "/Chassis/Host/NetworkAdapters/" + id).toList());
    }

    Optional<ObjectNode> networkAdapter(String id) {
        DpuPort d = s.dpu(id);
        if (d == null) return Optional.empty();
        ObjectNode n = Json.resource(V1 + "/Chassis/Host/NetworkAdapters/" + id,
                "#NetworkAdapter.v1_9_0.NetworkAdapter", id, id + " network adapter");
        n.put("Manufacturer", d.manufacturer());
        n.put("Model", d.model());
        n.put("SerialNumber", d.serialNumber());
        ObjectNode ctl = n.putArray("Controllers").addObject();
        ctl.putObject("Links").putArray("PCIeDevices").add(Json.link(V1 + "/Chassis/Host/PCIeDevices/" + id));
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        return Optional.of(n);
    }

    ObjectNode managers() {
        return collection(V1 + "/Managers", "#ManagerCollection.ManagerCollection", "Manager Collection",
                List.of(V1 + "/Managers/BMC"));
    }

    ObjectNode manager() {
        ObjectNode n = Json.resource(V1 + "/Managers/BMC", "#Manager.v1_17_0.Manager", "BMC", "hvlab BMC");
        n.put("ManagerType", "BMC");
        n.put("FirmwareVersion", RedfishService.FIRMWARE_VERSION);
        n.put("PowerState", "On");
        n.putObject("Status").put("State", "Enabled").put("Health", "OK");
        ObjectNode links = n.putObject("Links");
        ArrayNode servers = links.putArray("ManagerForServers");
        ArrayNode chassis = links.putArray("ManagerForChassis");
        for (String id : s.systemIds()) {
            servers.add(Json.link(V1 + "/Systems/" + id));
            chassis.add(Json.link(V1 + "/Chassis/" + id));
        }
        return n;
    }

    ObjectNode accountService() {
        ObjectNode n = Json.resource(V1 + "/AccountService", "#AccountService.v1_13_0.AccountService",
                "AccountService", "Account Service");
        n.put("ServiceEnabled", true);
        n.put("MinPasswordLength", RedfishService.MIN_PASSWORD);
        n.set("Accounts", Json.link(V1 + "/AccountService/Accounts"));
        n.set("Roles", Json.link(V1 + "/AccountService/Roles"));
        return n;
    }

    ObjectNode accounts() {
        return collection(V1 + "/AccountService/Accounts", "#ManagerAccountCollection.ManagerAccountCollection",
                "Accounts Collection", s.accounts().all().stream().map(a -> V1 + "/AccountService/Accounts/" + a.id())
                        .toList());
    }

    Optional<ObjectNode> account(String id) {
        return s.accounts().byId(id).map(a -> {
            ObjectNode n = Json.resource(V1 + "/AccountService/Accounts/" + id, "#ManagerAccount.v1_10_0.ManagerAccount",
                    id, "User Account");
            n.put("UserName", a.userName());
            n.put("RoleId", a.role().roleId());
            n.put("Enabled", a.enabled());
            n.put("Locked", false);
            n.putNull("Password");
            n.putObject("Links").set("Role", Json.link(V1 + "/AccountService/Roles/" + a.role().roleId()));
            return n;
        });
    }

    ObjectNode roles() {
        return collection(V1 + "/AccountService/Roles", "#RoleCollection.RoleCollection", "Roles Collection",
                java.util.Arrays.stream(Role.values()).map(r -> V1 + "/AccountService/Roles/" + r.roleId()).toList());
    }

    Optional<ObjectNode> role(String id) {
        return Role.ofRoleId(id).map(r -> {
            ObjectNode n = Json.resource(V1 + "/AccountService/Roles/" + id, "#Role.v1_3_1.Role", id, id + " role");
            n.put("RoleId", id);
            n.put("IsPredefined", true);
            ArrayNode p = n.putArray("AssignedPrivileges");
            r.privileges().forEach(x -> p.add(x.redfishName()));
            return n;
        });
    }

    ObjectNode sessionService() {
        ObjectNode n = Json.resource(V1 + "/SessionService", "#SessionService.v1_1_8.SessionService",
                "SessionService", "Session Service");
        n.put("ServiceEnabled", true);
        n.put("SessionTimeout", s.sessions().timeout().toSeconds());
        n.set("Sessions", Json.link(V1 + "/SessionService/Sessions"));
        return n;
    }

    ObjectNode sessionsCollection() {
        return collection(V1 + "/SessionService/Sessions", "#SessionCollection.SessionCollection",
                "Session Collection", s.sessions().live().stream().map(x -> V1 + "/SessionService/Sessions/" + x.id())
                        .toList());
    }

    static ObjectNode session(Sessions.Session x) {
        ObjectNode n = Json.resource(V1 + "/SessionService/Sessions/" + x.id(), "#Session.v1_6_0.Session", x.id(),
                "User Session");
        n.put("UserName", x.account().userName());
        n.put("CreatedTime", x.created().toString());
        return n;
    }

    ObjectNode taskService() {
        ObjectNode n = Json.resource(V1 + "/TaskService", "#TaskService.v1_2_0.TaskService", "TaskService",
                "Task Service");
        n.put("ServiceEnabled", true);
        n.put("CompletedTaskOverWritePolicy", "Manual");
        n.put("LifeCycleEventOnTaskStateChange", false);
        n.set("Tasks", Json.link(V1 + "/TaskService/Tasks"));
        return n;
    }

    ObjectNode tasks() {
        return collection(V1 + "/TaskService/Tasks", "#TaskCollection.TaskCollection", "Task Collection",
                s.tasks().all().stream().map(TaskRecord::path).toList());
    }
}
