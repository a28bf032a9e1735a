package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two OData documents DSP0266 asks a Redfish service to serve without authentication: the CSDL metadata
 * document at {@code /redfish/v1/$metadata}, which references each DMTF schema the service's resources use, and
 * the OData service document at {@code /redfish/v1/odata}, which lists the top-level resources.
 */
final class ODataDocuments {
    static final String METADATA = Resources.V1 + "/$metadata";
    static final String SERVICE = Resources.V1 + "/odata";

    /** Versioned namespaces of the resource types the service emits (their {@code @odata.type}). */
    private static final List<String> VERSIONED = List.of("ServiceRoot.v1_15_0", "ComputerSystem.v1_20_0",
            "Chassis.v1_21_0", "Manager.v1_17_0", "AccountService.v1_13_0", "ManagerAccount.v1_10_0", "Role.v1_3_1",
            "SessionService.v1_1_8", "Session.v1_6_0", "UpdateService.v1_11_0", "SoftwareInventory.v1_10_0",
            "TaskService.v1_2_0", "Task.v1_7_1", "PCIeDevice.v1_11_0", "PCIeFunction.v1_5_0",
            "NetworkAdapter.v1_9_0", "Message.v1_1_1");
    /** Collections the service emits. */
    private static final List<String> COLLECTIONS = List.of("ComputerSystemCollection", "ChassisCollection",
            "ManagerCollection", "ManagerAccountCollection", "RoleCollection", "SessionCollection",
            "SoftwareInventoryCollection", "TaskCollection", "PCIeDeviceCollection", "PCIeFunctionCollection",
            "NetworkAdapterCollection");
    private static final String SCHEMAS = "http://redfish.dmtf.org/schemas/v1/";

    private ODataDocuments() {}

    /** The CSDL (OData 4.0 XML) metadata document. */
    static byte[] metadata() {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\" Version=\"4.0\">\n");
        reference(x, "RedfishExtensions_v1.xml", List.of("RedfishExtensions.v1_0_0"), "Redfish");
        reference(x, "Resource_v1.xml", List.of("Resource", "Resource.v1_0_0"), null);
        for (String v : VERSIONED) {
            String name = v.substring(0, v.indexOf('.'));
            reference(x, name + "_v1.xml", List.of(name, v), null);
        }
        for (String c : COLLECTIONS) reference(x, c + "_v1.xml", List.of(c), null);
        x.append("  <edmx:DataServices>\n");
        x.append("    <Schema xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"Service\">\n");
        x.append("      <EntityContainer Name=\"Service\" Extends=\"ServiceRoot.v1_15_0.ServiceContainer\"/>\n");
        x.append("    </Schema>\n");
        x.append("  </edmx:DataServices>\n");
        x.append("</edmx:Edmx>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void reference(StringBuilder x, String file, List<String> namespaces, String alias) {
        x.append("  <edmx:Reference Uri=\"").append(SCHEMAS).append(file).append("\">\n");
        for (String ns : namespaces) {
            x.append("    <edmx:Include Namespace=\"").append(ns).append('"');
            if (alias != null) x.append(" Alias=\"").append(alias).append('"');
            x.append("/>\n");
        }
        x.append("  </edmx:Reference>\n");
    }

    /** The OData service document: one singleton per top-level resource of the service root. */
    static ObjectNode service() {
        ObjectNode n = Json.object();
        n.put("@odata.context", METADATA);
        ArrayNode v = n.putArray("value");
        entry(v, "Service", Resources.V1 + "/");
        for (String c : List.of("Systems", "Chassis", "Managers", "AccountService", "SessionService", "UpdateService",
                "TaskService")) {
            entry(v, c, Resources.V1 + "/" + c);
        }
        entry(v, "Sessions", Resources.V1 + "/SessionService/Sessions");
        return n;
    }

    private static void entry(ArrayNode v, String name, String url) {
        ObjectNode e = v.addObject();
        e.put("name", name);
        e.put("kind", "Singleton");
        e.put("url", url);
    }
}
