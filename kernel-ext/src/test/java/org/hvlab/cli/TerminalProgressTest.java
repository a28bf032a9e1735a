package org.hvlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.hvlab.core.Progress;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

    @Test
    void should_print_one_line_per_quarter_when_not_on_a_terminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TerminalProgress sink = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        try (Progress.Installed ignored = Progress.install(sink); Progress.Task t = Progress.start("scan", 100)) {
            for (int i = 0; i < 100; i++) t.update(i + 1, "bus " + i);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("scan [").contains("100%").contains("done");
        assertThat(out.lines().count()).isBetween(2L, 7L);
    }

    @Test
    void should_stop_a_task_at_its_next_check_when_cancelled() {
        TerminalProgress sink = new TerminalProgress(new PrintStream(new ByteArrayOutputStream()), true);
        try (Progress.Installed ignored = Progress.install(sink); Progress.Task t = Progress.start("provision", 10)) {
            t.advance(3);
            sink.cancel();
            assertThatThrownBy(() -> t.advance(1)).isInstanceOf(Progress.CancelledException.class)
                    .hasMessageContaining("'provision' was cancelled after 4 of 10");
        }
    }

    @Test
    void should_draw_a_bar_of_fixed_width() {
        TerminalProgress sink = new TerminalProgress(new PrintStream(new ByteArrayOutputStream()), true);
        try (Progress.Installed ignored = Progress.install(sink); Progress.Task t = Progress.start("fetch", 4)) {
            t.advance(2);
            assertThat(TerminalProgress.line(t)).startsWith("fetch [" + "#".repeat(15) + " ".repeat(15) + "]  50%");
        }
    }
}
