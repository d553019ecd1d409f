package com.znyw.jobs.cli;

import com.znyw.jobs.demo.DemoCommand;
import com.znyw.jobs.demo.DemoOptions;
import com.znyw.jobs.text.CliText;
import com.znyw.jobs.text.UsageException;
import com.znyw.ml.eval.BenchText;
import com.znyw.ml.eval.nab.NabBenchmark;
import com.znyw.ml.eval.rca.RcaBenchmark;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the {@code znyw} command: {@code demo}, {@code bench nab} and {@code bench rca}.
 * The shell script {@code ./znyw} at the repository root builds the project when needed and
 * runs this class.
 *
 * <p>What the command prints for its users comes from {@link CliText}: Simplified Chinese unless
 * {@code --lang en} (anywhere on the command line) or {@code ZNYW_LANG=en} selects English. The benchmarks'
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
            List<String> rest = new ArrayList<>(List.of(args));
            String language = takeLanguage(rest);
            text = CliText.select(language);
            code = run(rest.toArray(String[]::new), text, System.out, System.err);
        } catch (UsageException e) {
            // Only a missing --lang value gets here; a command's own errors carry its prefix.
            System.err.println("znyw: " + text.get(e));
            code = 2;
        } catch (IllegalArgumentException e) {
            // An unsupported language: the message is in both languages.
            System.err.println("znyw: " + e.getMessage());
            code = 2;
        } catch (Exception e) {
            LOG.error("znyw {} failed", String.join(" ", args), e);
            System.err.println(text.get("cli.failed", e, logFile()));
            code = 1;
        }
        // Exiting runs the shutdown hooks, which stop every server and job a command started.
        System.exit(code);
    }

    /**
     * Removes {@code --lang VALUE} from anywhere in {@code args} and returns the value, or null
     * when the option is absent.
     *
     * @throws UsageException if {@code --lang} is the last argument
     */
    static String takeLanguage(List<String> args) {
        int flag = args.indexOf("--lang");
        if (flag < 0) {
            return null;
        }
        if (flag + 1 >= args.size()) {
            throw new UsageException("cli.lang.missing");
        }
        String language = args.remove(flag + 1);
        args.remove(flag);
        return language;
    }

    /** Returns the log file that log4j2-cli.properties names, below the repository root. */
    static Path logFile() {
        return Path.of(System.getProperty("znyw.home", "."), ".work", "znyw.log")
                .toAbsolutePath().normalize();
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
                return bench(rest, text, out, err);
            }
            default -> {
                err.println(text.get("cli.unknownCommand", args[0]));
                err.print(text.get("cli.usage"));
                return 2;
            }
        }
    }

    private static int bench(String[] args, CliText text, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.print(text.get("cli.usage"));
            return 0;
        }
        if (args.length == 0) {
            err.println(text.get("cli.bench.missing"));
            err.print(text.get("cli.usage"));
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        BenchText benchText = new BenchText(text.locale());
        return switch (args[0]) {
            case "nab" -> NabBenchmark.run(rest, out, err, benchText);
            case "rca" -> RcaBenchmark.run(rest, out, err, benchText);
            default -> {
                err.println(text.get("cli.bench.unknown", args[0]));
                yield 2;
            }
        };
    }
}
