package org.hvlab.bmc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code ResetType} values of {@code ComputerSystem.Reset} this BMC carries out (DMTF Resource schema). */
public enum ResetType {
    /** Powers the system on; a system that is already on is left running (no reboot). */
    On,
    /** Turns the power off at once. */
    ForceOff,
    /** Shuts down in order, then restarts. */
    GracefulRestart,
    /** Restarts at once. */
    ForceRestart,
    /** Turns the power off, then on. */
    PowerCycle;

    /** All values as Redfish spells them, for {@code ResetType@Redfish.AllowableValues}. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }

    /** The value spelled {@code name}, or empty. */
    public static Optional<ResetType> of(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    /** True for the values that restart a running system. */
    public boolean restarts() {
        return this == GracefulRestart || this == ForceRestart || this == PowerCycle;
    }
}
