package org.hvlab.bmc.internal;

import org.hvlab.bmc.BmcException;
import org.hvlab.bmc.Role;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BMC's accounts: user name, role, and a salted PBKDF2 hash of the password. Verified {@code Authorization:
 * Basic} header values are cached (header -> account) so that a client sending the same credentials on every
 * request pays the hash once; any account change clears the cache.
 */
public final class Accounts {
    private static final int ITERATIONS = 20_000;

    /** One account; immutable. A disabled account ({@code Enabled: false}) cannot log in or use Basic auth. */
    public record Account(String id, String userName, Role role, boolean enabled, byte[] salt, byte[] hash) {
        boolean matches(String password) {
            return MessageDigest.isEqual(hash, pbkdf2(password, salt));
        }
    }

    private final Map<String, Account> byUser = new ConcurrentHashMap<>();
    private final Map<String, Account> basicCache = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private int nextId = 1;
    private final byte[] dummySalt = new byte[16];
    private final byte[] dummyHash;

    public Accounts() {
        random.nextBytes(dummySalt);
        byte[] pw = new byte[16];
        random.nextBytes(pw);
        dummyHash = pbkdf2(Base64.getEncoder().encodeToString(pw), dummySalt);
    }

    /** Adds an account; fails if the user name is taken. */
    public Account add(String userName, String password, Role role) {
        return add(userName, password, role, true);
    }

    /** Adds an account, enabled or not; fails if the user name is taken. */
    public synchronized Account add(String userName, String password, Role role, boolean enabled) {
        if (byUser.containsKey(userName)) {
            throw new BmcException(BmcException.Reason.DUPLICATE_ACCOUNT, "account " + userName + " already exists",
                    "user names are unique on a BMC", "Pick another UserName or look at /redfish/v1/AccountService/Accounts");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Account a = new Account(Integer.toString(nextId++), userName, role, enabled, salt,
                pbkdf2(password, salt));
        byUser.put(userName, a);
        basicCache.clear();
        return a;
    }

    public boolean exists(String userName) {
        return byUser.containsKey(userName);
    }

    public Optional<Account> byId(String id) {
        return byUser.values().stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** All accounts, ordered by id. */
    public List<Account> all() {
        List<Account> l = new ArrayList<>(byUser.values());
        l.sort((x, y) -> Integer.compare(Integer.parseInt(x.id()), Integer.parseInt(y.id())));
        return l;
    }

    /** The account if {@code userName}/{@code password} are right. */
    public Optional<Account> verify(String userName, String password) {
        Account a = userName == null ? null : byUser.get(userName);
        if (a == null || password == null) {
            // the same PBKDF2 work as for a real account, so the answer time does not tell which user names exist
            MessageDigest.isEqual(dummyHash, pbkdf2(password == null ? "" : password, dummySalt));
            return Optional.empty();
        }
        return a.matches(password) && a.enabled() ? Optional.of(a) : Optional.empty();
    }

    /** Verifies the value of an {@code Authorization: Basic ...} header, through the cache. */
    public Optional<Account> verifyBasic(String headerValue) {
        Account cached = basicCache.get(headerValue);
        if (cached != null) return Optional.of(cached);
        String b64 = headerValue.substring("Basic ".length()).trim();
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = pair.indexOf(':');
        if (colon < 0) return Optional.empty();
        Optional<Account> a = verify(pair.substring(0, colon), pair.substring(colon + 1));
        a.ifPresent(acc -> {
            if (basicCache.size() < 1024) basicCache.put(headerValue, acc);
        });
        return a;
    }

    static byte[] pbkdf2(String password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is in every JDK", e);
        }
    }
}
