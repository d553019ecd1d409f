package com.znyw.embedded;

/**
 * A small program for {@link LauncherGuardsTest}: starts the servers named in its arguments
 * ({@code mongo}, {@code influxdb1}), prints {@code SERVER-PID <pid>} for each and then waits to
 * be killed.
 */
public final class ParentDeathProbe {

    private ParentDeathProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        for (String name : args) {
            EmbeddedServer server = switch (name) {
                case "mongo" -> EmbeddedMongo.start();
                case "influxdb1" -> EmbeddedInfluxDb1.start();
                default -> throw new IllegalArgumentException("Unknown server '" + name + "': use mongo or influxdb1");
            };
            System.out.println("SERVER-PID " + server.pid());
            server.processHandle().descendants().forEach(child -> System.out.println("SERVER-PID " + child.pid()));
            System.out.flush();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
