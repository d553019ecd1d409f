package com.znyw.console.config;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.znyw.core.tsdb.InfluxQlScoreRepository;
import com.znyw.core.tsdb.QuestDbScoreRepository;
import com.znyw.core.tsdb.ScoreRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the time-series store from {@code znyw.store.type}. */
@Configuration
public class StoreConfig {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConfig.class);

    @Bean(destroyMethod = "close")
    ScoreRepository scoreRepository(ZnywProperties properties) {
        ZnywProperties.Store store = properties.store();
        LOG.info("Reading scores from {} at {}", store.type(), store.url());
        if (store.type() == ZnywProperties.StoreType.QUESTDB) {
            return new QuestDbScoreRepository(store.url(), orDefault(store.user(), "admin"),
                    orDefault(store.password(), "quest"));
        }
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder().url(store.url());
        if (store.token() != null && !store.token().isBlank()) {
            options.authenticateToken(store.token().toCharArray());
        } else if (store.user() != null && !store.user().isBlank()) {
            options.authenticate(store.user(), orDefault(store.password(), "").toCharArray());
        }
        if (store.org() != null && !store.org().isBlank()) {
            options.org(store.org());
        }
        InfluxDBClient client = InfluxDBClientFactory.create(options.build());
        return new InfluxQlScoreRepository(client, orDefault(store.database(), "znyw"));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
