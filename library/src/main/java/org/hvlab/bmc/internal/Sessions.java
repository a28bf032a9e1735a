package org.hvlab.bmc.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redfish sessions: a random {@code X-Auth-Token} per login, an idle timeout measured on the injected clock
 * (a session unused for longer than {@link #timeout()} is gone), and logout by DELETE of the session resource.
 */
public final class Sessions {
    /** A live session; {@code lastUsed} moves on every authenticated request. */
    public static final class Session {
        private final String id;
        private final String token;
        private final Accounts.Account account;
        private final Instant created;
        private volatile Instant lastUsed;

        Session(String id, String token, Accounts.Account account, Instant now) {
            this.id = id;
            this.token = token;
            this.account = account;
            this.created = now;
            this.lastUsed = now;
        }

        public String id() { return id; }
        public String token() { return token; }
        public Accounts.Account account() { return account; }
        public Instant created() { return created; }
        public Instant lastUsed() { return lastUsed; }
    }

    private final Clock clock;
    private final Duration timeout;
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private long nextId = 1;

    public Sessions(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public Duration timeout() { return timeout; }

    public synchronized Session open(Accounts.Account account) {
        byte[] t = new byte[16];
        random.nextBytes(t);
        Session s = new Session(Long.toString(nextId++), HexFormat.of().formatHex(t), account, clock.instant());
        byToken.put(s.token(), s);
        return s;
    }

    /** The session for {@code token} if it exists and has not been idle too long; touches it. */
    public Optional<Session> use(String token) {
        Session s = byToken.get(token);
        if (s == null) return Optional.empty();
        Instant now = clock.instant();
        if (Duration.between(s.lastUsed, now).compareTo(timeout) > 0) {
            byToken.remove(token);
            return Optional.empty();
        }
        s.lastUsed = now;
        return Optional.of(s);
    }

    /** Live sessions, expired ones dropped first; ordered by id. */
    public List<Session> live() {
        Instant now = clock.instant();
        byToken.values().removeIf(s -> Duration.between(s.lastUsed, now).compareTo(timeout) > 0);
        List<Session> l = new ArrayList<>(byToken.values());
        l.sort((a, b) -> Long.compare(Long.parseLong(a.id()), Long.parseLong(b.id())));
        return l;
    }

    public Optional<Session> byId(String id) {
        return live().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public boolean close(String id) {
        return byToken.values().removeIf(s -> s.id().equals(id));
    }
}
