package org.hvlab.bmc.redfish;

/** A Redfish resource path such as {@code /redfish/v1/Systems/DPU0}: absolute, no query, no trailing slash. */
public record RedfishPath(String value) implements Comparable<RedfishPath> {
    public static final RedfishPath SERVICE_ROOT = new RedfishPath("/redfish/v1");

    public RedfishPath {
        if (value == null || !value.startsWith("/redfish") || value.contains("?") || value.contains(" ")) {
            throw new RedfishException(RedfishException.Reason.BAD_PATH, 0, "'" + value + "' is not a Redfish path",
                    "a Redfish path is absolute and starts with /redfish, e.g. /redfish/v1/Systems",
                    "Write it like RedfishPath.of(\"/redfish/v1/Systems/DPU0\")");
        }
        while (value.length() > 1 && value.endsWith("/")) value = value.substring(0, value.length() - 1);
    }

    public static RedfishPath of(String value) {
        return new RedfishPath(value);
    }

    /** This path with one more segment. */
    public RedfishPath resolve(String segment) {
        return new RedfishPath(value + "/" + segment);
    }

    /** The last segment, which is the resource's Id for members. */
    public String lastSegment() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    @Override
    public int compareTo(RedfishPath o) { return value.compareTo(o.value); }

    @Override
    public String toString() { return value; }
}
