package com.znyw.jobs.demo;

import com.znyw.jobs.text.UsageException;
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

    /** Largest value a numeric option accepts: a replay of one week. */
    static final int MAX_NUMBER = 604_800;

    /**
     * Parses {@code args}.
     *
     * @throws UsageException naming the unknown option or the invalid value
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
                default -> throw new UsageException("demo.option.unknown", option);
            }
        }
        return new DemoOptions(data, workDir, replaySeconds, flinkPort, consolePort, withConsole,
                exitAfterReplay);
    }

    private static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new UsageException("demo.option.missingValue", option);
        }
        return rest.remove(0);
    }

    private static int port(String option, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the option's name.
        }
        throw new UsageException("demo.option.invalidPort", text, option);
    }

    private static int number(String option, String text, int min) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= MAX_NUMBER) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the option's name.
        }
        throw new UsageException("demo.option.invalidNumber", text, option, min, MAX_NUMBER);
    }
}
