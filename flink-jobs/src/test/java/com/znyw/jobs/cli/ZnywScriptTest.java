package com.znyw.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.znyw.jobs.text.CliText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The {@code znyw} shell script prints its usage and errors from the same resource bundles as
 * the Java command line, in the user's language. None of these paths builds the project.
 */
class ZnywScriptTest {

    private static final Path SCRIPT = Path.of("..", "znyw").toAbsolutePath().normalize();

    @Test
    void helpMatchesJavaUsage() throws Exception {
        Result chinese = run(null, "--help");
        Result english = run("en", "--help");

        assertThat(chinese.exitCode()).isZero();
        assertThat(chinese.stdout()).isEqualTo(CliText.chinese().get("cli.usage"));
        assertThat(english.stdout()).isEqualTo(CliText.english().get("cli.usage"));
        assertThat(english.stdout()).contains("  test ").contains("  build ");
    }

    @Test
    void unknownCommandIsNamed() throws Exception {
        Result chinese = run(null, "frobnicate");
        Result english = run(null, "--lang", "en", "a&b\\x");

        assertThat(chinese.exitCode()).isEqualTo(2);
        assertThat(chinese.stderr()).startsWith("znyw: 未知命令 'frobnicate'\n");
        assertThat(english.exitCode()).isEqualTo(2);
        assertThat(english.stderr()).startsWith("znyw: unknown command 'a&b\\x'\n")
                .endsWith(CliText.english().get("cli.usage"));
    }

    @Test
    void languageOptionNeedsAValue() throws Exception {
        Result result = run("en", "--lang");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("znyw: missing value after --lang: use zh-CN or en\n");
    }

    @Test
    void unsupportedLanguageIsRejected() throws Exception {
        Result option = run(null, "--lang", "fr", "--help");
        Result variable = run("de", "--help");

        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.stderr()).contains("unsupported language 'fr'").contains("不支持的语言");
        assertThat(variable.exitCode()).isEqualTo(2);
        assertThat(variable.stderr()).contains("unsupported language 'de'");
    }

    private static Result run(String language, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("ZNYW_LANG");
        if (language != null) {
            builder.environment().put("ZNYW_LANG", language);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("script finished").isTrue();
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }
}
