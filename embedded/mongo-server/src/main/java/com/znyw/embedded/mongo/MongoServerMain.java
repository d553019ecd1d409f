package com.znyw.embedded.mongo;

import com.znyw.embedded.server.ServerArgs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Runs mongo-java-server (the MongoDB wire protocol) on 127.0.0.1 with its H2 backend storing
 * everything in one MVStore file, {@code DIR/mongo.mv}, so data survives a restart on the same
 * folder.
 *
 * <p>Usage: {@code MongoServerMain --data-dir DIR [--port N] [--parent-pid PID]}. Port 0 or none
 * binds a free port. Prints {@code ZNYW-READY port=N connectionString=mongodb://127.0.0.1:N}
 * once bound. The oplog is on, so change streams work; multi-document transactions do not exist
 * in mongo-java-server 1.47. SIGTERM, or the end of the parent process, closes the store cleanly.
 * Exit status 3 means the port was taken; 1 means any other start failure; 2 means bad options.
 */
public final class MongoServerMain {

    private static final Set<String> OPTIONS = Set.of("data-dir", "port", "parent-pid");

    private MongoServerMain() {
    }

    public static void main(String[] args) {
        ServerArgs options;
        Path dataDir;
        int port;
        try {
            options = ServerArgs.parse(args, OPTIONS);
            dataDir = options.dataDir();
            port = options.port("port");
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("Invalid arguments: " + e.getMessage());
            System.exit(2);
            return;
        }
        options.exitWithParent();

        Path storeFile = dataDir.resolve("mongo.mv");
        MongoServer server;
        try {
            H2Backend backend = new H2Backend(storeFile.toString());
            server = new MongoServer(backend);
            server.enableOplog();
        } catch (Exception e) {
            System.err.println("Opening the MongoDB store " + storeFile + " failed: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }

        try {
            server.bind("127.0.0.1", port);
        } catch (Exception e) {
            // Netty throws the checked BindException without declaring it, hence Exception.
            // mongo-java-server keeps its event loop threads alive after a failed bind, so the
            // JVM would not end on its own.
            System.err.println("MongoDB server failed to bind 127.0.0.1:" + port + ": " + e);
            e.printStackTrace();
            server.shutdownNow();
            System.exit(ServerArgs.isBindFailure(e) ? ServerArgs.EXIT_BIND_FAILED : 1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Stopping MongoDB server on port " + server.getLocalAddress().getPort());
            server.shutdown();
            System.err.println("MongoDB server stopped; store closed");
            stopped.countDown();
        }, "mongo-shutdown"));

        InetSocketAddress address = server.getLocalAddress();
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("port", address.getPort());
        ready.put("connectionString", "mongodb://127.0.0.1:" + address.getPort());
        ServerArgs.printReady(ready);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
