package com.znyw.console.support;

import com.mongodb.client.MongoClients;
import com.znyw.console.ConsoleApplication;
import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.kpi.KpiConfigRepository;
import com.znyw.core.model.SeriesKey;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedQuestDb;
import java.time.Instant;
import java.util.Map;

/**
 * Starts the console for a person to look at: embedded MongoDB and QuestDB on free ports, a
 * fake Flink REST API, two NAB-like series, and the console on the port given as the first
 * argument (8080 by default). Further arguments go to Spring Boot. Run it with the test
 * classpath, for example from an IDE; stop it with Ctrl-C.
 */
public final class DevConsole {

    private DevConsole() {
    }

    public static void main(String[] args) throws Exception {
        String port = args.length > 0 ? args[0] : "8080";
        EmbeddedMongo mongo = EmbeddedMongo.start();
        EmbeddedQuestDb quest = EmbeddedQuestDb.start();
        FakeFlinkRest flink = new FakeFlinkRest();
        long now = System.currentTimeMillis();
        KpiConfigRepository kpis = new KpiConfigRepository(
                MongoClients.create(mongo.connectionString()).getDatabase("znyw"));
        for (String host : new String[] {"app-07", "app-08"}) {
            SeriesKey key = SeriesKey.of("txn_latency_ms", Map.of("host", host, "idc", "BJ"));
            ScoreWriter.write(quest.httpUrl(), quest.pgJdbcUrl(),
                    NabLikeSeries.generate(key, now, 3 * 1440, 60_000, host.hashCode()));
            kpis.insertIfAbsent(KpiConfig.withDefaults(key, 60_000, Instant.ofEpochMilli(now - 3 * 86_400_000L),
                    Instant.ofEpochMilli(now), Instant.now()).withUnit("ms").withOwner("core-banking-ops"));
        }
        String[] springArgs = new String[args.length > 1 ? args.length - 1 + 5 : 5];
        springArgs[0] = "--server.port=" + port;
        springArgs[1] = "--znyw.mongo.uri=" + mongo.connectionString();
        springArgs[2] = "--znyw.store.url=" + quest.pgJdbcUrl();
        springArgs[3] = "--znyw.flink.rest-url=" + flink.url();
        springArgs[4] = "--znyw.security.admin-password=" + System.getProperty("admin.password", "admin-demo-123");
        for (int i = 1; i < args.length; i++) {
            springArgs[4 + i] = args[i];
        }
        ConsoleApplication.main(springArgs);
    }
}
