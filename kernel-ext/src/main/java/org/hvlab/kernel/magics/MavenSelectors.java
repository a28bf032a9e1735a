package org.hvlab.kernel.magics;

import org.eclipse.aether.repository.AuthenticationSelector;
import org.eclipse.aether.repository.MirrorSelector;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.ProxySelector;
import org.eclipse.aether.util.repository.AuthenticationBuilder;
import org.eclipse.aether.util.repository.DefaultAuthenticationSelector;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.DefaultProxySelector;

/** Maven Resolver's mirror, proxy and credential selectors from {@link MavenSettings}, as Maven builds them. */
final class MavenSelectors {
    private MavenSelectors() {}

    static MirrorSelector mirrors(MavenSettings s) {
        DefaultMirrorSelector selector = new DefaultMirrorSelector();
        for (MavenSettings.Mirror m : s.mirrors()) {
            selector.add(m.id(), m.url(), "default", false, m.blocked(), m.mirrorOf(), "*");
        }
        return selector;
    }

    static ProxySelector proxies(MavenSettings s) {
        DefaultProxySelector selector = new DefaultProxySelector();
        // as Maven: every active proxy by its protocol; the selector takes the first per protocol and uses an http
        // proxy for https repositories when no https one is given
        for (MavenSettings.Proxy p : s.proxies()) {
            boolean usable = !p.username().isEmpty() && !MavenSettings.encrypted(p.password());
            selector.add(new Proxy(p.protocol(), p.host(), p.port(), usable ? new AuthenticationBuilder()
                    .addUsername(p.username()).addPassword(p.password()).build() : null), p.nonProxyHosts());
        }
        return selector;
    }

    static AuthenticationSelector credentials(MavenSettings s) {
        DefaultAuthenticationSelector selector = new DefaultAuthenticationSelector();
        for (MavenSettings.Server server : s.servers()) {
            // an encrypted password would be sent as written: leave it out (the failure message names it)
            if (server.username().isEmpty() || MavenSettings.encrypted(server.password())) continue;
            selector.add(server.id(), new AuthenticationBuilder().addUsername(server.username())
                    .addPassword(server.password()).build());
        }
        return selector;
    }
}
