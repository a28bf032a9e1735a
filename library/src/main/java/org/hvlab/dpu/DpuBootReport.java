package org.hvlab.dpu;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hvlab.core.Html;
import org.hvlab.core.Renderable;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What one DPU boot did: the slots it tried in order, what verification found in each, which one came up (if any)
 * and why.
 *
 * @param dpu        the DPU's name
 * @param bootNumber 1 for the first boot of this DPU object, then counting up
 * @param attempts   the slots tried, active first
 */
public record DpuBootReport(String dpu, int bootNumber, List<BootAttempt> attempts) implements Renderable {

    public DpuBootReport {
        Objects.requireNonNull(dpu, "dpu");
        attempts = List.copyOf(attempts);
    }

    /** The slot the DPU came up from; empty when no slot verified. */
    public Optional<SlotId> slot() {
        return attempts.stream().filter(BootAttempt::booted).map(BootAttempt::slot).findFirst();
    }

    /** The image now running. */
    public Optional<DpuImage> image() {
        return attempts.stream().filter(BootAttempt::booted).findFirst().flatMap(a -> a.check().image());
    }

    public boolean cameUp() {
        return slot().isPresent();
    }

    /** Whether the active slot failed and the DPU came up from the other one. */
    public boolean fellBack() {
        return cameUp() && !attempts.get(0).booted();
    }

    /** One sentence: which slot came up and why. */
    public String summary() {
        BootAttempt first = attempts.get(0);
        if (first.booted()) {
            return dpu + " booted slot " + first.slot() + " (active): " + describe(first);
        }
        Optional<BootAttempt> up = attempts.stream().filter(BootAttempt::booted).findFirst();
        String failed = "slot " + first.slot() + " (active) failed verification: " + first.check().detail();
        if (up.isPresent()) {
            return dpu + " fell back to slot " + up.get().slot() + ", " + failed + "; slot " + up.get().slot()
                    + ": " + describe(up.get()) + "; slot " + up.get().slot() + " is now active";
        }
        return dpu + " did not boot: " + failed + (attempts.size() > 1 ? "; slot " + attempts.get(1).slot() + ": "
                + attempts.get(1).check() : "");
    }

    private static String describe(BootAttempt a) {
        return a.check().image().map(i -> i.model() + " management OS " + i.version() + " (" + i.build() + ")")
                .orElse("?") + ", " + a.check().detail();
    }

    /** One row per slot tried: slot, status, version, build, booted, detail. */
    public Table table() {
        Table t = Table.create(dpu + " boot " + bootNumber);
        t.addColumns(StringColumn.create("slot", attempts.stream().map(a -> a.slot().name())),
                StringColumn.create("status", attempts.stream().map(a -> a.check().status().name())),
                StringColumn.create("version", attempts.stream().map(a -> a.check().image().map(DpuImage::version).orElse(""))),
                StringColumn.create("build", attempts.stream().map(a -> a.check().image().map(DpuImage::build).orElse(""))),
                BooleanColumn.create("booted", attempts.stream().map(BootAttempt::booted).toList()),
                StringColumn.create("detail", attempts.stream().map(a -> a.check().detail())));
        return t;
    }

    @Override
    public String toText() {
        return summary();
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<div class=\"hvlab-dpu-boot\"><p>").append(Html.escape(summary()))
                .append("</p><table><tr><th>slot</th><th>status</th><th>version</th><th>build</th><th>booted</th>"
                        + "<th>detail</th></tr>");
        for (BootAttempt a : attempts) {
            sb.append("<tr><td>").append(a.slot()).append("</td><td>").append(a.check().status()).append("</td><td>")
                    .append(Html.escape(a.check().image().map(DpuImage::version).orElse(""))).append("</td><td>")
                    .append(Html.escape(a.check().image().map(DpuImage::build).orElse(""))).append("</td><td>")
                    .append(a.booted() ? "yes" : "").append("</td><td>").append(Html.escape(a.check().detail()))
                    .append("</td></tr>");
        }
        return sb.append("</table></div>").toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
