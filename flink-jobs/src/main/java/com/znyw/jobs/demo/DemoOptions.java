package com.znyw.jobs.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@code znyw demo}.
 *
 * @param data              NAB-layout folder to replay
 * @param workDir           folder for every server's data and logs; emptied at start
 * @param replaySeconds     wall-clock time the replay of the whole timeline takes
 * @param flinkPort         port of the Flink web UI; 0 picks a free one
 * @param consolePort       port of the console; 0 picks a free one
 * @param withConsole       whether to start the console
 * @param exitAfterReplay   whether to stop after the summary instead of waiting for Ctrl-C
 */
public record DemoOptions(Path data, Path workDir, int replaySeconds, int flinkPort, int consolePort,
                          boolean withConsole, boolean exitAfterReplay) {

    public static final String USAGE = """
            Usage: znyw demo [options]
              --data DIR            NAB-layout folder to replay (default ../shared/data/nab)
              --workdir DIR         data and logs of every server, emptied at start (default .work/demo)
              --replay-seconds N    wall-clock seconds the whole replay takes (default 180)
              --flink-port N        Flink web UI port, 0 for any free port (default 8081)
              --console-port N      console port, 0 for any free port (default 8080)
              --no-console          do not start the console
              --exit-after-replay   print the summary and stop instead of waiting for Ctrl-C
            """;

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the unknown option or the invalid value
     */
    public static DemoOptions parse(String[] args) {
        Path data = Path.of("../shared/data/nab");
        Path workDir = Path.of(".work/demo");
        int replaySeconds = 180;
        int flinkPort = 8081;
        int consolePort = 8080;
        boolean withConsole = true;
        boolean exitAfterReplay = false;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            switch (option) {
                case "--data" -> data = Path.of(value(option, rest));
                case "--workdir" -> workDir = Path.of(value(option, rest));
                case "--replay-seconds" -> replaySeconds = number(option, value(option, rest), 1);
                case "--flink-port" -> flinkPort = port(option, value(option, rest));
                case "--console-port" -> consolePort = port(option, value(option, rest));
                case "--no-console" -> withConsole = false;
                case "--exit-after-replay" -> exitAfterReplay = true;
                default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + USAGE);
            }
        }
        return new DemoOptions(data, workDir, replaySeconds, flinkPort, consolePort, withConsole,
                exitAfterReplay);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("missing value after " + option + "\n" + USAGE);
        }
        return rest.remove(0);
    }

    private static int port(String option, String text) {
        int port = number(option, text, 0);
        if (port > 65_535) {
            throw new IllegalArgumentException("invalid value '" + text + "' for " + option
                    + ": use a port from 0 to 65535, where 0 picks a free one");
        }
        return port;
    }

    private static int number(String option, String text, int min) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= 65_535 * 100) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the option's name.
        }
        throw new IllegalArgumentException("invalid value '" + text + "' for " + option
                + ": use a whole number of at least " + min);
    }
}
