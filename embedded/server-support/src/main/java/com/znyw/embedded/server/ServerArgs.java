package com.znyw.embedded.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line options of a server main ({@code --name value} pairs) and the parts every server
 * main shares: the parent-process watch and the ready line.
 *
 * <p>It lives in a module without dependencies so that each server module can put it on its own
 * classpath next to the server it runs.
 */
public final class ServerArgs {

    /** Prefix of the single line a server prints to stdout once it accepts connections. */
    public static final String READY_PREFIX = "ZNYW-READY";

    /** Exit status when a listener could not bind, so that the launcher retries on new ports. */
    public static final int EXIT_BIND_FAILED = 3;

    private final Map<String, String> values;

    private ServerArgs(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code --name value} pairs.
     *
     * @throws IllegalArgumentException on an unknown option or an option without a value
     */
    public static ServerArgs parse(String[] args, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || !allowed.contains(name.substring(2))) {
                throw new IllegalArgumentException("Unknown option '" + name + "': expected one of --"
                        + String.join(", --", allowed));
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for option " + name);
            }
            values.put(name.substring(2), args[++i]);
        }
        return new ServerArgs(values);
    }

    /** Returns the data folder, created if missing. */
    public Path dataDir() throws IOException {
        String dir = values.get("data-dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("Missing --data-dir: pass the folder for the server's data");
        }
        return Files.createDirectories(Path.of(dir)).toAbsolutePath();
    }

    /**
     * Returns the TCP port given for {@code name}, or a free port on 127.0.0.1 when it is missing
     * or 0.
     */
    public int portOrFree(String name) throws IOException {
        int port = port(name);
        return port == 0 ? freePort() : port;
    }

    /** Returns the TCP port given for {@code name}, or 0 when it is missing. */
    public int port(String name) {
        String text = values.getOrDefault(name, "0");
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid --" + name + " '" + text + "': expected a port number 0-65535");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Invalid --" + name + " " + port + ": expected a port number 0-65535");
        }
        return port;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /**
     * Starts a daemon thread that calls {@code System.exit(0)} when the process given by
     * {@code --parent-pid} ends, so that the shutdown hooks stop the server and no server
     * outlives the program that started it. Exits at once if that process is already gone.
     */
    public void exitWithParent() {
        String text = values.get("parent-pid");
        if (text == null) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid --parent-pid '" + text + "': expected a process id");
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            System.err.println("Parent process " + pid + " is not running; exiting");
            System.exit(1);
        }
        Thread watcher = new Thread(() -> {
            parent.get().onExit().join();
            System.err.println("Parent process " + pid + " ended; shutting down");
            System.exit(0);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Prints the ready line, e.g. {@code ZNYW-READY port=9092}, and flushes stdout. */
    public static void printReady(Map<String, ?> fields) {
        StringBuilder line = new StringBuilder(READY_PREFIX);
        fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
        System.out.println(line);
        System.out.flush();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return socket.getLocalPort();
        }
    }

    /**
     * Tells whether a start failed because a port was taken: a {@link java.net.BindException}
     * anywhere in the cause chain, or a message saying "Address already in use" or one of
     * {@code otherBindMessages}, for servers that wrap the bind error in their own words.
     */
    public static boolean isBindFailure(Throwable error, String... otherBindMessages) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof java.net.BindException) {
                return true;
            }
            String message = e.getMessage();
            if (message == null) {
                continue;
            }
            if (message.contains("Address already in use")) {
                return true;
            }
            for (String other : otherBindMessages) {
                if (message.contains(other)) {
                    return true;
                }
            }
        }
        return false;
    }
}
