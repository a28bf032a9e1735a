package org.hvlab.kernel.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.graph.transformer.ConflictResolver;
import org.hvlab.kernel.KernelException;

/**
 * {@code %maven}: resolves coordinates and their runtime dependencies with Maven Resolver (from the local repository
 * or Maven Central, through the mirrors, proxies and server credentials of Maven's {@code settings.xml}, offline if
 * it says so), and reports version conflicts: those Maven's nearest-wins rule settled inside the request, and those
 * with a different version of the same artifact already on the kernel's class path (the kernel's wins: the other
 * version is not added).
 */
final class MavenResolver {
    static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private final MavenSettings settings;

    /** With this machine's settings ({@link MavenSettings#load()}). */
    MavenResolver() {
        this(MavenSettings.load());
    }

    MavenResolver(MavenSettings settings) {
        this.settings = settings;
    }

    /** The resolved jars and the conflicts found, as sentences. */
    record Resolution(List<Path> jars, List<String> conflicts) {}

    Resolution resolve(List<String> coordinates, List<String> kernelClassPath) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        Path local = settings.localRepository();
        List<RemoteRepository> repositories = List.of();
        RepositorySystemSession.SessionBuilder builder = new SessionBuilderSupplier(system).get();
        // a server's <httpHeaders>, as Maven passes them: per repository (or mirror) id
        for (MavenSettings.Server s : settings.servers()) {
            if (!s.headers().isEmpty()) {
                builder.setConfigProperty(ConfigurationProperties.HTTP_HEADERS + "." + s.id(), s.headers());
            }
        }
        try (RepositorySystemSession.CloseableSession session = builder
                .withLocalRepositoryBaseDirectories(local)
                .setOffline(settings.offline())
                .setMirrorSelector(MavenSelectors.mirrors(settings))
                .setProxySelector(MavenSelectors.proxies(settings))
                .setAuthenticationSelector(MavenSelectors.credentials(settings))
                .setConfigProperty(ConflictResolver.CONFIG_PROP_VERBOSE, ConflictResolver.Verbosity.STANDARD)
                .build()) {
            List<RemoteRepository> declared = new ArrayList<>();
            for (MavenSettings.Repository r : settings.repositories()) {
                declared.add(new RemoteRepository.Builder(r.id(), "default", r.url()).build());
            }
            declared.add(new RemoteRepository.Builder("central", "default", CENTRAL).build());
            // mirrors, proxies and credentials applied as Maven applies them to its repositories
            repositories = system.newResolutionRepositories(session, declared);
            CollectRequest collect = new CollectRequest();
            for (String c : coordinates) collect.addDependency(new Dependency(new DefaultArtifact(c), "runtime"));
            collect.setRepositories(repositories);
            // the verbose graph keeps the losers of each conflict (for the report below): resolve the winners only
            DependencyResult result = system.resolveDependencies(session, new DependencyRequest(collect,
                    (node, parents) -> node.getData().get(ConflictResolver.NODE_DATA_WINNER) == null));
            Map<String, String> kernelJars = kernelArtifacts(kernelClassPath);
            List<Path> jars = new ArrayList<>();
            List<String> conflicts = new ArrayList<>();
            losers(result.getRoot(), conflicts);
            for (ArtifactResult r : result.getArtifactResults()) {
                Artifact a = r.getArtifact();
                if (a == null || a.getPath() == null) continue;
                String have = kernelJars.get(key(a));
                if (have == null) {
                    jars.add(a.getPath());
                } else if (!have.equals(a.getVersion())) {
                    conflicts.add(key(a) + ": the kernel already has " + have + ", %maven resolved " + a.getVersion()
                            + "; kept the kernel's " + have + " (" + a.getVersion() + " is not added)");
                }
            }
            return new Resolution(jars, conflicts);
        } catch (KernelException e) {
            throw e;
        } catch (Exception e) {
            String where = repositories.isEmpty() ? CENTRAL : repositories.stream().map(r -> r.getId() + " "
                    + r.getUrl() + (r.getProxy() != null ? " via proxy " + r.getProxy().getHost() + ":"
                    + r.getProxy().getPort() : "")).toList().toString();
            throw new KernelException(KernelException.Reason.MAVEN, "%maven could not resolve " + coordinates,
                    String.valueOf(e.getMessage()), "Check the coordinates (groupId:artifactId:version) and that "
                    + where + " is reachable" + (settings.offline() ? " (settings.xml says offline: the artifacts"
                    + " must already be in " + local + ")" : " or the artifacts are in " + local)
                    + (settings.files().isEmpty() ? "" : "; settings read from " + settings.files())
                    + (settings.encryptedCredentials().isEmpty() ? "" : "; the password of "
                    + String.join(", ", settings.encryptedCredentials()) + " is encrypted and the master password"
                    + " of ~/.m2/settings-security.xml does not open it (the file is missing, or the password was"
                    + " encrypted with another master): those credentials were not sent (check it with mvn"
                    + " help:effective-settings -DshowPasswords=true, or fetch the jars with mvn dependency:copy and"
                    + " add them with %jars)"), e);
        }
    }

    private static void losers(DependencyNode node, List<String> out) {
        for (DependencyNode child : node.getChildren()) {
            Object winner = child.getData().get(ConflictResolver.NODE_DATA_WINNER);
            if (winner instanceof DependencyNode w && child.getArtifact() != null && w.getArtifact() != null
                    && !w.getArtifact().getVersion().equals(child.getArtifact().getVersion())) {
                out.add(key(child.getArtifact()) + ": " + child.getArtifact().getVersion() + " was asked for, "
                        + w.getArtifact().getVersion() + " is used (nearest wins)");
            }
            losers(child, out);
        }
    }

    /**
     * {@code groupId:artifactId} to version of the jars in a Maven-repository layout on the kernel's class path
     * ({@code .../repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar}); jars elsewhere are not keyed.
     */
    static Map<String, String> kernelArtifacts(List<String> kernelClassPath) {
        Map<String, String> kernelJars = new LinkedHashMap<>();
        for (String e : kernelClassPath) {
            if (!e.endsWith(".jar")) continue;
            Path jar = Path.of(e);
            int repo = -1;
            for (int i = 0; i < jar.getNameCount(); i++) if (jar.getName(i).toString().equals("repository")) repo = i;
            int n = jar.getNameCount();
            // repository / group segments... / artifactId / version / file
            if (repo < 0 || n - repo < 5) continue;
            String artifact = jar.getName(n - 3).toString();
            String version = jar.getName(n - 2).toString();
            if (!jar.getFileName().toString().startsWith(artifact + "-" + version)) continue;
            String group = jar.subpath(repo + 1, n - 3).toString().replace(jar.getFileSystem().getSeparator(), ".");
            kernelJars.put(group + ":" + artifact, version);
        }
        return kernelJars;
    }

    private static String key(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId();
    }
}
