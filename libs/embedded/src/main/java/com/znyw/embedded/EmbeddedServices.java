package com.znyw.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chosen set of embedded servers started together, each with its data in a subfolder of one
 * base folder ({@code kafka/}, {@code mongo/}, {@code questdb/}, {@code influxdb1/}), for the demo
 * or a suite that wants its own servers. The servers start in parallel. If any fails, those
 * already started are stopped and the first error is thrown. {@link #close()} stops them all.
 *
 * <p>For tests that share one server per JVM, use {@link SharedServices} or
 * {@link EmbeddedServicesExtension} instead.
 */
public final class EmbeddedServices implements AutoCloseable {

    /** The servers that can be started. */
    public enum Service {
        KAFKA, MONGO, QUESTDB, INFLUXDB1
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServices.class);

    private final Map<Service, EmbeddedServer> servers;

    private EmbeddedServices(Map<Service, EmbeddedServer> servers) {
        this.servers = servers;
    }

    /**
     * Starts {@code services} with data under {@code baseDir}, which is kept on close, on free
     * ports.
     *
     * @throws IllegalStateException when a server fails to start
     */
    public static EmbeddedServices start(Path baseDir, Set<Service> services) {
        Map<Service, CompletableFuture<EmbeddedServer>> starts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            if (services.contains(service)) {
                starts.put(service, CompletableFuture.supplyAsync(starter(service, baseDir)));
            }
        }

        Map<Service, EmbeddedServer> started = new EnumMap<>(Service.class);
        List<RuntimeException> failures = new ArrayList<>();
        starts.forEach((service, future) -> {
            try {
                started.put(service, future.join());
            } catch (CompletionException e) {
                failures.add(e.getCause() instanceof RuntimeException runtime ? runtime : e);
            }
        });
        if (!failures.isEmpty()) {
            started.values().forEach(EmbeddedServer::close);
            RuntimeException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        LOG.info("Embedded services {} started under {}", started.keySet(), baseDir);
        return new EmbeddedServices(started);
    }

    public EmbeddedKafka kafka() {
        return get(Service.KAFKA, EmbeddedKafka.class);
    }

    public EmbeddedMongo mongo() {
        return get(Service.MONGO, EmbeddedMongo.class);
    }

    public EmbeddedQuestDb questDb() {
        return get(Service.QUESTDB, EmbeddedQuestDb.class);
    }

    public EmbeddedInfluxDb1 influxDb1() {
        return get(Service.INFLUXDB1, EmbeddedInfluxDb1.class);
    }

    /** Stops every server of the set and waits for each to exit. */
    @Override
    public void close() {
        servers.values().parallelStream().forEach(EmbeddedServer::close);
        LOG.info("Embedded services {} stopped", servers.keySet());
    }

    private <T extends EmbeddedServer> T get(Service service, Class<T> type) {
        EmbeddedServer server = servers.get(service);
        if (server == null) {
            throw new IllegalStateException(service + " was not started: include it in the services passed to "
                    + "EmbeddedServices.start, which were " + servers.keySet());
        }
        return type.cast(server);
    }

    private static Supplier<EmbeddedServer> starter(Service service, Path baseDir) {
        return switch (service) {
            case KAFKA -> () -> EmbeddedKafka.start(baseDir.resolve("kafka"), 0);
            case MONGO -> () -> EmbeddedMongo.start(baseDir.resolve("mongo"), 0);
            case QUESTDB -> () -> EmbeddedQuestDb.start(baseDir.resolve("questdb"), 0, 0);
            case INFLUXDB1 -> () -> EmbeddedInfluxDb1.start(baseDir.resolve("influxdb1"), 0);
        };
    }
}
