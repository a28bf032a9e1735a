package org.hvlab.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hvlab.fixture.FakeServer;
import org.hvlab.kernel.execution.CellResult;
import org.hvlab.kernel.runtime.CellStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The kernel in-process: cells, errors, interrupt, System.exit, leaks, displays, magics. */
class KernelTest {
    static Kernel kernel;
    static CellStreams streams;

    @BeforeAll
    static void start() {
        streams = CellStreams.install();
        kernel = new Kernel(KernelConfig.defaults());
    }

    @AfterAll
    static void stop() {
        kernel.close();
        streams.close();
    }

    static Kernel.Outcome run(String code, RecordingOutput out) {
        Kernel.Outcome o = kernel.execute(code, true, out);
        streams.flush();
        return o;
    }

    static Kernel.Outcome run(String code) {
        return run(code, new RecordingOutput());
    }

    static CellResult.Failed failed(Kernel.Outcome o) {
        assertThat(o.result()).isInstanceOf(CellResult.Failed.class);
        return (CellResult.Failed) o.result();
    }

    @Test
    void should_render_the_value_of_a_final_expression() {
        Kernel.Outcome o = run("int a = 20;\na + 22");
        assertThat(o.value()).isPresent();
        assertThat(o.value().get().get("text/plain")).isEqualTo("42");
    }

    @Test
    void should_not_render_a_value_when_the_cell_ends_with_a_semicolon() {
        assertThat(run("Math.max(1, 2);").value()).isEmpty();
    }

    @Test
    void should_send_stdout_to_the_cell() {
        RecordingOutput out = new RecordingOutput();
        run("System.out.println(\"hello, world\");", out);
        assertThat(out.text("stdout")).isEqualTo("hello, world\n");
    }

    @Test
    void should_name_the_line_within_the_cell_of_a_compile_error() {
        CellResult.Failed f = failed(run("int ok = 1;\n\nint bad = missingName + 1;"));
        assertThat(f.evalue()).startsWith("cell line 3:").contains("cannot find symbol");
        assertThat(String.join("\n", f.traceback())).contains("missingName");
    }

    @Test
    void should_show_only_user_frames_of_an_exception() {
        run("void explode() { throw new IllegalStateException(\"boom\"); }");
        CellResult.Failed f = failed(run("int z = 0;\nexplode();"));
        assertThat(f.ename()).isEqualTo("java.lang.IllegalStateException");
        assertThat(f.evalue()).isEqualTo("boom");
        String tb = String.join("\n", f.traceback());
        assertThat(tb).contains("explode").contains("cell line 2")
                .doesNotContain("jdk.jshell").doesNotContain("reflect").doesNotContain("org.hvlab.kernel");
    }

    @Test
    void should_show_a_lab_exception_as_its_message_only() {
        CellResult.Failed f = failed(run("throw new org.hvlab.kernel.KernelException("
                + "org.hvlab.kernel.KernelException.Reason.MAGIC, \"IPA 0x8000_0000 is not mapped\", \"RAM ends lower\","
                + " \"Map it with vm.map(..)\");"));
        assertThat(f.traceback()).hasSize(1);
        assertThat(f.traceback().get(0)).contains("IPA 0x8000_0000 is not mapped: RAM ends lower. Map it with vm.map(..)")
                .doesNotContain("\tat ").doesNotContain("    at ");
    }

    @Test
    void should_show_a_registered_rendering_of_a_thrown_exception() {
        kernel.renderer().createRegistration(UnsupportedOperationException.class).preferring("text/html")
                .register((e, ctx) -> ctx.renderIfRequested("text/html", () -> "<b>" + e.getMessage() + "</b>"));
        RecordingOutput out = new RecordingOutput();
        failed(run("throw new UnsupportedOperationException(\"not here\");", out));
        assertThat(out.of("display")).singleElement().extracting(e -> e.bundle().get("text/html"))
                .isEqualTo("<b>not here</b>");
    }

    @Test
    void should_keep_the_kernel_usable_after_a_cell_throws() {
        run("int before = 7;");
        failed(run("Integer.parseInt(\"x\")"));
        assertThat(run("before * 6").value().get().get("text/plain")).isEqualTo("42");
    }

    @Test
    void should_stop_a_cell_that_calls_system_exit_and_keep_the_kernel() {
        run("int survivor = 5;");
        CellResult.Failed f = failed(run("System.exit(3);"));
        assertThat(f.ename()).isEqualTo("SystemExit");
        assertThat(f.evalue()).contains("System.exit(3)");
        failed(run("void quit() { try { System.exit(4); } catch (Exception e) { } }\nquit();"));
        assertThat(failed(run("Runtime.getRuntime().halt(6);")).evalue()).contains("Runtime.halt(6)");
        assertThat(failed(run("Runtime rt = Runtime.getRuntime();\nrt.exit(7);")).evalue()).contains("Runtime.exit(7)");
        assertThat(run("survivor").value().get().get("text/plain")).isEqualTo("5");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void should_interrupt_a_runaway_loop_and_keep_earlier_variables() throws Exception {
        run("int kept = 41;");
        CompletableFuture<Kernel.Outcome> cell = CompletableFuture.supplyAsync(() -> run("while (true) { }"));
        while (!cell.isDone()) {
            Thread.sleep(200);
            kernel.interrupt();
        }
        assertThat(failed(cell.get()).ename()).isEqualTo("Interrupted");
        assertThat(run("kept + 1").value().get().get("text/plain")).isEqualTo("42");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void should_stop_a_runaway_cell_with_one_interrupt_sent_while_jshell_still_compiles_it() throws Exception {
        run("int kept = 1;");
        CompletableFuture<Kernel.Outcome> cell = CompletableFuture.supplyAsync(() -> run(
                "for (long spins = 0; ; spins++) { }"));
        while (!kernel.executing()) Thread.onSpinWait();
        kernel.interrupt(); // once, as soon as the cell starts: JShell is still splitting or compiling it
        assertThat(failed(cell.get(30, TimeUnit.SECONDS)).ename()).isEqualTo("Interrupted");
        assertThat(run("kept").value().get().get("text/plain")).isEqualTo("1");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void should_interrupt_a_cell_blocked_in_sleep() throws Exception {
        CompletableFuture<Kernel.Outcome> cell = CompletableFuture.supplyAsync(() -> run("Thread.sleep(600_000);"));
        while (!cell.isDone()) {
            Thread.sleep(200);
            kernel.interrupt();
        }
        assertThat(failed(cell.get()).ename()).isEqualTo("Interrupted");
        assertThat(run("1 + 1").value()).isPresent();
    }

    /** Starts a cell looping on {@code body} forever inside a progress task {@code t}. */
    private CompletableFuture<Kernel.Outcome> spinInProgressTask(String body, RecordingOutput out) {
        return CompletableFuture.supplyAsync(() -> run(
                "try (var t = org.hvlab.core.Progress.start(\"spin\", 0)) {\n  while (true) { " + body + " }\n}", out));
    }

    /** Interrupts the kernel every 200 ms (after {@code firstMillis}) until the cell has ended. */
    private Kernel.Outcome interruptUntilDone(CompletableFuture<Kernel.Outcome> cell, long firstMillis)
            throws Exception {
        Thread.sleep(firstMillis);
        while (!cell.isDone()) {
            Thread.sleep(200);
            kernel.interrupt();
        }
        return cell.get();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void should_cancel_a_progress_task_on_interrupt() throws Exception {
        RecordingOutput out = new RecordingOutput();
        Kernel.Outcome o = interruptUntilDone(spinInProgressTask("t.advance(1); Thread.onSpinWait();", out), 0);
        assertThat(failed(o).ename()).isIn("CancelledException", "Interrupted");
        assertThat(out.of("display")).isNotEmpty();
        assertThat(out.of("display").get(0).bundle().data()).containsKey("text/html");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void should_stop_a_library_loop_through_progress_alone_and_update_its_bar_live() throws Exception {
        // the loop swallows JShell's own stop (ThreadDeath on JDK 17), as library code that catches broadly might:
        // the progress task's cancellation ends it within a second; without it, only a ThreadDeath that happens to
        // land outside the catch would, which took 34 s when tried (the kernel keeps stopping for 30 s): hence the
        // 20 s bound, a liveness limit far above either path's timing, not a speed target
        RecordingOutput out = new RecordingOutput();
        // 600 ms first: long enough for the bar to be redrawn
        Kernel.Outcome o = interruptUntilDone(spinInProgressTask(
                "try { t.advance(1); Thread.onSpinWait(); } catch (ThreadDeath d) { }", out), 600);
        // it ended at all, so the task's cancellation did it; the kernel names the cause the user knows
        assertThat(failed(o).ename()).isEqualTo("Interrupted");
        assertThat(out.of("display")).isNotEmpty();
        assertThat(out.of("update")).as("update_display_data while the task runs").isNotEmpty();
    }

    @Test
    void should_close_the_object_an_expression_cell_made_when_the_same_cell_runs_again() {
        int before = FakeServer.CLOSED.get();
        run("new org.hvlab.fixture.FakeServer()");
        run("new org.hvlab.fixture.FakeServer()");
        assertThat(FakeServer.CLOSED.get()).isEqualTo(before + 1);
        run("new org.hvlab.fixture.FakeServer().toString()"); // another expression, no tracked value: nothing closed
        assertThat(FakeServer.CLOSED.get()).isEqualTo(before + 1);
        run("%close"); // the shared kernel keeps nothing of this test's for the next one
        assertThat(FakeServer.CLOSED.get()).isEqualTo(before + 2);
    }

    @Test
    void should_close_an_hvlab_resource_when_its_variable_is_redefined() {
        int before = FakeServer.CLOSED.get();
        run("var server = new org.hvlab.fixture.FakeServer();");
        run("var server = new org.hvlab.fixture.FakeServer();");
        assertThat(FakeServer.CLOSED.get()).isEqualTo(before + 1);
        run("server = new org.hvlab.fixture.FakeServer();");
        assertThat(FakeServer.CLOSED.get()).isEqualTo(before + 2);
        RecordingOutput out = new RecordingOutput();
        Kernel.Outcome closed = run("%close", out);
        assertThat(closed.value().get().get("text/plain").toString()).contains("server");
        assertThat(FakeServer.CLOSED.get()).isEqualTo(before + 3);
    }

    @Test
    void should_display_and_update_in_place_and_clear() {
        RecordingOutput out = new RecordingOutput();
        run("String id = display(\"first\");\nupdateDisplay(id, \"second\");\nclearOutput();", out);
        assertThat(out.of("display")).hasSize(1);
        assertThat(out.of("update")).hasSize(1);
        assertThat(out.of("update").get(0).displayId()).isEqualTo(out.of("display").get(0).displayId());
        assertThat(out.of("update").get(0).bundle().get("text/plain")).isEqualTo("second");
        assertThat(out.of("clear")).hasSize(1);
    }

    @Test
    void should_render_a_table_as_html() {
        Kernel.Outcome o = run("Table.create(\"t\", IntColumn.create(\"a\", 1, 2, 3))");
        assertThat(o.value().get().get("text/html").toString()).contains("<table").contains("<td>3</td>");
    }

    @Test
    void should_name_the_cell_line_of_a_compile_error_under_a_cell_magic() {
        CellResult.Failed f = failed(run("\n%%time\nint fine = 1;\nint broken = nowhere;"));
        assertThat(f.evalue()).startsWith("cell line 4:");
    }

    @Test
    void should_take_an_ijava_renderer_snippet_without_its_import_line() {
        run("record Badge(String text) {}");
        Kernel.Outcome reg = run("getKernelInstance().getRenderer().createRegistration(Badge.class)\n"
                + "    .preferring(MIMEType.TEXT_HTML)\n"
                + "    .register((b, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> \"<b>\" + b.text() + \"</b>\"));");
        assertThat(reg.result()).as(String.valueOf(reg.result())).isInstanceOf(CellResult.Ok.class);
        assertThat(run("new Badge(\"ok\")").value().get().get("text/html")).isEqualTo("<b>ok</b>");
    }

    @Test
    void should_time_a_cell_and_list_variables() {
        RecordingOutput out = new RecordingOutput();
        Kernel.Outcome o = run("%%time\nint timed = 3;\ntimed * 2", out);
        assertThat(out.text("stdout")).contains("Wall time:");
        assertThat(o.value().get().get("text/plain")).isEqualTo("6");
        Kernel.Outcome vars = run("%vars");
        assertThat(vars.value().get().get("text/plain").toString()).contains("timed").contains("int").contains("3");
        String magics = run("%lsmagic").value().get().get("text/plain").toString();
        for (String m : List.of("%classpath", "%jars", "%maven", "%load", "%%time", "%lsmagic", "%vars", "%close")) {
            assertThat(magics).contains(m);
        }
    }

    @Test
    void should_load_a_jsh_file(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("defs.jsh");
        Files.writeString(f, "int loadedValue = 99;\n");
        run("%load " + f);
        assertThat(run("loadedValue").value().get().get("text/plain")).isEqualTo("99");
    }

    @Test
    void should_fail_an_unknown_magic_with_a_hint() {
        CellResult.Failed f = failed(run("%nosuchmagic"));
        assertThat(f.evalue()).contains("%nosuchmagic").contains("%lsmagic");
    }

    @Test
    void should_answer_is_complete() {
        assertThat(kernel.isComplete("int x = 1;").status()).isEqualTo("complete");
        assertThat(kernel.isComplete("for (int i = 0; i < 3; i++) {").status()).isEqualTo("incomplete");
        assertThat(kernel.isComplete("int x = );").status()).isEqualTo("invalid");
        assertThat(kernel.isComplete("}").status()).isEqualTo("invalid");
        assertThat(kernel.isComplete("String s = \"abc").status()).isEqualTo("invalid");
    }

    @Test
    void should_complete_and_inspect_at_the_end_of_an_identifier() {
        assertThat(kernel.complete("Math.ab", 7).matches()).contains("abs(");
        assertThat(kernel.complete("Math.ab", 7).start()).isEqualTo(5);
        assertThat(kernel.inspect("System.out.println", 18)).isPresent().get().asString().contains("println");
        assertThat(kernel.inspect("Math.ab", 7)).isPresent();
        // a no-argument method completes to "length()", and names declared earlier in the same cell are known
        String cell = "int a = 1;\nString s = \"x\";\ns.len";
        assertThat(kernel.complete(cell, cell.length()).matches()).containsExactly("length()");
        assertThat(kernel.inspect(cell, cell.length())).isPresent().get().asString().contains("String.length()");
        String middle = "int a = 1;\nMath.max(a, 2);\nSystem.out.println(a)";
        assertThat(kernel.inspect(middle, middle.indexOf("max") + 2)).get().asString().contains("Math.max(int a, int b)");
    }

    @Test
    void should_keep_history() {
        run("int historyMarker = 1;");
        assertThat(kernel.history().tail(1).get(0).input()).isEqualTo("int historyMarker = 1;");
        assertThat(kernel.history().search("int historyMarker*", true, 0)).hasSize(1);
    }
}
