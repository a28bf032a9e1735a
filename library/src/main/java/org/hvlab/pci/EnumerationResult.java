package org.hvlab.pci;

import java.util.List;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What one guest enumeration of an ECAM window cost under one strategy: the functions found, the config accesses,
 * the VM exits they caused (split into accesses to absent and to present functions), the modelled cycles, and the
 * emulator's own wall time (measured, not modelled).
 *
 * @param strategy       how absent functions were mapped
 * @param mode           OS_SCAN or BRUTE_FORCE
 * @param buses          buses in the window
 * @param functions      the functions found, in discovery order
 * @param configReads    config loads the guest made
 * @param configWrites   config stores the guest made
 * @param exits          VM exits taken
 * @param absentExits    of those, exits on absent functions (trapped reads, dropped writes)
 * @param presentExits   of those, exits emulated by present functions' device models
 * @param modelCycles    cycles the cost model charged
 * @param modelNanos     those cycles at the platform's clock
 * @param emulatorNanos  wall time the emulator took (measured)
 */
public record EnumerationResult(AbsentFunctionStrategy strategy, EnumerationMode mode, int buses, List<Bdf> functions,
                                long configReads, long configWrites, long exits, long absentExits, long presentExits,
                                long modelCycles, long modelNanos, long emulatorNanos) implements Renderable {

    public EnumerationResult {
        functions = List.copyOf(functions);
    }

    /** One row with the numbers ({@code functions_found} counts the list). */
    public Table table() {
        return Table.create("enumeration",
                StringColumn.create("strategy", List.of(strategy.name())),
                StringColumn.create("mode", List.of(mode.name())),
                IntColumn.create("buses", new int[] {buses}),
                IntColumn.create("functions_found", new int[] {functions.size()}),
                LongColumn.create("config_reads", configReads),
                LongColumn.create("config_writes", configWrites),
                LongColumn.create("exits", exits),
                LongColumn.create("absent_exits", absentExits),
                LongColumn.create("present_exits", presentExits),
                LongColumn.create("model_cycles", modelCycles),
                LongColumn.create("model_ns", modelNanos),
                LongColumn.create("emulator_ns", emulatorNanos));
    }

    @Override
    public String toText() {
        return String.format("%s %s over %d buses: %d functions, %d reads + %d writes, %d exits (%d absent, %d present), "
                        + "%,d model cycles (%.3f ms modelled), %.3f ms emulator", strategy, mode, buses, functions.size(),
                configReads, configWrites, exits, absentExits, presentExits, modelCycles, modelNanos / 1e6, emulatorNanos / 1e6);
    }

    @Override
    public String toString() {
        return toText();
    }
}
