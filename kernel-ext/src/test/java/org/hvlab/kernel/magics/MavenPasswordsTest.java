package org.hvlab.kernel.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenPasswordsTest {
    /** Written by Debian's Maven 3.8.7: {@code mvn --encrypt-master-password 'master pw!'}. */
    private static final String MASTER = "{T11RQocNiOoH+dkVmp/MqOd4xedr5MxpUHmeIgO1fJY=}";
    /** {@code mvn --encrypt-password s3cret} with that master password. */
    private static final String S3CRET = "{tLjesJdweL4HVjD3BJ74NKoM6NMXpqgdzSDbYcDwg74=}";

    @TempDir
    Path dir;

    @Test
    void should_open_what_maven_encrypted_and_refuse_a_wrong_passphrase() {
        assertThat(MavenPasswords.decrypt(MASTER, "settings.security")).contains("master pw!");
        assertThat(MavenPasswords.decrypt("set by Ada, 2026-12 " + S3CRET, "master pw!")).contains("s3cret");
        assertThat(MavenPasswords.decrypt(S3CRET + " expires 2027-06", "master pw!")).contains("s3cret");
        assertThat(MavenPasswords.encrypted(S3CRET + " expires 2027-06")).isTrue();
        assertThat(MavenPasswords.encrypted("plain \\{not encrypted}")).isFalse();
        assertThat(MavenPasswords.decrypt(S3CRET, "another master")).isEmpty();
        assertThat(MavenPasswords.decrypt("{not base64!}", "master pw!")).isEmpty();
        assertThat(MavenPasswords.decrypt("plain", "master pw!")).isEmpty();
    }

    @Test
    void should_find_the_master_password_also_through_a_relocation() throws Exception {
        Files.writeString(dir.resolve("real.xml"),
                "<settingsSecurity><master>" + MASTER + "</master></settingsSecurity>");
        // the relocation wins over a master in the same file, as in Maven
        Files.writeString(dir.resolve("settings-security.xml"), "<settingsSecurity><master>{AAAAAAAAAAAAAAAA"
                + "AAAAAAAAAAAAAAAAAAAAAAAAAAA=}</master><relocation>real.xml</relocation></settingsSecurity>");
        Files.writeString(dir.resolve("loop.xml"),
                "<settingsSecurity><relocation>loop.xml</relocation></settingsSecurity>");
        assertThat(MavenPasswords.master(dir.resolve("loop.xml"))).isEmpty();
        assertThat(MavenPasswords.master(dir.resolve("settings-security.xml"))).contains("master pw!");
        assertThat(MavenPasswords.master(dir.resolve("absent.xml"))).isEmpty();
    }

    @Test
    void should_decrypt_server_and_proxy_passwords_and_name_those_that_do_not_open() throws Exception {
        Path security = dir.resolve("security.xml");
        Files.writeString(security, "<settingsSecurity><master>" + MASTER + "</master></settingsSecurity>");
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><servers><server><id>corp</id><username>ada</username><password>"
                + S3CRET + "</password></server><server><id>stale</id><username>bob</username><password>"
                + "{AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=}</password></server></servers><proxies><proxy>"
                + "<host>p</host><username>ada</username><password>" + S3CRET + "</password></proxy></proxies>"
                + "</settings>");
        MavenSettings s = MavenSettings.read(List.of(settings),
                new ProfileActivation(Map.of("user.home", dir.toString(), "settings.security", security.toString()),
                        Map.of()));
        assertThat(s.servers()).extracting(MavenSettings.Server::password)
                .containsExactly("s3cret", "{AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=}");
        assertThat(s.proxies()).extracting(MavenSettings.Proxy::password).containsExactly("s3cret");
        assertThat(s.encryptedCredentials()).containsExactly("server 'stale'");
    }

    /** The real tool: Maven encrypts a fresh master and password now, and %maven's settings read them back. */
    @Test
    void should_read_passwords_that_mvn_encrypts() throws Exception {
        Path security = Files.createDirectories(dir.resolve(".m2")).resolve("settings-security.xml");
        String master = mvn("--encrypt-master-password", "m@ster " + System.nanoTime());
        Files.writeString(security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>");
        String password = "pa$$ wörd " + System.nanoTime();
        String encrypted = mvn("--encrypt-password", password, "-Dsettings.security=" + security);
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, "<settings><servers><server><id>corp</id><username>ada</username><password>"
                + encrypted + "</password></server></servers></settings>", StandardCharsets.UTF_8);
        MavenSettings s = MavenSettings.read(List.of(settings),
                new ProfileActivation(Map.of("user.home", dir.toString()), Map.of()));
        assertThat(s.servers()).extracting(MavenSettings.Server::password).containsExactly(password);
    }

    private String mvn(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-o", "-q"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "mvn", ".out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mvn " + args[0] + " did not finish in 120 s");
        }
        String out = Files.readString(log);
        // Maven 4 dropped these options (its passwords are handled by mvnenc): nothing to check against there
        org.junit.jupiter.api.Assumptions.assumeFalse(out.contains("Unrecognized option"), "this mvn cannot encrypt");
        assertThat(p.exitValue()).as("mvn %s: %s", args[0], out).isZero();
        return out.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "").strip()).filter(l -> l.matches("\\{.*}"))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("mvn printed no encrypted value: " + out));
    }
}
