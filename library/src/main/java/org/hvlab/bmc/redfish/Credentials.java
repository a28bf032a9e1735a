package org.hvlab.bmc.redfish;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** A Redfish user name and password; {@link #toString()} hides the password. */
public record Credentials(String user, String password) {
    public Credentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /** The {@code Authorization} header value for Basic auth. */
    public String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=****]";
    }
}
