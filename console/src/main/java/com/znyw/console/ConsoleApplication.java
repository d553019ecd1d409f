package com.znyw.console;

import com.vaadin.flow.component.page.AppShellConfigurator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The ZNYW console: Vaadin views and the REST API under {@code /api/v1}.
 *
 * <p>Start it with {@code java -cp <classpath> com.znyw.console.ConsoleApplication
 * --znyw.mongo.uri=... --server.port=...}. Spring Boot's own MongoDB auto-configuration is off
 * because the client is built from {@code znyw.mongo.uri} (see {@code MongoConfig}).
 */
@SpringBootApplication(exclude = MongoAutoConfiguration.class)
@ConfigurationPropertiesScan
public class ConsoleApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
