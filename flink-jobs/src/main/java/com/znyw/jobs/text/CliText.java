package com.znyw.jobs.text;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Text that the {@code znyw} command line shows to its users, in Simplified Chinese (the
 * default) or English.
 *
 * <p>The text lives in the {@code com/znyw/jobs/text/messages*.properties} bundles, whose values
 * are {@link java.util.Formatter} patterns. The language comes from {@code --lang}, else from
 * the environment variable {@value #LANGUAGE_VARIABLE}, else it is Simplified Chinese. The JVM's
 * default locale is deliberately not consulted, so the output does not depend on the machine.
 */
public final class CliText {

    /** Environment variable that selects the language when {@code --lang} is not given. */
    public static final String LANGUAGE_VARIABLE = "ZNYW_LANG";

    static final String BUNDLE = "com.znyw.jobs.text.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    private CliText(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, CliText.class.getClassLoader(),
                NO_FALLBACK);
    }

    /** Returns the Simplified Chinese text. */
    public static CliText chinese() {
        return new CliText(Locale.SIMPLIFIED_CHINESE);
    }

    /** Returns the English text. */
    public static CliText english() {
        return new CliText(Locale.ENGLISH);
    }

    /**
     * Returns the text for a language tag such as {@code zh-CN}, {@code zh} or {@code en}; a
     * null or blank tag selects Simplified Chinese.
     *
     * @throws IllegalArgumentException naming the tag when it is neither Chinese nor English.
     *                                  The message is in both languages, because the user's
     *                                  language is not known yet.
     */
    public static CliText forLanguage(String tag) {
        if (tag == null || tag.isBlank()) {
            return chinese();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        return switch (language) {
            case "zh" -> chinese();
            case "en" -> english();
            default -> throw new IllegalArgumentException("unsupported language '" + tag
                    + "': use zh-CN or en / 不支持的语言 '" + tag + "'：请使用 zh-CN 或 en");
        };
    }

    /** Returns the text for {@code --lang}'s value, else {@value #LANGUAGE_VARIABLE}'s. */
    public static CliText select(String option) {
        return forLanguage(option != null ? option : System.getenv(LANGUAGE_VARIABLE));
    }

    public Locale locale() {
        return locale;
    }

    /**
     * Returns the text of {@code key} formatted with {@code args}.
     *
     * @throws MissingResourceException if no bundle has the key
     */
    public String get(String key, Object... args) {
        return String.format(locale, bundle.getString(key), args);
    }

    /** Returns the text of a {@link UsageException} in this language. */
    public String get(UsageException e) {
        return get(e.key(), e.args());
    }

    /**
     * Returns {@code text} padded with spaces on the right to {@code columns} terminal columns,
     * counting a wide (CJK) character as two, as terminals draw it. Longer text is returned as
     * it is.
     */
    public static String padEnd(String text, int columns) {
        return text + " ".repeat(Math.max(0, columns - displayWidth(text)));
    }

    /** Returns {@code text} padded with spaces on the left to {@code columns} terminal columns. */
    public static String padStart(String text, int columns) {
        return " ".repeat(Math.max(0, columns - displayWidth(text))) + text;
    }

    /** Returns the number of terminal columns {@code text} takes. */
    static int displayWidth(String text) {
        return text.codePoints().map(point -> isWide(point) ? 2 : 1).sum();
    }

    /** Tells whether the code point lies in one of the main East Asian wide or full-width blocks. */
    private static boolean isWide(int point) {
        return (point >= 0x1100 && point <= 0x115F)
                || (point >= 0x2E80 && point <= 0xA4CF && point != 0x303F)
                || (point >= 0xAC00 && point <= 0xD7A3)
                || (point >= 0xF900 && point <= 0xFAFF)
                || (point >= 0xFE30 && point <= 0xFE4F)
                || (point >= 0xFF00 && point <= 0xFF60)
                || (point >= 0xFFE0 && point <= 0xFFE6);
    }
}
