package org.hvlab.bmc.install;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CapsuleServerTest {
    @TempDir
    Path dir;

    @Test
    void should_serve_a_file_whole_and_by_range() throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(7).nextBytes(data);
        Path served = Files.createDirectories(dir.resolve("www"));
        Path elsewhere = dir.resolve("dpu0.cap");
        Files.write(elsewhere, data);
        try (CapsuleServer s = CapsuleServer.start(served)) {
            URI uri = s.publish(elsewhere);
            HttpClient c = HttpClient.newHttpClient();
            HttpResponse<byte[]> whole = c.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(data);
            HttpResponse<byte[]> part = c.send(HttpRequest.newBuilder(uri).header("Range", "bytes=1000000-").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.headers().firstValue("Content-Range")).contains("bytes 1000000-" + (data.length - 1) + "/" + data.length);
            assertThat(part.body()).isEqualTo(Arrays.copyOfRange(data, 1_000_000, data.length));
            assertThat(s.requests()).isEqualTo(2);
            assertThat(s.rangeRequests()).isEqualTo(1);
            HttpResponse<byte[]> missing = c.send(HttpRequest.newBuilder(uri.resolve("nope.cap")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(missing.statusCode()).isEqualTo(404);
        }
    }
}
