package org.hvlab.kernel.magics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileActivationTest {
    private static final ProfileActivation LINUX_17 = new ProfileActivation(Map.of("java.version", "17.0.15",
            "os.name", "Linux", "os.arch", "amd64", "os.version", "6.1.0", "path.separator", ":", "user.home", "/h",
            "corp.build", "true"), Map.of("CI", "1"));

    @TempDir
    Path dir;

    private static String profile(String id, String activation) {
        return "<profile><id>" + id + "</id><activation>" + activation + "</activation><repositories><repository>"
                + "<id>" + id + "</id><url>https://" + id + "/</url></repository></repositories></profile>";
    }

    private List<String> activeRepositories(String... profiles) throws Exception {
        Path f = dir.resolve("settings.xml");
        Files.writeString(f, "<settings><profiles>" + String.join("", profiles) + "</profiles></settings>");
        return MavenSettings.read(List.of(f), LINUX_17).repositories().stream().map(MavenSettings.Repository::id)
                .toList();
    }

    @Test
    void should_activate_profiles_by_jdk_prefix_negation_and_range_as_maven_does() throws Exception {
        assertThat(activeRepositories(
                profile("jdk17", "<jdk>17</jdk>"), profile("jdk11", "<jdk>11</jdk>"),
                profile("not8", "<jdk>!1.8</jdk>"), profile("not17", "<jdk>!17</jdk>"),
                profile("from11", "<jdk>[11,)</jdk>"), profile("below17", "<jdk>[11,17)</jdk>"),
                profile("upto17015", "<jdk>[11,17.0.15]</jdk>"), profile("after17015", "<jdk>(17.0.15,)</jdk>"),
                profile("emptyJdk", "<jdk/>")))
                .containsExactly("jdk17", "not8", "from11", "upto17015", "emptyJdk");
    }

    @Test
    void should_activate_profiles_by_os_name_family_arch_and_negation() throws Exception {
        assertThat(activeRepositories(
                profile("linux", "<os><name>linux</name><family>unix</family><arch>amd64</arch></os>"),
                profile("windows", "<os><family>windows</family></os>"),
                profile("notwindows", "<os><family>!windows</family></os>"),
                profile("arm", "<os><family>unix</family><arch>aarch64</arch></os>"),
                profile("kernel", "<os><version>6.1.0</version></os>"),
                profile("linuxFamily", "<os><family>linux</family></os>"),
                profile("dos", "<os><family>dos</family></os>"),
                profile("empty", "<os/>")))
                .containsExactly("linux", "notwindows", "kernel", "linuxFamily");
    }

    @Test
    void should_activate_profiles_by_property_and_environment_variable() throws Exception {
        assertThat(activeRepositories(
                profile("set", "<property><name>corp.build</name></property>"),
                profile("value", "<property><name>corp.build</name><value>true</value></property>"),
                profile("otherValue", "<property><name>corp.build</name><value>false</value></property>"),
                profile("notValue", "<property><name>corp.build</name><value>!false</value></property>"),
                profile("unset", "<property><name>!release</name></property>"),
                profile("unsetButIsSet", "<property><name>!corp.build</name></property>"),
                profile("ci", "<property><name>env.CI</name><value>1</value></property>"),
                profile("noName", "<property><value>x</value></property>")))
                .containsExactly("set", "value", "notValue", "unset", "ci");
    }

    @Test
    void should_activate_profiles_by_files_after_expanding_variables() throws Exception {
        Files.createFile(dir.resolve("marker"));
        String d = dir.toString();
        assertThat(activeRepositories(
                profile("exists", "<file><exists>" + d + "/marker</exists></file>"),
                profile("absent", "<file><exists>" + d + "/nothing</exists></file>"),
                profile("missing", "<file><missing>" + d + "/nothing</missing></file>"),
                profile("notMissing", "<file><missing>" + d + "/marker</missing></file>"),
                profile("expanded", "<file><exists>${corp.dir}/marker</exists></file>"),
                profile("relativeMissing", "<file><missing>${basedir}/nothing</missing></file>"),
                profile("relativeExists", "<file><exists>.</exists></file>")))
                .containsExactly("exists", "missing");
        ProfileActivation withDir = new ProfileActivation(Map.of("corp.dir", d), Map.of());
        Path f = dir.resolve("settings.xml");
        Files.writeString(f, "<settings><profiles>" + profile("expanded", "<file><exists>${corp.dir}/marker</exists>"
                + "</file>") + "</profiles></settings>");
        assertThat(MavenSettings.read(List.of(f), withDir).repositories()).hasSize(1);
    }

    @Test
    void should_require_every_condition_and_leave_profiles_without_conditions_to_their_names() throws Exception {
        assertThat(activeRepositories(
                profile("both", "<jdk>17</jdk><os><family>unix</family></os>"),
                profile("oneFails", "<jdk>17</jdk><os><family>windows</family></os>"),
                profile("none", ""),
                profile("byDefault", "<activeByDefault>true</activeByDefault><jdk>11</jdk>")))
                .containsExactly("both", "byDefault");
    }

    /** A range's bounds against a plain three-part comparison of the version. */
    @Property(tries = 300)
    void jdk_ranges_follow_the_numeric_order_of_three_parts(@ForAll @IntRange(min = 1, max = 30) int major,
            @ForAll @IntRange(max = 3) int minor, @ForAll @IntRange(max = 20) int patch,
            @ForAll @IntRange(min = 1, max = 30) int low, @ForAll @IntRange(min = 1, max = 30) int high,
            @ForAll boolean lowClosed, @ForAll boolean highClosed) {
        ProfileActivation jvm = new ProfileActivation(Map.of("java.version", major + "." + minor + "." + patch),
                Map.of());
        String range = (lowClosed ? "[" : "(") + low + "," + high + (highClosed ? "]" : ")");
        long v = major * 1_000_000L + minor * 1_000L + patch;
        long lo = low * 1_000_000L;
        long hi = high * 1_000_000L;
        boolean expected = (lowClosed ? v >= lo : v > lo) && (highClosed ? v <= hi : v < hi);
        // Maven accepts a version equal to a closed lower bound without looking at the upper one
        if (lowClosed && v == lo) expected = true;
        assertThat(jvm.jdk(range)).as("%s in %s", major + "." + minor + "." + patch, range).isEqualTo(expected);
    }
}
