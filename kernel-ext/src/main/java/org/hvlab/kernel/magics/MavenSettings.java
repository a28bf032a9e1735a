package org.hvlab.kernel.magics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hvlab.kernel.KernelException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What {@code %maven} takes from Maven's {@code settings.xml}, as Maven itself reads it: the user's file
 * ({@code ~/.m2/settings.xml}) over the global one ({@code $MAVEN_HOME/conf/settings.xml}, Debian's
 * {@code /usr/share/maven/conf/settings.xml}): {@code localRepository}, {@code offline}, {@code mirrors}, active
 * {@code proxies}, {@code servers} credentials, and the repositories of active {@code <profiles>} (listed in
 * {@code <activeProfiles>}, {@code activeByDefault}, or an {@code <activation>} whose JDK, OS, property and file
 * conditions all hold: {@link ProfileActivation}), where a company's internal repositories usually sit.
 * {@code ${name}} (system properties such as {@code user.home}) and {@code ${env.NAME}} are expanded. Not read:
 * repository update and checksum policies, and server {@code <configuration>} other than {@code <httpHeaders>}.
 * Encrypted passwords are decrypted with the master password of {@code ~/.m2/settings-security.xml} (or the file the
 * {@code settings.security} property names), as Maven does ({@link MavenPasswords}); one that does not open is not
 * sent, and a failure names it.
 *
 * @param localRepository where artifacts are cached ({@code ~/.m2/repository} unless set)
 * @param repositories the active profiles' repositories, searched before Central as Maven does
 * @param files the settings files that were read, user's first (for messages)
 */
record MavenSettings(Path localRepository, boolean offline, List<Mirror> mirrors, List<Proxy> proxies,
                     List<Server> servers, List<Repository> repositories, List<Path> files) {

    /** A {@code <repository>} of an active profile. */
    record Repository(String id, String url) {}

    /** A {@code <mirror>}: {@code mirrorOf} is Maven's pattern ({@code *}, {@code central}, {@code external:*}, ...). */
    record Mirror(String id, String url, String mirrorOf, boolean blocked) {}

    /** A {@code <proxy>} (only active ones are kept); {@code nonProxyHosts} is {@code |}-separated with {@code *}. */
    record Proxy(String id, boolean active, String protocol, String host, int port, String username, String password,
                 String nonProxyHosts) {}

    /**
     * A {@code <server>}: credentials for the repository or mirror with that id, and the HTTP headers its
     * {@code <configuration><httpHeaders>} adds to every request (a GitLab {@code Private-Token}, say).
     */
    record Server(String id, String username, String password, Map<String, String> headers) {
        Server {
            headers = Map.copyOf(headers);
        }

        Server(String id, String username, String password) {
            this(id, username, password, Map.of());
        }
    }

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(env\\.)?([A-Za-z0-9_.-]+)}");

    /** The user's and the global settings of this machine (either may be missing). */
    static MavenSettings load() {
        Path home = Path.of(System.getProperty("user.home"));
        String mavenHome = Optional.ofNullable(System.getenv("MAVEN_HOME"))
                .or(() -> Optional.ofNullable(System.getenv("M2_HOME"))).orElse("/usr/share/maven");
        return read(List.of(home.resolve(".m2/settings.xml"), Path.of(mavenHome, "conf", "settings.xml")),
                ProfileActivation.ofThisJvm());
    }

    /** As {@link #read(List, ProfileActivation)} in this JVM, with another home directory and environment. */
    static MavenSettings read(Path userHome, List<Path> files, Map<String, String> env) {
        ProfileActivation jvm = ProfileActivation.ofThisJvm();
        Map<String, String> system = new java.util.HashMap<>(jvm.system());
        system.put("user.home", userHome.toString());
        return read(files, new ProfileActivation(Map.copyOf(system), env));
    }

    /**
     * Reads {@code files} in order of precedence, the user's first (missing files are skipped), merged as Maven 3
     * merges them: mirrors, proxies and servers by id (the first file's wins; a proxy without id is
     * {@code default}), then inactive proxies dropped; {@code localRepository} from the first file that sets it;
     * {@code offline} from the user's file only.
     */
    static MavenSettings read(List<Path> files, ProfileActivation platform) {
        Path userHome = Path.of(platform.system().getOrDefault("user.home", System.getProperty("user.home")));
        Path local = null;
        boolean offline = false;
        Map<String, Mirror> mirrors = new LinkedHashMap<>();
        Map<String, Proxy> proxies = new LinkedHashMap<>();
        Map<String, Server> servers = new LinkedHashMap<>();
        Map<String, Element> profiles = new LinkedHashMap<>();
        java.util.Set<String> activeProfiles = new java.util.LinkedHashSet<>();
        List<Path> read = new ArrayList<>();
        Expander x = new Expander(platform.system(), platform.env());
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            if (!Files.isRegularFile(f)) continue;
            read.add(f);
            Element root = parse(f).getDocumentElement();
            String lr = x.text(root, "localRepository");
            if (local == null && !lr.isBlank()) local = Path.of(lr);
            if (i == 0) offline = Boolean.parseBoolean(x.text(root, "offline"));
            for (Element m : children(root, "mirrors", "mirror")) {
                mirrors.putIfAbsent(x.text(m, "id"), new Mirror(x.text(m, "id"), x.text(m, "url"),
                        x.text(m, "mirrorOf"), Boolean.parseBoolean(x.text(m, "blocked"))));
            }
            for (Element p : children(root, "proxies", "proxy")) {
                String id = x.text(p, "id").isBlank() ? "default" : x.text(p, "id");
                String port = x.text(p, "port");
                String protocol = x.text(p, "protocol");
                String active = x.text(p, "active");
                proxies.putIfAbsent(id, new Proxy(id, active.isBlank() || Boolean.parseBoolean(active),
                        protocol.isBlank() ? "http" : protocol, x.text(p, "host"),
                        port.isBlank() ? 8080 : parsePort(port, f), x.text(p, "username"), x.text(p, "password"),
                        x.text(p, "nonProxyHosts")));
            }
            for (Element e : children(root, "servers", "server")) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (Element c : direct(e, "configuration")) {
                    for (Element h : children(c, "httpHeaders", "property")) {
                        headers.put(x.text(h, "name"), x.text(h, "value"));
                    }
                }
                servers.putIfAbsent(x.text(e, "id"), new Server(x.text(e, "id"), x.text(e, "username"),
                        x.text(e, "password"), headers));
            }
            for (Element p : children(root, "profiles", "profile")) profiles.putIfAbsent(x.text(p, "id"), p);
            for (Element a : children(root, "activeProfiles", "activeProfile")) activeProfiles.add(a.getTextContent().strip());
        }
        decrypt(servers, proxies, Path.of(platform.system().getOrDefault("settings.security",
                userHome.resolve(".m2/settings-security.xml").toString())));
        Map<String, Repository> repositories = new LinkedHashMap<>();
        profiles.forEach((id, p) -> {
            List<Element> activation = direct(p, "activation");
            boolean byDefault = activation.stream().anyMatch(a -> Boolean.parseBoolean(x.text(a, "activeByDefault")));
            boolean conditions = activation.stream().anyMatch(a -> platform.holds(new Xml(a, x)));
            if (!activeProfiles.contains(id) && !byDefault && !conditions) return;
            for (Element r : children(p, "repositories", "repository")) {
                repositories.putIfAbsent(x.text(r, "id"), new Repository(x.text(r, "id"), x.text(r, "url")));
            }
        });
        return new MavenSettings(local != null ? local : userHome.resolve(".m2/repository"), offline,
                List.copyOf(mirrors.values()), proxies.values().stream().filter(Proxy::active).toList(),
                List.copyOf(servers.values()), List.copyOf(repositories.values()), List.copyOf(read));
    }

    /**
     * Replaces encrypted server and proxy passwords by their clear text when {@code settings-security.xml}'s master
     * password opens them; those it does not open stay encrypted (and are named if resolution fails).
     */
    private static void decrypt(Map<String, Server> servers, Map<String, Proxy> proxies, Path securityFile) {
        boolean any = servers.values().stream().anyMatch(v -> encrypted(v.password()))
                || proxies.values().stream().anyMatch(v -> encrypted(v.password()));
        if (!any) return;
        java.util.Optional<String> master = MavenPasswords.master(securityFile);
        if (master.isEmpty()) return;
        servers.replaceAll((id, v) -> encrypted(v.password()) ? new Server(id, v.username(),
                MavenPasswords.decrypt(v.password(), master.get()).orElse(v.password()), v.headers()) : v);
        proxies.replaceAll((id, v) -> encrypted(v.password()) ? new Proxy(id, v.active(), v.protocol(), v.host(),
                v.port(), v.username(), MavenPasswords.decrypt(v.password(), master.get()).orElse(v.password()),
                v.nonProxyHosts()) : v);
    }

    /** Maven's encrypted form ({@code {...}}) that the master password did not open (or there was none). */
    static boolean encrypted(String password) {
        return MavenPasswords.encrypted(password);
    }

    /** The credentials %maven cannot use because their password is encrypted, as sentences. */
    List<String> encryptedCredentials() {
        List<String> out = new ArrayList<>();
        servers.stream().filter(s -> encrypted(s.password())).forEach(s -> out.add("server '" + s.id() + "'"));
        proxies.stream().filter(p -> encrypted(p.password())).forEach(p -> out.add("proxy '" + p.id() + "'"));
        return out;
    }

    private static int parsePort(String port, Path file) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw settingsError(file, "proxy port '" + port + "' is not a number", e);
        }
    }

    static Document parse(Path f) {
        try (InputStream in = Files.newInputStream(f)) {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return dbf.newDocumentBuilder().parse(in);
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw settingsError(f, "it is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static KernelException settingsError(Path f, String why, Exception cause) {
        return new KernelException(KernelException.Reason.MAVEN, "%maven cannot read " + f, why,
                "Fix the file (mvn -s " + f + " help:effective-settings shows how Maven reads it) or move it aside",
                cause);
    }

    /** Elements {@code <container><item>...</item></container>} directly under {@code root}. */
    private static List<Element> children(Element root, String container, String item) {
        List<Element> out = new ArrayList<>();
        for (Element c : direct(root, container)) out.addAll(direct(c, item));
        return out;
    }

    static List<Element> direct(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** An element whose direct children are read as text, expanded as the rest of the settings are. */
    record Xml(Element element, Expander x) {
        String text(String name) {
            return x.text(element, name);
        }

        Optional<Xml> child(String name) {
            return direct(element, name).stream().findFirst().map(e -> new Xml(e, x));
        }
    }

    /** Text of direct children, {@code ${name}} (system properties) and {@code ${env.X}} expanded; "" when absent. */
    record Expander(Map<String, String> system, Map<String, String> env) {
        String text(Element parent, String name) {
            List<Element> found = direct(parent, name);
            if (found.isEmpty()) return "";
            Matcher m = PROPERTY.matcher(found.get(0).getTextContent().strip());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                // an unset variable stays as written, as in Maven
                String value = (m.group(1) != null ? env : system).getOrDefault(m.group(2), m.group());
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }
}
