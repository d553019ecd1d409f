package com.znyw.console.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MongoDB client and database, built from {@code znyw.mongo.*}. */
@Configuration
public class MongoConfig {

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(ZnywProperties properties) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(properties.mongo().uri()))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build();
        return MongoClients.create(settings);
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, ZnywProperties properties) {
        return client.getDatabase(properties.mongo().database());
    }
}
