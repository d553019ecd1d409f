package com.znyw.jobs.cli;

import com.znyw.jobs.demo.DemoCommand;
import com.znyw.jobs.demo.DemoOptions;
import com.znyw.jobs.text.CliText;
import com.znyw.jobs.text.UsageException;
import com.znyw.ml.eval.nab.NabBenchmark;
import com.znyw.ml.eval.rca.RcaBenchmark;
import java.io.PrintStream;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the {@code znyw} command: {@code demo}, {@code bench nab} and {@code bench rca}.
 * The shell script {@code ./znyw} at the repository root builds the project when needed and
 * runs this class.
 *
 * <p>What the command prints for its users comes from {@link CliText}: Simplified Chinese unless
 * {@code --lang en} (before the command) or {@code ZNYW_LANG=en} selects English. The benchmarks'
 * tables are developer output and stay in English.
 */
public final class ZnywCli {

    private static final Logger LOG = LoggerFactory.getLogger(ZnywCli.class);

    private ZnywCli() {
    }

    public static void main(String[] args) {
        int code;
        CliText text = CliText.chinese();
        try {
            String[] rest = args;
            String language = null;
            if (rest.length > 0 && rest[0].equals("--lang")) {
                if (rest.length < 2) {
                    throw new UsageException("cli.lang.missing");
                }
                language = rest[1];
                rest = Arrays.copyOfRange(rest, 2, rest.length);
            }
            text = CliText.select(language);
            code = run(rest, text, System.out, System.err);
        } catch (UsageException e) {
            System.err.println(text.get(e));
            code = 2;
        } catch (IllegalArgumentException e) {
            // An unsupported language: the message is in both languages.
            System.err.println("znyw: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            LOG.error("znyw {} failed", String.join(" ", args), e);
            System.err.println(text.get("cli.failed", e));
            code = 1;
        }
        // Exiting runs the shutdown hooks, which stop every server and job a command started.
        System.exit(code);
    }

    /** Runs one command with the language already chosen; returns the process exit code. */
    static int run(String[] args, CliText text, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(text.get("cli.usage"));
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "demo" -> {
                if (rest.length > 0 && rest[0].equals("--help")) {
                    out.print(text.get("demo.usage"));
                    return 0;
                }
                try {
                    return new DemoCommand(DemoOptions.parse(rest), out, text).run();
                } catch (UsageException e) {
                    // Bad input such as an unknown option or a missing data folder.
                    err.println(text.get("demo.error", text.get(e)));
                    return 2;
                }
            }
            case "bench" -> {
                return bench(rest, text, err);
            }
            default -> {
                err.println(text.get("cli.unknownCommand", args[0]));
                err.print(text.get("cli.usage"));
                return 2;
            }
        }
    }

    private static int bench(String[] args, CliText text, PrintStream err) throws Exception {
        if (args.length == 0) {
            err.println(text.get("cli.bench.missing"));
            err.print(text.get("cli.usage"));
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "nab" -> NabBenchmark.main(rest);
            case "rca" -> RcaBenchmark.main(rest);
            default -> {
                err.println(text.get("cli.bench.unknown", args[0]));
                return 2;
            }
        }
        return 0;
    }
}
