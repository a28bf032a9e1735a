package org.hvlab.bmc.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * A request the service refuses: an HTTP status, a Base registry message id and text. Thrown by handlers before
 * they change any state, turned into a Redfish error body ({@code error} with {@code @Message.ExtendedInfo}).
 */
public final class RedfishError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final String BASE = "Base.1.16.";

    private final int status;
    private final String messageId;
    private final List<String> args;
    private final String resolution;
    private final Map<String, String> headers;

    public RedfishError(int status, String messageKey, String message, List<String> args, String resolution) {
        super(message, null, false, false);
        this.status = status;
        this.messageId = messageKey.contains(".") ? messageKey : BASE + messageKey;
        this.args = List.copyOf(args);
        this.resolution = resolution;
        this.headers = Map.of();
    }

    private RedfishError(RedfishError e, Map<String, String> headers) {
        super(e.getMessage(), null, false, false);
        this.status = e.status;
        this.messageId = e.messageId;
        this.args = e.args;
        this.resolution = e.resolution;
        this.headers = Map.copyOf(headers);
    }

    /** The same error with extra response headers (e.g. {@code Allow} on a 405). */
    public RedfishError withHeaders(Map<String, String> extra) {
        return new RedfishError(this, extra);
    }

    public Map<String, String> headers() { return headers; }

    /** 413: a body larger than the service takes. */
    public static RedfishError payloadTooLarge(long limitBytes) {
        return of(413, "GeneralError", "The request body is larger than the " + limitBytes + " bytes this URI "
                + "accepts (for the push URI: MaxImageSizeBytes of UpdateService plus the multipart framing).",
                "Send a smaller body; see MaxImageSizeBytes at /redfish/v1/UpdateService.");
    }

    /** 400: a body that could not be read (truncated, malformed multipart). */
    public static RedfishError unreadableBody(String detail) {
        return of(400, "GeneralError", "The request body could not be read: " + detail + ".",
                "Resend the complete request; a multipart body needs its closing boundary.");
    }

    /** 500: a failure outside the service's own checks. */
    public static RedfishError internal(Throwable e) {
        return of(500, "InternalError", "The request failed because of an internal service error: "
                + e.getClass().getSimpleName() + ".", "Resubmit the request; if it fails again, reset the service.");
    }

    public static RedfishError of(int status, String messageKey, String message, String resolution) {
        return new RedfishError(status, messageKey, message, List.of(), resolution);
    }

    public int status() { return status; }

    public String messageId() { return messageId; }

    public static RedfishError unauthorized() {
        return of(401, "NoValidSession", "There is no valid session established with the implementation.",
                "Send Basic credentials or an X-Auth-Token from POST /redfish/v1/SessionService/Sessions.");
    }

    /** 404 ResourceNotFound with the registry's two arguments: the resource type and its name. */
    public static RedfishError notFound(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        String parent = slash > 0 ? path.substring(path.lastIndexOf('/', slash - 1) + 1, slash) : "";
        String type = TYPES.getOrDefault(parent, "Resource");
        return new RedfishError(404, "ResourceNotFound", "The requested resource of type " + type + " named '" + name
                + "' was not found (" + path + ").", List.of(type, name), "Start from /redfish/v1 and follow its links.");
    }

    /** The resource type of a collection's members, for ResourceNotFound. */
    private static final Map<String, String> TYPES = Map.ofEntries(Map.entry("Systems", "ComputerSystem"),
            Map.entry("Chassis", "Chassis"), Map.entry("Managers", "Manager"), Map.entry("Sessions", "Session"),
            Map.entry("Accounts", "ManagerAccount"), Map.entry("Roles", "Role"), Map.entry("Tasks", "Task"),
            Map.entry("TaskMonitors", "Task"), Map.entry("FirmwareInventory", "SoftwareInventory"),
            Map.entry("PCIeDevices", "PCIeDevice"), Map.entry("PCIeFunctions", "PCIeFunction"),
            Map.entry("NetworkAdapters", "NetworkAdapter"), Map.entry("Actions", "Action"));

    public static RedfishError insufficientPrivilege(String user, String role, String needed) {
        return new RedfishError(403, "InsufficientPrivilege", "Account " + user + " (role " + role
                + ") lacks the " + needed + " privilege this operation requires.", List.of(),
                "Use an account whose role grants " + needed + ": " + rolesWith(needed) + ".");
    }

    /** The standard roles that carry {@code privilege}, e.g. {@code Operator or Administrator}. */
    private static String rolesWith(String privilege) {
        java.util.List<String> roles = new java.util.ArrayList<>();
        for (org.hvlab.bmc.Role r : org.hvlab.bmc.Role.values()) {
            if (r.privileges().stream().anyMatch(p -> p.redfishName().equals(privilege))) roles.add(r.roleId());
        }
        java.util.Collections.reverse(roles);
        return roles.isEmpty() ? "none of the standard roles" : String.join(" or ", roles);
    }

    public static RedfishError malformedJson(String detail) {
        return new RedfishError(400, "MalformedJSON", "The request body submitted was malformed JSON: " + detail,
                List.of(), "Correct the request body and resubmit the request.");
    }

    /** 405 OperationNotAllowed with the {@code Allow} header listing what the resource takes. */
    public static RedfishError methodNotAllowed(String method, String path, List<String> allow) {
        return of(405, "OperationNotAllowed", method + " is not allowed on " + path + "; it allows "
                + String.join(", ", allow) + ".", "Use one of: " + String.join(", ", allow) + ".")
                .withHeaders(Map.of("Allow", String.join(", ", allow)));
    }

    /** 412 for an {@code OData-Version} request header other than 4.0. */
    public static RedfishError odataVersion(String version) {
        return of(412, "PreconditionFailed", "The request asks for OData-Version " + version + "; this service "
                + "speaks OData-Version 4.0 only.", "Send OData-Version: 4.0 or leave the header out.");
    }

    /** 415 for a request body in a media type the URI does not take. */
    public static RedfishError unsupportedMediaType(String contentType, String expected) {
        return of(415, "GeneralError", "The request body's Content-Type " + contentType + " is not supported here; "
                + "this URI takes " + expected + ".", "Send the body as " + expected + ".");
    }

    public static RedfishError propertyMissing(String property) {
        return new RedfishError(400, "PropertyMissing", "The property " + property
                + " is a required property and must be included in the request.", List.of(property),
                "Include " + property + " in the request body.");
    }

    public static RedfishError valueNotInList(String value, String property, List<String> allowed) {
        return new RedfishError(400, "PropertyValueNotInList", "The value " + value + " for the property "
                + property + " is not in the list of acceptable values: " + String.join(", ", allowed) + ".",
                List.of(value, property), "Choose one of: " + String.join(", ", allowed) + ".");
    }

    /** The Redfish error body. */
    public ObjectNode body() {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("code", messageId);
        error.put("message", getMessage());
        ArrayNode infos = error.putArray("@Message.ExtendedInfo");
        ObjectNode info = infos.addObject();
        info.put("@odata.type", "#Message.v1_1_1.Message");
        info.put("MessageId", messageId);
        info.put("Message", getMessage());
        ArrayNode a = info.putArray("MessageArgs");
        args.forEach(a::add);
        info.put("Severity", status >= 500 ? "Critical" : "Warning");
        info.put("Resolution", resolution);
        return root;
    }
}
