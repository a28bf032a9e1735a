package org.hvlab.bmc.internal;

import java.util.List;

/** The writable parts of one ComputerSystem: boot override, asset tag, power state. Guarded by the service lock. */
final class SystemState {
    static final List<String> OVERRIDE_ENABLED = List.of("Disabled", "Once", "Continuous");
    static final List<String> OVERRIDE_TARGETS = List.of("None", "Pxe", "Hdd", "Cd", "UefiShell", "UefiHttp",
            "BiosSetup");
    static final List<String> RESET_TYPES = org.hvlab.bmc.ResetType.names();

    String bootOverrideEnabled = "Disabled";
    String bootOverrideTarget = "None";
    String assetTag = "";
    String powerState = "On";
    int resets;
}
