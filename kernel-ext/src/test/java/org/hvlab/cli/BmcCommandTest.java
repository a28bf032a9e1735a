package org.hvlab.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BmcCommandTest {
    @Test
    void should_refuse_an_unknown_platform() {
        assertThat(Hvlab.commandLine().execute("bmc", "--platform", "no-such-board", "--seconds", "1")).isEqualTo(2);
    }

    @Test
    void should_print_the_url_user_and_password_of_the_demo_bmc() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            exit = Hvlab.commandLine().execute("bmc", "--platform", "ampere-altra", "--seconds", "1");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).containsPattern("url: +http://127\\.0\\.0\\.1:\\d+/redfish/v1").contains("user:     admin")
                .containsPattern("password: +\\S{16}").contains("with 2 DPUs");
    }
}
