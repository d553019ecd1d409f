package com.znyw.jobs.cli;

import com.znyw.jobs.demo.DemoCommand;
import com.znyw.jobs.demo.DemoOptions;
import java.util.Arrays;

/**
 * Entry point of the {@code znyw} command: {@code demo}, {@code bench nab} and {@code bench rca}.
 * The shell script {@code ./znyw} at the repository root builds the project when needed and
 * runs this class.
 */
public final class ZnywCli {

    static final String USAGE = """
            Usage: znyw <command> [options]
              demo                 run the whole product locally on the NAB series (see znyw demo --help)
              bench nab [options]  score the detector ensemble on a NAB-layout folder (--data DIR)
              bench rca [options]  score root-cause localization on rs/ and synthetic-s/ (--data DIR)
            """;

    private ZnywCli() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Exception e) {
            System.err.println("znyw: " + e);
            e.printStackTrace();
            code = 1;
        }
        // Exiting runs the shutdown hooks, which stop every server and job a command started.
        System.exit(code);
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            System.out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "demo" -> {
                if (rest.length > 0 && rest[0].equals("--help")) {
                    System.out.print(DemoOptions.USAGE);
                    return 0;
                }
                DemoOptions options;
                try {
                    options = DemoOptions.parse(rest);
                } catch (IllegalArgumentException e) {
                    System.err.println("znyw demo: " + e.getMessage());
                    return 2;
                }
                try {
                    return new DemoCommand(options, System.out).run();
                } catch (IllegalArgumentException e) {
                    // Bad input such as a missing data folder: the message names it.
                    System.err.println("znyw demo: " + e.getMessage());
                    return 2;
                }
            }
            case "bench" -> {
                return bench(rest);
            }
            default -> {
                System.err.println("znyw: unknown command '" + args[0] + "'");
                System.err.print(USAGE);
                return 2;
            }
        }
    }

    private static int bench(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("znyw bench: missing benchmark name: use nab or rca");
            System.err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "nab" -> com.znyw.ml.eval.nab.NabBenchmark.main(rest);
            case "rca" -> invokeMain("com.znyw.ml.eval.rca.RcaBenchmark", rest);
            default -> {
                System.err.println("znyw bench: unknown benchmark '" + args[0] + "': use nab or rca");
                return 2;
            }
        }
        return 0;
    }

    /** Calls a main method by name, so the CLI compiles while a benchmark is still being built. */
    private static void invokeMain(String className, String[] args) throws Exception {
        Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
