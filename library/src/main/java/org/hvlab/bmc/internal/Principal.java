package org.hvlab.bmc.internal;

import org.hvlab.bmc.Role;

import java.util.Optional;

/** Who sent a request: the account, and the session if it came with an {@code X-Auth-Token}. */
public record Principal(Accounts.Account account, Optional<Sessions.Session> session) {
    /** Throws 403 unless this account's role carries {@code p}. */
    void require(Role.Privilege p) {
        if (!account.role().has(p)) {
            throw RedfishError.insufficientPrivilege(account.userName(), account.role().roleId(), p.redfishName());
        }
    }
}
