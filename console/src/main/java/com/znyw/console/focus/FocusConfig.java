package com.znyw.console.focus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import com.mongodb.client.MongoDatabase;
import com.znyw.console.config.ZnywProperties;
import com.znyw.core.focus.FocusJobStore;

import jakarta.servlet.MultipartConfigElement;

/** The Focus store, the Flink launcher and the multipart limits that fit Focus uploads. */
@Configuration
public class FocusConfig {

    @Bean
    FocusJobStore focusJobStore(MongoDatabase database) {
        FocusJobStore store = new FocusJobStore(database);
        store.createIndexes();
        return store;
    }

    @Bean
    FocusLauncher focusLauncher(ZnywProperties properties, FocusProperties focus) {
        String mongoUri = focus.jobMongoUri().isBlank() ? properties.mongo().uri()
                : focus.jobMongoUri();
        return new FlinkRestFocusLauncher(properties.flink().restUrl(),
                properties.flink().requestTimeout(), focus.jobJar(), mongoUri,
                properties.mongo().database());
    }

    /**
     * Replaces Spring Boot's default multipart limit of 1 MB, which would reject almost every
     * Focus upload, with {@code znyw.focus.max-upload-size}. Larger parts are written to a
     * temporary folder under the upload folder instead of being held in memory.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(FocusProperties focus) {
        Path spool = focus.uploadDir().toAbsolutePath().resolve(".spool");
        try {
            Files.createDirectories(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Focus upload folder " + spool
                    + ": set znyw.focus.upload-dir to a writable folder", e);
        }
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setLocation(spool.toString());
        factory.setMaxFileSize(focus.maxUploadSize());
        factory.setMaxRequestSize(DataSize.ofBytes(focus.maxUploadSize().toBytes() + 1024 * 1024));
        factory.setFileSizeThreshold(DataSize.ofMegabytes(1));
        return factory.createMultipartConfig();
    }
}
