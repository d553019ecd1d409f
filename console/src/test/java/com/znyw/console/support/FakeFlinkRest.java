package com.znyw.console.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for the Flink REST API on 127.0.0.1 with a free port. It serves
 * {@code /jobs/overview} and {@code /overview} with one running detection job.
 */
public final class FakeFlinkRest implements AutoCloseable {

    private final HttpServer server;

    public FakeFlinkRest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jobs/overview", exchange -> reply(exchange, """
                {"jobs":[{"jid":"a1b2c3d4e5f60718293a4b5c6d7e8f90","name":"znyw-detection",
                "state":"RUNNING","start-time":1733300000000,"end-time":-1,"duration":60000,
                "tasks":{"total":4,"running":4}}]}"""));
        server.createContext("/overview", exchange -> reply(exchange, """
                {"taskmanagers":1,"slots-total":4,"slots-available":0,"jobs-running":1,
                "jobs-finished":0,"jobs-cancelled":0,"jobs-failed":0,"flink-version":"1.20.5"}"""));
        server.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
