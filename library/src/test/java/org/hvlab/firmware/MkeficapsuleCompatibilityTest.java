package org.hvlab.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import org.hvlab.testing.PeerTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our FMP capsule against U-Boot's real mkeficapsule (u-boot-tools), byte for byte. */
class MkeficapsuleCompatibilityTest {

    static final Path MKEFICAPSULE = Path.of("/usr/bin/mkeficapsule");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "guid {0} index {1} instance {2} oem {3} payload {4} bytes")
    @CsvSource({
            "3f1b7c5e-8d2a-4e6b-9a41-0c7d2e5f9b10, 1, 0, -1, 4096",
            "9b2e4f61-7d3c-4a85-b0e6-1f8a2c4d6e97, 1, 0, -1, 1",
            "3f1b7c5e-8d2a-4e6b-9a41-0c7d2e5f9b10, 2, 3, -1, 10000",
            "3f1b7c5e-8d2a-4e6b-9a41-0c7d2e5f9b10, 255, 18446744073709551615, 4660, 65537",
            "3f1b7c5e-8d2a-4e6b-9a41-0c7d2e5f9b10, 7, 1, 0, 0"})
    void should_build_the_same_bytes_as_mkeficapsule(String guid, int index, String instance, int oem, int size)
            throws Exception {
        PeerTools.require("mkeficapsule", "u-boot-tools");
        // GIVEN a payload file
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        Path image = dir.resolve("payload.bin");
        Files.write(image, payload);
        // WHEN mkeficapsule and our builder wrap it with the same settings
        Path ref = dir.resolve("ref.cap");
        List<String> cmd = new ArrayList<>(List.of(MKEFICAPSULE.toString(), "--guid", guid, "--index",
                Integer.toString(index), "--instance", instance));
        if (oem >= 0) cmd.addAll(List.of("--capoemflag", Integer.toString(oem)));
        cmd.addAll(List.of(image.toString(), ref.toString()));
        run(cmd);
        CapsuleBuilder b = Capsule.fmp(Guid.parse(guid)).index(index).instance(Long.parseUnsignedLong(instance))
                .payload(image);
        if (oem >= 0) b.oemFlags(oem);
        Path ours = dir.resolve("ours.cap");
        Capsule built = b.writeTo(ours);
        // THEN the files are identical and parse to what was built
        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(ref));
        assertThat(Capsule.read(ref)).isEqualTo(built);
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("mkeficapsule output: %s", out).isZero();
    }
}
