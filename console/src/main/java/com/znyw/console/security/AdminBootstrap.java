package com.znyw.console.security;

import com.znyw.console.config.ZnywProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first ADMIN when the {@code users} collection has none. The password comes from
 * {@code znyw.security.admin-password} (or the {@code ZNYW_ADMIN_PASSWORD} environment variable);
 * when that is empty a random one is generated and printed once on standard output, never logged.
 */
@Component
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserService users;
    private final ZnywProperties properties;

    public AdminBootstrap(UserService users, ZnywProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyAdmin()) {
            return;
        }
        String username = properties.security().adminUser();
        String configured = properties.security().adminPassword();
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? randomPassword() : configured;
        users.create("system", username, password, Role.ADMIN);
        if (generated) {
            System.out.println("ZNYW console: created ADMIN '" + username + "' with password "
                    + password + " (set znyw.security.admin-password to choose one)");
            LOG.info("Created the first ADMIN user={}; its generated password went to standard output",
                    username);
        } else {
            LOG.info("Created the first ADMIN user={} with the configured password", username);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
