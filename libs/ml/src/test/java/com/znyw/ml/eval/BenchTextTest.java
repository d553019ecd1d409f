package com.znyw.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;

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

class BenchTextTest {

    /** A java.util.Formatter conversion, with the argument index as its first group. */
    private static final Pattern CONVERSION =
            Pattern.compile("%(\\d+\\$)?[-#+ 0,(]*\\d*(\\.\\d+)?([a-zA-Z%])");

    @Test
    void bothLanguagesHaveTheSameKeys() throws IOException {
        assertThat(load("bench.properties").stringPropertyNames())
                .isEqualTo(load("bench_en.properties").stringPropertyNames());
    }

    @Test
    void bothLanguagesTakeTheSameArguments() throws IOException {
        Properties chinese = load("bench.properties");
        Properties english = load("bench_en.properties");
        for (String key : chinese.stringPropertyNames()) {
            assertThat(conversions(chinese.getProperty(key))).as(key)
                    .isEqualTo(conversions(english.getProperty(key)));
        }
    }

    @Test
    void chineseForChineseAndOtherLocales() {
        BenchText chinese = new BenchText(Locale.SIMPLIFIED_CHINESE);

        assertThat(chinese.get("nab.missingValue", "--out")).isEqualTo("--out 后缺少取值");
        assertThat(new BenchText(Locale.GERMAN).get("rca.missingData")).isEqualTo("缺少 --data");
        assertThat(BenchText.english().get("nab.missingValue", "--out"))
                .isEqualTo("Missing value after --out.");
    }

    @Test
    void reorderedArgumentsLandInPlace() {
        String chinese = new BenchText(Locale.SIMPLIFIED_CHINESE)
                .get("nab.unlabelledFile", "a/b.csv", "labels.json");

        assertThat(chinese).startsWith("labels.json 中没有数据文件 a/b.csv 的标注");
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BenchText.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    /** Returns the conversions of a pattern, each as its argument number and type. */
    private static List<String> conversions(String pattern) {
        List<String> found = new ArrayList<>();
        Matcher matcher = CONVERSION.matcher(pattern);
        int next = 1;
        while (matcher.find()) {
            String type = matcher.group(3);
            if (type.equals("n") || type.equals("%")) {
                found.add(type);
                continue;
            }
            String index = matcher.group(1);
            int argument = index == null ? next++ : Integer.parseInt(index.substring(0, index.length() - 1));
            found.add(argument + type);
        }
        found.sort(null);
        return found;
    }
}
