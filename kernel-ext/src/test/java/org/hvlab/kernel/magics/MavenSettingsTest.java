package org.hvlab.kernel.magics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hvlab.kernel.KernelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenSettingsTest {
    @TempDir
    Path dir;

    private Path write(String name, String body) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "<?xml version=\"1.0\"?>\n<settings xmlns=\"http://maven.apache.org/SETTINGS/1.2.0\">"
                + body + "</settings>");
        return f;
    }

    @Test
    void should_read_the_users_settings_over_the_global_ones_as_maven_does() throws Exception {
        Path user = write("user.xml", "<localRepository>${user.home}/cache/m2</localRepository>"
                + "<mirrors><mirror><id>corp</id><url>https://${env.REPO_HOST}/maven</url><mirrorOf>*</mirrorOf>"
                + "</mirror></mirrors>"
                + "<proxies><proxy><id>global-https</id><active>false</active><host>off.example</host></proxy>"
                + "<proxy><protocol>http</protocol><host>proxy.example</host><port>3128</port>"
                + "<username>me</username><password>pw</password><nonProxyHosts>*.lan|localhost</nonProxyHosts>"
                + "</proxy></proxies>"
                + "<servers><server><id>corp</id><username>u</username><password>p</password></server></servers>");
        Path global = write("global.xml", "<localRepository>/var/m2</localRepository><offline>true</offline>"
                + "<proxies><proxy><id>global-https</id><protocol>https</protocol><host>g.example</host></proxy>"
                + "<proxy><host>replaced.example</host></proxy></proxies>"
                + "<mirrors><mirror><id>corp</id><url>https://ignored/</url><mirrorOf>central</mirrorOf></mirror>"
                + "<mirror><id>other</id><url>https://other/</url><mirrorOf>external:*</mirrorOf></mirror></mirrors>");
        MavenSettings s = MavenSettings.read(Path.of("/home/ada"), List.of(user, global, dir.resolve("absent.xml")),
                Map.of("REPO_HOST", "repo.corp"));
        assertThat(s.localRepository()).isEqualTo(Path.of("/home/ada/cache/m2"));
        assertThat(s.offline()).isFalse(); // as in Maven, only the user's file can say offline
        assertThat(s.mirrors()).containsExactly(new MavenSettings.Mirror("corp", "https://repo.corp/maven", "*", false),
                new MavenSettings.Mirror("other", "https://other/", "external:*", false));
        // merged by id first (the user's inactive "global-https" switches the global one off; the user's unnamed
        // proxy replaces the global unnamed one), then inactive ones dropped
        assertThat(s.proxies()).containsExactly(new MavenSettings.Proxy("default", true, "http", "proxy.example", 3128,
                "me", "pw", "*.lan|localhost"));
        assertThat(s.servers()).containsExactly(new MavenSettings.Server("corp", "u", "p"));
        assertThat(s.files()).containsExactly(user, global);
    }

    @Test
    void should_default_to_maven_central_through_the_local_repository_when_there_are_no_settings() {
        MavenSettings s = MavenSettings.read(Path.of("/home/ada"), List.of(dir.resolve("none.xml")), Map.of());
        assertThat(s.localRepository()).isEqualTo(Path.of("/home/ada/.m2/repository"));
        assertThat(s.offline()).isFalse();
        assertThat(s.mirrors()).isEmpty();
        assertThat(s.proxies()).isEmpty();
    }

    @Test
    void should_say_which_file_is_broken_and_how_to_check_it() throws Exception {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<settings><mirrors><mirror></settings>");
        assertThatThrownBy(() -> MavenSettings.read(Path.of("/h"), List.of(bad), Map.of()))
                .isInstanceOf(KernelException.class).hasMessageContaining(bad.toString())
                .hasMessageContaining("well-formed");
        Path port = write("port.xml", "<proxies><proxy><host>p</host><port>eighty</port></proxy></proxies>");
        assertThatThrownBy(() -> MavenSettings.read(Path.of("/h"), List.of(port), Map.of()))
                .hasMessageContaining("'eighty' is not a number");
    }

    @Test
    void should_keep_unset_variables_as_written_and_name_encrypted_passwords() throws Exception {
        Path f = write("s.xml", "<mirrors><mirror><id>m</id><url>https://${env.NOT_SET}/r</url><mirrorOf>*</mirrorOf>"
                + "</mirror></mirrors><servers><server><id>m</id><username>u</username>"
                + "<password>{COQLCE6DU6GtcS5P=}</password></server><server><id>plain</id><username>u</username>"
                + "<password>secret</password></server></servers>");
        MavenSettings s = MavenSettings.read(Path.of("/h"), List.of(f), Map.of());
        assertThat(s.mirrors().get(0).url()).isEqualTo("https://${env.NOT_SET}/r");
        assertThat(s.encryptedCredentials()).containsExactly("server 'm'");
        assertThat(MavenSettings.encrypted("Oleg reset this on 2009-03-11 {COQLCE6DU6GtcS5P=}")).isTrue();
        assertThat(MavenSettings.encrypted("secret")).isFalse();
        // the encrypted one is left out, the plain one is used
        var auth = MavenSelectors.credentials(s);
        assertThat(auth.getAuthentication(new org.eclipse.aether.repository.RemoteRepository.Builder("m", "default",
                "https://x/").build())).isNull();
        assertThat(auth.getAuthentication(new org.eclipse.aether.repository.RemoteRepository.Builder("plain",
                "default", "https://x/").build())).isNotNull();
    }

    @Test
    void should_take_the_repositories_of_active_profiles_only() throws Exception {
        Path user = write("user.xml", "<activeProfiles><activeProfile>corp</activeProfile></activeProfiles>"
                + "<profiles><profile><id>off</id><repositories><repository><id>never</id><url>https://never/</url>"
                + "</repository></repositories></profile></profiles>");
        Path global = write("global.xml", "<profiles><profile><id>corp</id><repositories><repository><id>internal</id>"
                + "<url>https://repo.corp/maven</url></repository></repositories></profile>"
                + "<profile><id>always</id><activation><activeByDefault>true</activeByDefault></activation>"
                + "<repositories><repository><id>extra</id><url>https://extra/</url></repository></repositories>"
                + "</profile></profiles>");
        MavenSettings s = MavenSettings.read(Path.of("/h"), List.of(user, global), Map.of());
        assertThat(s.repositories()).containsExactly(
                new MavenSettings.Repository("internal", "https://repo.corp/maven"),
                new MavenSettings.Repository("extra", "https://extra/"));
    }

    @Test
    void should_read_a_servers_http_headers_from_its_configuration() throws Exception {
        Path user = write("user.xml", "<servers><server><id>gitlab</id><configuration><httpHeaders><property>"
                + "<name>Private-Token</name><value>${env.GITLAB_TOKEN}</value></property></httpHeaders>"
                + "</configuration></server><server><id>plain</id><username>u</username></server></servers>");
        MavenSettings s = MavenSettings.read(Path.of("/h"), List.of(user), Map.of("GITLAB_TOKEN", "glpat-1"));
        assertThat(s.servers()).containsExactly(
                new MavenSettings.Server("gitlab", "", "", Map.of("Private-Token", "glpat-1")),
                new MavenSettings.Server("plain", "u", ""));
    }
}
