package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PATCH of a ComputerSystem: {@code AssetTag} and {@code Boot.BootSourceOverrideEnabled/Target}. The request is
 * checked whole (unknown properties, values, the {@code If-Match} ETag) under the service lock before any field
 * changes.
 */
final class SystemPatch {
    private static final Set<String> TOP = Set.of("AssetTag", "Boot");
    private static final Set<String> BOOT = Set.of("BootSourceOverrideEnabled", "BootSourceOverrideTarget");

    private SystemPatch() {}

    static Reply apply(RedfishService service, Resources resources, String id, ObjectNode req, String ifMatch) {
        for (String f : RedfishService.fieldNames(req)) {
            if (f.startsWith("@odata.")) continue;
            if (!TOP.contains(f)) throw unknown(f);
        }
        String assetTag = null;
        if (req.has("AssetTag")) assetTag = RedfishService.text(req, "AssetTag");
        String enabled = null;
        String target = null;
        JsonNode boot = req.get("Boot");
        if (boot != null) {
            if (!boot.isObject()) {
                throw new RedfishError(400, "PropertyValueTypeError", "The value of Boot must be an object.",
                        List.of("Boot"), "Send Boot as {\"BootSourceOverrideTarget\": ...}.");
            }
            ObjectNode b = (ObjectNode) boot;
            for (String f : RedfishService.fieldNames(b)) if (!BOOT.contains(f)) throw unknown("Boot/" + f);
            if (b.has("BootSourceOverrideEnabled")) {
                enabled = RedfishService.text(b, "BootSourceOverrideEnabled");
                if (!SystemState.OVERRIDE_ENABLED.contains(enabled)) {
                    throw RedfishError.valueNotInList(enabled, "BootSourceOverrideEnabled", SystemState.OVERRIDE_ENABLED);
                }
            }
            if (b.has("BootSourceOverrideTarget")) {
                target = RedfishService.text(b, "BootSourceOverrideTarget");
                if (!SystemState.OVERRIDE_TARGETS.contains(target)) {
                    throw RedfishError.valueNotInList(target, "BootSourceOverrideTarget", SystemState.OVERRIDE_TARGETS);
                }
            }
        }
        synchronized (service) {
            String current = RedfishService.etag(Json.bytes(resources.system(id).orElseThrow()));
            if (ifMatch != null && !matches(ifMatch, current)) {
                throw new RedfishError(412, "PreconditionFailed", "The ETag " + ifMatch + " in If-Match does not match "
                        + "the current ETag " + current + " of /redfish/v1/Systems/" + id + "; nothing was changed.",
                        List.of(), "GET the resource again and resend the PATCH with its ETag.");
            }
            SystemState st = service.systemState(id);
            if (assetTag != null) st.assetTag = assetTag;
            if (enabled != null) st.bootOverrideEnabled = enabled;
            if (target != null) st.bootOverrideTarget = target;
            ObjectNode now = resources.system(id).orElseThrow();
            return new Reply(200, now, Map.of("ETag", RedfishService.etag(Json.bytes(now))));
        }
    }

    private static boolean matches(String ifMatch, String current) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || strip(t).equals(strip(current))) return true;
        }
        return false;
    }

    private static String strip(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static RedfishError unknown(String f) {
        return new RedfishError(400, "PropertyUnknown", "The property " + f + " is not in the list of valid "
                + "properties for the resource (AssetTag, Boot/BootSourceOverrideEnabled, Boot/BootSourceOverrideTarget).",
                List.of(f), "Remove " + f + " from the request body.");
    }
}
