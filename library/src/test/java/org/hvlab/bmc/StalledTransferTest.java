package org.hvlab.bmc;

import org.hvlab.bmc.internal.ImageFetcher;
import org.hvlab.bmc.internal.UpdateFailure;
import org.hvlab.bmc.redfish.RedfishPath;
import org.hvlab.bmc.redfish.TaskSnapshot;
import org.hvlab.bmc.redfish.TaskState;
import org.hvlab.pci.Bdf;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A transfer that stops sending is dropped and resumed with Range; an abandoned one is never resumed. */
class StalledTransferTest {
    private static final RedfishPath DPU0 = RedfishPath.of("/redfish/v1/Systems/DPU0");
    private static final Duration STALL = Duration.ofMillis(300);

    private static Bmc bmc(FakeDpu dpu, org.hvlab.bmc.internal.ImageInstaller installer) {
        return Bmc.builder().dpuPorts(List.of(dpu)).installer(installer).stallTimeout(STALL).start();
    }

    @Test
    void should_resume_a_stalled_transfer_with_range_and_complete() throws Exception {
        FakeDpu dpu = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        byte[] image = "os-8.0-resumed-after-a-stall".getBytes(StandardCharsets.US_ASCII);
        try (Bmc b = bmc(dpu, FakeDpu.installer()); FlakyImageServer img = new FlakyImageServer(image, 1, 5, true, true)) {
            TaskSnapshot t = b.client().simpleUpdate(img.uri(), List.of(DPU0)).await(Duration.ofSeconds(20));
            assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
            assertThat(img.rangeHeaders).containsExactly("bytes=5-");
            assertThat(dpu.activeVersion()).isEqualTo(new String(image, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void should_send_the_first_etag_as_if_range_when_it_resumes() throws Exception {
        FakeDpu dpu = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        byte[] image = "os-8.1-resumed-with-if-range".getBytes(StandardCharsets.US_ASCII);
        try (Bmc b = bmc(dpu, FakeDpu.installer());
             FlakyImageServer img = new FlakyImageServer(image, 1, 5, true).withEtag("v1", false)) {
            TaskSnapshot t = b.client().simpleUpdate(img.uri(), List.of(DPU0)).await(Duration.ofSeconds(20));
            assertThat(t.state()).as(t.toText()).isEqualTo(TaskState.Completed);
            assertThat(img.ifRangeHeaders).containsExactly("\"v1\"");
            assertThat(dpu.activeVersion()).isEqualTo(new String(image, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void should_not_splice_a_file_that_changed_on_the_server_during_the_transfer() throws Exception {
        FakeDpu dpu = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        byte[] image = "os-8.2-the-server-swapped-this-file".getBytes(StandardCharsets.US_ASCII);
        try (Bmc b = bmc(dpu, FakeDpu.installer());
             FlakyImageServer img = new FlakyImageServer(image, 1, 5, true).withEtag("v1", true)) {
            TaskSnapshot t = b.client().simpleUpdate(img.uri(), List.of(DPU0)).await(Duration.ofSeconds(20));
            assertThat(t.state()).isEqualTo(TaskState.Exception);
            assertThat(t.toText()).contains("changed on the server").contains("post SimpleUpdate again");
            assertThat(dpu.activeVersion()).isEqualTo("os-1.0");
            assertThat(dpu.resets).isZero();
        }
    }

    @Test
    void should_say_the_server_ignores_range_not_that_the_file_changed() throws Exception {
        FakeDpu dpu = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        byte[] image = "os-8.3-served-without-range-support".getBytes(StandardCharsets.US_ASCII);
        try (Bmc b = bmc(dpu, FakeDpu.installer());
             FlakyImageServer img = new FlakyImageServer(image, 1, 5, false).withEtag("v1", false)) {
            TaskSnapshot t = b.client().simpleUpdate(img.uri(), List.of(DPU0)).await(Duration.ofSeconds(20));
            assertThat(t.state()).isEqualTo(TaskState.Exception);
            assertThat(t.toText()).contains("instead of 206").doesNotContain("changed on the server");
            assertThat(dpu.activeVersion()).isEqualTo("os-1.0");
        }
    }

    @Test
    void should_fail_after_three_resumes_of_a_transfer_that_keeps_stalling() throws Exception {
        FakeDpu dpu = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        try (Bmc b = bmc(dpu, FakeDpu.installer());
             FlakyImageServer img = new FlakyImageServer("os-9.0-never-arrives-because-every-response-stalls".getBytes(), 99, 5, true, true)) {
            TaskSnapshot t = b.client().simpleUpdate(img.uri(), List.of(DPU0)).await(Duration.ofSeconds(20));
            assertThat(t.state()).isEqualTo(TaskState.Exception);
            assertThat(t.toText()).contains("stalled").contains("3 Range resumes");
            assertThat(img.rangeHeaders).hasSize(3);
            assertThat(dpu.activeVersion()).isEqualTo("os-1.0");
            assertThat(dpu.resets).isZero();
        }
    }

    @Test
    void should_not_resume_a_transfer_after_its_task_has_ended() throws Exception {
        FakeDpu dpu = new FakeDpu("DPU0", Bdf.of(1, 0, 0));
        byte[] image = new byte[3 << 20];
        Arrays.fill(image, (byte) 'z');
        org.hvlab.bmc.internal.ImageInstaller refuses = (d, in) -> {
            try {
                in.readNBytes(16);
            } catch (IOException e) {
                throw new UpdateFailure("Update.1.0.TransferFailed", e.getMessage(), e);
            }
            throw new UpdateFailure("Update.1.0.VerificationFailed", "not a capsule");
        };
        try (Bmc b = bmc(dpu, refuses); FlakyImageServer img = new FlakyImageServer(image, 99, 3 << 19, true, true)) {
            TaskSnapshot t = b.client().simpleUpdate(img.uri(), List.of(DPU0)).await(Duration.ofSeconds(20));
            assertThat(t.state()).isEqualTo(TaskState.Exception);
            assertThat(t.toText()).contains("not a capsule");
            Thread.sleep(STALL.toMillis() * 3);
            assertThat(img.rangeHeaders).as("Range requests after the task ended").isEmpty();
        }
    }

    @Test
    void should_not_resume_a_transfer_closed_while_a_read_waits() throws Exception {
        byte[] image = "os-10.0-abandoned-transfer-body".getBytes(StandardCharsets.US_ASCII);
        try (ImageFetcher fetcher = new ImageFetcher(3, Duration.ofSeconds(5), STALL);
             FlakyImageServer img = new FlakyImageServer(image, 99, 5, true, true)) {
            ImageFetcher.Transfer t = fetcher.open(img.uri(), Optional.empty(), pos -> { });
            assertThat(t.readNBytes(5)).hasSize(5);
            CompletableFuture<Object> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return t.read(new byte[64], 0, 64);
                } catch (IOException e) {
                    return e;
                }
            });
            Thread.sleep(STALL.toMillis() / 3); // the read is now blocked on the silent server
            t.close(); // returns at once; the blocked read ends within the stall time and is not resumed
            assertThat(reader.get(10, TimeUnit.SECONDS)).isInstanceOf(IOException.class);
            Thread.sleep(STALL.toMillis() * 3);
            assertThat(img.rangeHeaders).as("Range requests after close").isEmpty();
        }
    }
}
