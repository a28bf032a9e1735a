package org.hvlab.kernel.magics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code proxies} and {@code servers} credentials. {@code ${user.home}} and {@code ${env.NAME}} are expanded.
 *
 * @param localRepository where artifacts are cached ({@code ~/.m2/repository} unless set)
 * @param files the settings files that were read, user's first (for messages)
 */
record MavenSettings(Path localRepository, boolean offline, List<Mirror> mirrors, List<Proxy> proxies,
                     List<Server> servers, List<Path> files) {

    /** A {@code <mirror>}: {@code mirrorOf} is Maven's pattern ({@code *}, {@code central}, {@code external:*}, ...). */
    record Mirror(String id, String url, String mirrorOf, boolean blocked) {}

    /** An active {@code <proxy>}; {@code nonProxyHosts} is {@code |}-separated with {@code *} wildcards. */
    record Proxy(String protocol, String host, int port, String username, String password, String nonProxyHosts) {}

    /** A {@code <server>}: credentials for the repository or mirror with that id. */
    record Server(String id, String username, String password) {}

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{(env\\.)?([A-Za-z0-9_.]+)}");

    /** The user's and the global settings of this machine (either may be missing). */
    static MavenSettings load() {
        Path home = Path.of(System.getProperty("user.home"));
        String mavenHome = Optional.ofNullable(System.getenv("MAVEN_HOME"))
                .or(() -> Optional.ofNullable(System.getenv("M2_HOME"))).orElse("/usr/share/maven");
        return read(home, List.of(home.resolve(".m2/settings.xml"), Path.of(mavenHome, "conf", "settings.xml")),
                System.getenv());
    }

    /** Reads {@code files} in order of precedence (earlier wins for ids and single values); missing files are skipped. */
    static MavenSettings read(Path userHome, List<Path> files, Map<String, String> env) {
        Path local = null;
        Boolean offline = null;
        List<Mirror> mirrors = new ArrayList<>();
        List<Proxy> proxies = new ArrayList<>();
        List<Server> servers = new ArrayList<>();
        List<Path> read = new ArrayList<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) continue;
            read.add(f);
            Element root = parse(f).getDocumentElement();
            Expander x = new Expander(userHome, env);
            String lr = x.text(root, "localRepository");
            if (local == null && !lr.isBlank()) local = Path.of(lr);
            String off = x.text(root, "offline");
            if (offline == null && !off.isBlank()) offline = Boolean.parseBoolean(off);
            for (Element m : children(root, "mirrors", "mirror")) {
                Mirror mirror = new Mirror(x.text(m, "id"), x.text(m, "url"), x.text(m, "mirrorOf"),
                        Boolean.parseBoolean(x.text(m, "blocked")));
                if (mirrors.stream().noneMatch(o -> o.id().equals(mirror.id()))) mirrors.add(mirror);
            }
            for (Element p : children(root, "proxies", "proxy")) {
                String active = x.text(p, "active");
                if (!active.isBlank() && !Boolean.parseBoolean(active)) continue;
                String port = x.text(p, "port");
                String protocol = x.text(p, "protocol");
                proxies.add(new Proxy(protocol.isBlank() ? "http" : protocol, x.text(p, "host"),
                        port.isBlank() ? 8080 : parsePort(port, f), x.text(p, "username"), x.text(p, "password"),
                        x.text(p, "nonProxyHosts")));
            }
            for (Element s : children(root, "servers", "server")) {
                Server server = new Server(x.text(s, "id"), x.text(s, "username"), x.text(s, "password"));
                if (servers.stream().noneMatch(o -> o.id().equals(server.id()))) servers.add(server);
            }
        }
        return new MavenSettings(local != null ? local : userHome.resolve(".m2/repository"),
                offline != null && offline, List.copyOf(mirrors), List.copyOf(proxies), List.copyOf(servers),
                List.copyOf(read));
    }

    private static int parsePort(String port, Path file) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw settingsError(file, "proxy port '" + port + "' is not a number", e);
        }
    }

    private static Document parse(Path f) {
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

    private static List<Element> direct(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** Text of direct children with {@code ${user.home}} and {@code ${env.X}} expanded; "" when absent. */
    private record Expander(Path userHome, Map<String, String> env) {
        String text(Element parent, String name) {
            List<Element> found = direct(parent, name);
            if (found.isEmpty()) return "";
            Matcher m = PROPERTY.matcher(found.get(0).getTextContent().strip());
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = m.group(1) != null ? env.getOrDefault(m.group(2), "")
                        : m.group(2).equals("user.home") ? userHome.toString() : m.group();
                m.appendReplacement(sb, Matcher.quoteReplacement(value));
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }
}
