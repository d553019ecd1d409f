package com.znyw.console.security;

import java.time.Instant;

/**
 * A console user as stored in the {@code users} collection ({@code _id} is the user name).
 *
 * @param passwordHash bcrypt hash
 * @param locale       language tag of the chosen language, {@code zh-CN} or {@code en}
 * @param zone         time zone for displayed times, for example {@code Asia/Shanghai}
 */
public record UserAccount(String username, String passwordHash, Role role, String locale,
                          String zone, boolean enabled, long version, Instant createdAt,
                          Instant updatedAt) {
}
