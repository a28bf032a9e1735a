package org.hvlab.bmc.internal;

import io.undertow.util.StatusCodes;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoopbackServerTest {

    private static LoopbackServer teapot(int port) {
        return LoopbackServer.start(LoopbackServer.builder().setIoThreads(1).setWorkerThreads(1)
                        .setHandler(ex -> ex.setStatusCode(StatusCodes.ACCEPTED)), port, Optional.empty(),
                e -> new IllegalStateException("port " + port + " refused", e));
    }

    @Test
    void should_listen_on_loopback_at_the_uri_it_reports() throws Exception {
        LoopbackServer s = teapot(0);
        try {
            assertThat(s.uri().getHost()).isEqualTo("127.0.0.1");
            assertThat(s.uri().getScheme()).isEqualTo("http");
            assertThat(s.uri().getPort()).isPositive();
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(s.uri().resolve("/x")).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).isEqualTo(202);
        } finally {
            s.stop();
        }
    }

    @Test
    void should_turn_a_port_in_use_into_the_callers_exception() {
        LoopbackServer first = teapot(0);
        try {
            int port = first.uri().getPort();
            assertThatThrownBy(() -> teapot(port)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + port + " refused");
        } finally {
            first.stop();
        }
    }

    @Test
    void should_stop_only_once() {
        LoopbackServer s = teapot(0);
        URI uri = s.uri();
        assertThat(s.stop()).isTrue();
        assertThat(s.stop()).isFalse();
        assertThat(s.uri()).isEqualTo(uri);
    }
}
