package org.hvlab.bmc;

import java.util.Objects;
import java.util.UUID;

/**
 * What the BMC says about the host it manages: the {@code Physical} ComputerSystem and its chassis.
 *
 * @param platform the platform catalog id, e.g. {@code ampere-altra}
 * @param name     a display name, e.g. {@code edge-01}
 * @param uuid     the system UUID the service root and the system report
 */
public record HostDescription(String platform, String name, String manufacturer, String model, String serialNumber,
                              UUID uuid) {
    public HostDescription {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(uuid, "uuid");
    }

    /** A host of platform {@code platform} named {@code name}, with a UUID derived from both (stable across runs). */
    public static HostDescription of(String platform, String name) {
        UUID uuid = UUID.nameUUIDFromBytes((platform + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new HostDescription(platform, name, "hvlab", platform, "HV-" + uuid.toString().substring(0, 8), uuid);
    }
}
