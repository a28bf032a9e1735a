package org.hvlab.bmc;

import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.hvlab.testing.PeerTools;

/** Debian's redfishtool and python3-sushy against the BMC (skipped only when the tool is not installed). */
class RealClientsTest {
    private FakeDpu dpu0;
    private Bmc bmc;

    @BeforeEach
    void start() {
        dpu0 = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        bmc = Bmc.builder().host(HostDescription.of("ampere-altra", "edge-01"))
                .dpuPorts(List.of(dpu0, new FakeDpu("DPU1", Bdf.of(2, 0, 0))))
                .admin("root", "calvin-123").installer(FakeDpu.installer()).start();
    }

    @AfterEach
    void stop() {
        bmc.close();
    }

    private record Run(int exit, String out) {}

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private List<String> redfishtool(String... args) {
        List<String> cmd = new ArrayList<>(List.of(PeerTools.require("redfishtool", "redfishtool").toString(), "-r", "127.0.0.1:" + bmc.uri().getPort(),
                "-S", "Never", "-u", "root", "-p", "calvin-123"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void should_list_systems_with_redfishtool() throws Exception {
        Run r = run(redfishtool("Systems", "list"));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("DPU0").contains("DPU1").contains("Host");
    }

    @Test
    void should_list_systems_with_redfishtool_over_https() throws Exception {
        try (Bmc tls = Bmc.builder().https(true).admin("root", "calvin-123")
                .dpuPorts(List.of(new FakeDpu("DPU0", Bdf.of(1, 0, 0)))).installer(FakeDpu.installer()).start()) {
            Run r = run(List.of(PeerTools.require("redfishtool", "redfishtool").toString(), "-r", "127.0.0.1:" + tls.uri().getPort(), "-S", "Always",
                    "-u", "root", "-p", "calvin-123", "Systems", "list"));
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("/redfish/v1/Systems/DPU0");
        }
    }

    @Test
    void should_log_in_with_a_redfishtool_session_and_log_out() throws Exception {
        Run r = run(redfishtool("-A", "Session", "Managers", "-1", "get"));
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("\"ManagerType\": \"BMC\"");
        assertThat(bmc.http().get("/redfish/v1/SessionService/Sessions").json().path("Members@odata.count").asInt())
                .as("redfishtool deletes its session at exit").isZero();
    }

    @Test
    void should_run_simple_update_from_a_redfishtool_raw_post() throws Exception {
        try (FlakyImageServer img = new FlakyImageServer("os-7.1".getBytes(), 0, 0, true)) {
            Run r = run(redfishtool("raw", "POST", "/redfish/v1/UpdateService/Actions/UpdateService.SimpleUpdate",
                    "-d", "{\"ImageURI\":\"" + img.uri() + "\",\"TransferProtocol\":\"HTTP\","
                            + "\"Targets\":[\"/redfish/v1/Systems/DPU0\"]}"));
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("\"TaskState\": \"Completed\"");
            assertThat(dpu0.activeVersion()).isEqualTo("os-7.1");
        }
    }

    @Test
    void should_follow_a_sushy_simple_update_to_completed() throws Exception {
        Path python = PeerTools.python3();
        if (run(List.of(python.toString(), "-c", "import sushy")).exit() != 0) {
            if (Boolean.getBoolean("hvlab.requirePeers")) fail("python3-sushy is not installed (apt-get install python3-sushy)");
            assumeTrue(false, "python3-sushy is not installed (apt-get install python3-sushy)");
        }
        Path script = Path.of("src/test/python/sushy_flow.py").toAbsolutePath();
        try (FlakyImageServer img = new FlakyImageServer("os-8.0".getBytes(), 0, 0, true)) {
            Run r = run(List.of(python.toString(), script.toString(), bmc.uri().toString(), "root", "calvin-123",
                    img.uri().toString(), "/redfish/v1/Systems/DPU0"));
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("system DPU0 DPU On").contains("system Host Physical On")
                    .contains("manager BMC BMC").contains("sessions 1").containsPattern("task 1 Completed 100");
            assertThat(dpu0.activeVersion()).isEqualTo("os-8.0");
        }
    }
}
