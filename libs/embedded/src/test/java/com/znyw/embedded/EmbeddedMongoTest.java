package com.znyw.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServicesExtension.class)
class EmbeddedMongoTest {

    @Test
    void insertAndFindDocument(EmbeddedMongo mongo) {
        assertThat(mongo.connectionString()).isEqualTo("mongodb://127.0.0.1:" + mongo.port());
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> configs = client.getDatabase("db_" + UUID.randomUUID().toString().replace("-", ""))
                    .getCollection("kpi_configs");
            configs.insertOne(new Document("kpi", "txn_latency_ms").append("threshold", 250.0));
            configs.insertOne(new Document("kpi", "txn_count").append("threshold", 10.0));

            Document found = configs.find(Filters.eq("kpi", "txn_latency_ms")).first();
            assertThat(found).isNotNull();
            assertThat(found.getDouble("threshold")).isEqualTo(250.0);
            assertThat(configs.countDocuments()).isEqualTo(2);
        }
    }

    @Test
    void uniqueIndexRejectsDuplicate(EmbeddedMongo mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> rules = client.getDatabase("db_" + UUID.randomUUID().toString().replace("-", ""))
                    .getCollection("alert_rules");
            rules.createIndex(Indexes.ascending("name"), new IndexOptions().unique(true));
            rules.insertOne(new Document("name", "latency-high"));

            assertThatThrownBy(() -> rules.insertOne(new Document("name", "latency-high")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(ErrorCategory.fromErrorCode(e.getCode())).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            assertThat(rules.countDocuments()).isEqualTo(1);
        }
    }
}
