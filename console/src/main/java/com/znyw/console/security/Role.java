package com.znyw.console.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The console's roles, each including the ones before it: an ADMIN may do what an OPERATOR may,
 * an OPERATOR what a VIEWER may. Views and endpoints name the lowest role they need.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** Role names for {@code @RolesAllowed}. */
    public static final String VIEWER_NAME = "VIEWER";
    public static final String OPERATOR_NAME = "OPERATOR";
    public static final String ADMIN_NAME = "ADMIN";

    /** This role and every role it includes. */
    public Set<Role> withIncluded() {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : values()) {
            if (role.ordinal() <= ordinal()) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** Spring authorities ({@code ROLE_x}) for the highest of the given roles. */
    public static List<String> authorities(Collection<Role> roles) {
        Role highest = roles.stream().max(Enum::compareTo).orElse(VIEWER);
        List<String> names = new ArrayList<>();
        for (Role role : highest.withIncluded()) {
            names.add("ROLE_" + role.name());
        }
        return names;
    }

    /**
     * Parses a role name.
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static Role parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown role '" + name
                    + "': use VIEWER, OPERATOR or ADMIN");
        }
    }
}
