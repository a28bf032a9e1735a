package org.hvlab.bmc;

import java.util.EnumSet;
import java.util.Set;

/**
 * The three standard Redfish roles and the privileges each carries (DMTF Redfish privilege registry:
 * {@code Login}, {@code ConfigureComponents}, {@code ConfigureManager}, {@code ConfigureUsers}, {@code ConfigureSelf}).
 */
public enum Role {
    /** Everything, including adding accounts. */
    ADMINISTRATOR("Administrator", EnumSet.allOf(Privilege.class)),
    /** Reads, resets, boot overrides and firmware updates; no account management. */
    OPERATOR("Operator", EnumSet.of(Privilege.LOGIN, Privilege.CONFIGURE_COMPONENTS, Privilege.CONFIGURE_SELF)),
    /** Reads only. */
    READ_ONLY("ReadOnly", EnumSet.of(Privilege.LOGIN, Privilege.CONFIGURE_SELF));

    /** A Redfish privilege as the registry names it. */
    public enum Privilege {
        LOGIN("Login"), CONFIGURE_COMPONENTS("ConfigureComponents"), CONFIGURE_MANAGER("ConfigureManager"),
        CONFIGURE_USERS("ConfigureUsers"), CONFIGURE_SELF("ConfigureSelf");

        private final String redfishName;

        Privilege(String redfishName) { this.redfishName = redfishName; }

        /** The name in the privilege registry, e.g. {@code ConfigureComponents}. */
        public String redfishName() { return redfishName; }
    }

    private final String roleId;
    private final Set<Privilege> privileges;

    Role(String roleId, Set<Privilege> privileges) {
        this.roleId = roleId;
        this.privileges = privileges;
    }

    /** The Redfish {@code RoleId}, e.g. {@code ReadOnly}. */
    public String roleId() { return roleId; }

    /** The privileges this role grants (a copy). */
    public Set<Privilege> privileges() { return EnumSet.copyOf(privileges); }

    public boolean has(Privilege p) { return privileges.contains(p); }

    /** The role whose {@code RoleId} is {@code roleId}, or empty. */
    public static java.util.Optional<Role> ofRoleId(String roleId) {
        for (Role r : values()) if (r.roleId.equals(roleId)) return java.util.Optional.of(r);
        return java.util.Optional.empty();
    }
}
