package com.znyw.ml.eval;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Usage and error messages of the benchmark command lines ({@code znyw bench nab} and
 * {@code znyw bench rca}), in Simplified Chinese ({@code bench.properties}) or English
 * ({@code bench_en.properties}). The benchmarks' reports stay in English.
 */
public final class BenchText {

    private static final String BUNDLE = "com.znyw.ml.eval.bench";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    /** Returns the text of {@code locale}'s language: English for English, else Chinese. */
    public BenchText(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, BenchText.class.getClassLoader(),
                NO_FALLBACK);
    }

    /** Returns the English text, for the benchmarks run directly with {@code java}. */
    public static BenchText english() {
        return new BenchText(Locale.ENGLISH);
    }

    /** Returns the text of {@code key} formatted with {@code args}. */
    public String get(String key, Object... args) {
        return String.format(locale, bundle.getString(key), args);
    }
}
