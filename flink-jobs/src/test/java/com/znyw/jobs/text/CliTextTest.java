package com.znyw.jobs.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTextTest {

    /** A Formatter conversion: optional explicit index, flags, width, precision, conversion. */
    private static final Pattern CONVERSION =
            Pattern.compile("%(\\d+\\$)?([-#+ 0,(<]*)(\\d+)?(\\.\\d+)?([a-zA-Z%])");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(bundle("messages.properties").stringPropertyNames())
                .containsExactlyInAnyOrderElementsOf(
                        bundle("messages_en.properties").stringPropertyNames());
    }

    @Test
    void bothLanguagesTakeTheSameArguments() throws IOException {
        Properties chinese = bundle("messages.properties");
        Properties english = bundle("messages_en.properties");
        for (String key : english.stringPropertyNames()) {
            assertThat(arguments(chinese.getProperty(key)))
                    .as("argument conversions of %s", key)
                    .containsExactlyInAnyOrderElementsOf(arguments(english.getProperty(key)));
        }
    }

    @Test
    void chineseIsTheDefault() {
        assertThat(CliText.forLanguage(null).locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(CliText.forLanguage(" ").locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(HAN.matcher(CliText.forLanguage(null).get("demo.stopping")).find()).isTrue();
    }

    @Test
    void englishTextHasNoChinese() throws IOException {
        CliText english = CliText.forLanguage("en");
        for (String key : bundle("messages_en.properties").stringPropertyNames()) {
            assertThat(HAN.matcher(english.get(key, sampleArguments(key))).find())
                    .as("English text of %s", key).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"zh-CN", "zh", "zh_CN", "ZH-cn", "zh-Hans-CN"})
    void chineseTagsSelectChinese(String tag) {
        assertThat(CliText.forLanguage(tag).locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "en-US", "EN"})
    void englishTagsSelectEnglish(String tag) {
        assertThat(CliText.forLanguage(tag).locale()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void unsupportedLanguageIsNamedInBothLanguages() {
        assertThatThrownBy(() -> CliText.forLanguage("fr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fr'")
                .hasMessageContaining("zh-CN or en")
                .hasMessageContaining("不支持的语言");
    }

    @Test
    void formattedTextContainsTheArguments() {
        for (CliText text : List.of(CliText.chinese(), CliText.english())) {
            String line = text.get("demo.option.invalidPort", "70000", "--flink-port");
            assertThat(line).contains("'70000'").contains("--flink-port").contains("65535");
            assertThat(text.get("progress.sent", 1234L, 181653, 987.6, 1000L, 7L))
                    .contains("1,234").contains("181,653").contains("988");
        }
    }

    @Test
    void indentedLinesKeepTheirIndent() {
        // Properties drops a value's leading spaces unless the first one is escaped.
        for (CliText text : List.of(CliText.chinese(), CliText.english())) {
            assertThat(text.get("progress.sent", 1L, 2, 3.0, 4L, 5L)).startsWith("  ");
            assertThat(text.get("summary.differentRow", "file.csv", 7)).startsWith("    ");
            assertThat(text.get("summary.same")).startsWith("  ");
        }
    }

    @Test
    void usageExceptionRendersInEitherLanguage() {
        UsageException e = new UsageException("demo.option.unknown", "--bogus");
        assertThat(e.getMessage()).startsWith("unknown option '--bogus'");
        assertThat(CliText.chinese().get(e)).contains("'--bogus'").contains("未知选项");
    }

    private static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = CliText.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** Returns "argumentIndex:conversion" for every conversion that consumes an argument. */
    private static List<String> arguments(String pattern) {
        List<String> result = new ArrayList<>();
        Matcher matcher = CONVERSION.matcher(pattern);
        int implicit = 0;
        while (matcher.find()) {
            String conversion = matcher.group(5);
            if (conversion.equals("n") || conversion.equals("%")) {
                continue;
            }
            int index = matcher.group(1) != null
                    ? Integer.parseInt(matcher.group(1).replace("$", "")) : ++implicit;
            result.add(index + ":" + conversion.toLowerCase(Locale.ROOT));
        }
        return result;
    }

    /** Returns arguments that fit the English pattern of {@code key}. */
    private static Object[] sampleArguments(String key) {
        List<String> conversions = arguments(rawEnglish(key));
        Object[] args = new Object[conversions.size()];
        for (String conversion : conversions) {
            int index = Integer.parseInt(conversion.substring(0, conversion.indexOf(':'))) - 1;
            args[index] = switch (conversion.substring(conversion.indexOf(':') + 1)) {
                case "d" -> 42L;
                case "f" -> 4.2;
                default -> "value";
            };
        }
        return args;
    }

    private static String rawEnglish(String key) {
        try {
            return bundle("messages_en.properties").getProperty(key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void paddingCountsWideCharactersTwice() {
        assertThat(CliText.displayWidth("评分配置")).isEqualTo(8);
        assertThat(CliText.displayWidth("profile")).isEqualTo(7);
        assertThat(CliText.padEnd("评分配置", 20)).isEqualTo("评分配置" + " ".repeat(12));
        assertThat(CliText.padStart("流式作业", 14)).isEqualTo(" ".repeat(6) + "流式作业");
        assertThat(CliText.padEnd("a longer text than this", 4)).isEqualTo("a longer text than this");
    }
}
