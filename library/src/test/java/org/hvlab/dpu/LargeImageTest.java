package org.hvlab.dpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hvlab.firmware.Capsule;
import org.hvlab.firmware.Guid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 256 MiB image made, wrapped, parsed and provisioned in a JVM whose heap is 64 MiB: none of the steps may hold
 * the image in memory, or the child runs out of heap and the test fails.
 */
class LargeImageTest {

    static final long PAYLOAD = 256L << 20;

    @TempDir
    Path dir;

    /** The child: image -> FMP capsule file -> DPU slot, printing the running version. */
    public static void main(String[] args) {
        Path d = Path.of(args[0]);
        Path img = d.resolve("dpu.img"), cap = d.resolve("dpu.cap");
        DpuImage.builder().model(DpuModel.BLUEFIELD_2).version("4.5.0").build("large").payloadBytes(PAYLOAD).seed(3)
                .writeTo(img);
        Capsule.fmp(Guid.DPU_MANAGEMENT_OS_IMAGE).payload(img).writeTo(cap);
        Dpu dpu = Dpus.forPlatform(1, d.resolve("flash")).get("DPU0");
        DpuUpdateResult r = dpu.provision(cap);
        System.out.println("running " + dpu.runningImage().orElseThrow().version() + " from slot "
                + dpu.runningSlot().orElseThrow() + ", " + r.bytesWritten() + " bytes");
    }

    @Test
    void should_provision_a_256_mib_image_within_a_64_mib_heap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LargeImageTest.class.getName(), dir.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("running 4.5.0 from slot B, " + (PAYLOAD + DpuImage.HEADER_SIZE) + " bytes");
        assertThat(Files.size(dir.resolve("flash/DPU0/slot-b.img"))).isEqualTo(PAYLOAD + DpuImage.HEADER_SIZE);
    }
}
