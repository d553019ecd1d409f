package com.znyw.console.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Chinese and English bundles stay complete, and the provider resolves and formats keys. */
class MessageBundlesTest {

    private static final Pattern LITERAL_KEY = Pattern.compile("getTranslation\\(\"([a-zA-Z0-9_.]+)\"\\s*[,)]");

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void bundlesHaveTheSameKeys() throws IOException {
        Properties chinese = load("i18n/messages_zh_CN.properties");
        Properties english = load("i18n/messages_en.properties");

        assertThat(new TreeSet<>(chinese.stringPropertyNames()))
                .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
    }

    @Test
    void everyLiteralKeyInViewsExists() throws IOException {
        Properties chinese = load("i18n/messages_zh_CN.properties");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/com/znyw/console"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.toString().contains("/focus/")).toList()) {
                Matcher matcher = LITERAL_KEY.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }

        assertThat(used).hasSizeGreaterThan(50);
        assertThat(chinese.stringPropertyNames()).containsAll(used);
    }

    @Test
    void providerFormatsAndFallsBackVisibly() {
        ZnywI18NProvider provider = new ZnywI18NProvider();

        assertThat(provider.getTranslation("kpi.total", Locale.SIMPLIFIED_CHINESE, 3)).isEqualTo("共 3 个序列");
        assertThat(provider.getTranslation("kpi.total", Locale.US, 3)).isEqualTo("3 series");
        assertThat(provider.getTranslation("kpi.total", Locale.FRENCH, 3)).isEqualTo("共 3 个序列");
        assertThat(provider.getTranslation("no.such.key", Locale.ENGLISH)).isEqualTo("!no.such.key!");
        assertThat(ZnywI18NProvider.fromTag("en")).isEqualTo(Locale.ENGLISH);
        assertThat(ZnywI18NProvider.fromTag(null)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }
}
