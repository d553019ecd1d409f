package com.znyw.console.security;

import com.znyw.console.config.ZnywProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * Counts failed sign-ins per user name and locks the name out for {@code znyw.security.lockout}
 * after {@code znyw.security.max-failed-logins} failures in a row. A success clears the count.
 * Kept in memory: a restart clears lock-outs, which the audit log still records.
 */
@Service
public class LoginAttemptService {

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;

    public LoginAttemptService(Clock clock, ZnywProperties properties) {
        this.clock = clock;
        this.maxFailures = properties.security().maxFailedLogins();
        this.lockout = properties.security().lockout();
    }

    public boolean isLocked(String username) {
        Failures entry = failures.get(key(username));
        return entry != null && entry.lockedUntil() != null
                && clock.instant().isBefore(entry.lockedUntil());
    }

    /** Records a failure; returns true when this failure locked the name out. */
    public boolean failed(String username) {
        Instant now = clock.instant();
        Failures updated = failures.compute(key(username), (k, old) -> {
            int count = old == null || (old.lockedUntil() != null && !now.isBefore(old.lockedUntil()))
                    ? 1 : old.count() + 1;
            return new Failures(count, count >= maxFailures ? now.plus(lockout) : null);
        });
        return updated.lockedUntil() != null && updated.count() == maxFailures;
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
