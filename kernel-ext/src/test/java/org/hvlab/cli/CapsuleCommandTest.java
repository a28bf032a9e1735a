package org.hvlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hvlab.firmware.Capsule;
import org.hvlab.firmware.CapsuleKind;
import org.hvlab.firmware.Guid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CapsuleCommandTest {

    @TempDir
    Path dir;

    record Run(int rc, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Hvlab.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void should_make_wrap_and_inspect_a_dpu_capsule() {
        Path img = dir.resolve("dpu.img"), cap = dir.resolve("dpu.cap");
        assertThat(run("capsule", "image", "--os-version", "4.5.0", "--size", "5000", "--out", img.toString()).rc())
                .isZero();
        Run wrap = run("capsule", "wrap", "--image", img.toString(), "--index", "2", "--out", cap.toString());
        assertThat(wrap.rc()).isZero();
        Capsule c = Capsule.read(cap);
        assertThat(c.kind()).isEqualTo(CapsuleKind.FMP);
        assertThat(c.dpuImage().updateImageIndex()).isEqualTo(2);
        Run inspect = run("capsule", "inspect", cap.toString());
        assertThat(inspect.rc()).isZero();
        assertThat(inspect.out()).contains("UpdateImageTypeId").contains("DPU management OS image: VALID")
                .contains("4.5.0");
    }

    @Test
    void should_read_index_and_instance_as_mkeficapsule_does_in_decimal_or_hex() {
        Path img = dir.resolve("dpu.img"), cap = dir.resolve("dpu.cap");
        run("capsule", "image", "--size", "100", "--out", img.toString());
        assertThat(run("capsule", "wrap", "--image", img.toString(), "--index", "0x2", "--instance", "0x300",
                "--out", cap.toString()).rc()).isZero();
        assertThat(Capsule.read(cap).dpuImage().updateHardwareInstance()).isEqualTo(0x300);
        assertThat(Capsule.read(cap).dpuImage().updateImageIndex()).isEqualTo(2);
        Run bad = run("capsule", "wrap", "--image", img.toString(), "--instance", "DPU0");
        assertThat(bad.rc()).isNotZero();
        assertThat(bad.err()).contains("'DPU0' is not an unsigned 64-bit number").contains("0x300");
        CapsuleCommand.CNumber n = new CapsuleCommand.CNumber();
        assertThat(n.convert("0xffffffffffffffff")).isEqualTo(-1L); // UINT64 max, as strtoul reads it
        assertThat(n.convert("01400")).isEqualTo(0x300L);
        assertThat(n.convert("+768")).isEqualTo(768L);
        for (String refused : new String[] {"-1", "0x", "0x300junk", "08"}) {
            assertThat(run("capsule", "wrap", "--image", img.toString(), "--instance", refused).rc()).as(refused)
                    .isNotZero();
        }
    }

    @Test
    void should_wrap_plain_capsule_with_dpu_guid() {
        Path img = dir.resolve("dpu.img");
        run("capsule", "image", "--size", "100", "--out", img.toString());
        Run wrap = run("capsule", "wrap", "--plain", "--image", img.toString());
        assertThat(wrap.rc()).isZero();
        Capsule c = Capsule.read(dir.resolve("dpu.img.cap"));
        assertThat(c.header().capsuleGuid()).isEqualTo(Guid.DPU_MANAGEMENT_OS_IMAGE);
    }

    @Test
    void should_report_a_truncated_capsule_with_its_reason_code() throws Exception {
        Path img = dir.resolve("dpu.img"), cap = dir.resolve("dpu.cap");
        run("capsule", "image", "--size", "100", "--out", img.toString());
        run("capsule", "wrap", "--image", img.toString(), "--out", cap.toString());
        byte[] b = Files.readAllBytes(cap);
        Files.write(cap, java.util.Arrays.copyOf(b, b.length - 10));
        Run inspect = run("capsule", "inspect", cap.toString());
        assertThat(inspect.rc()).isEqualTo(2);
        assertThat(inspect.err()).contains("firmware.truncated").contains("cut short by 10 bytes");
    }

    @Test
    void should_fail_inspect_when_the_image_hash_is_wrong() throws Exception {
        Path img = dir.resolve("dpu.img"), cap = dir.resolve("dpu.cap");
        run("capsule", "image", "--size", "1000", "--out", img.toString());
        byte[] b = Files.readAllBytes(img);
        b[b.length - 1] ^= 1;
        Files.write(img, b);
        run("capsule", "wrap", "--image", img.toString(), "--out", cap.toString());
        Run inspect = run("capsule", "inspect", cap.toString());
        assertThat(inspect.rc()).isEqualTo(1);
        assertThat(inspect.out()).contains("HASH_MISMATCH");
    }
}
