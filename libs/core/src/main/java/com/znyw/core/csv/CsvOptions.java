package com.znyw.core.csv;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * How to read an uploaded table. A null field means "detect it from the file".
 *
 * @param charset   the text encoding, or null to detect UTF-8 (with or without BOM), UTF-16 with
 *                  BOM, or else GB18030, which is a superset of GBK
 * @param delimiter comma, semicolon or tab, or null to detect it from the header line
 */
public record CsvOptions(Charset charset, Character delimiter) {

    public CsvOptions {
        if (delimiter != null && delimiter != ',' && delimiter != ';' && delimiter != '\t') {
            throw new CsvException(CsvError.INVALID_DELIMITER, 0, delimiter);
        }
    }

    /** Options that detect both the encoding and the delimiter. */
    public static CsvOptions detect() {
        return new CsvOptions(null, null);
    }

    /**
     * Parses user-given names. An empty or null value, or {@code auto}, means detect; the
     * delimiter may be given as the character or as {@code comma}, {@code semicolon} or
     * {@code tab}.
     *
     * @throws CsvException naming the value when the encoding or delimiter is not supported
     */
    public static CsvOptions parse(String charsetName, String delimiterName) {
        return new CsvOptions(parseCharset(charsetName), parseDelimiter(delimiterName));
    }

    private static Charset parseCharset(String name) {
        if (isAuto(name)) {
            return null;
        }
        String trimmed = name.trim();
        // GBK files are read as GB18030: it decodes every GBK byte sequence the same way and
        // also the characters that GBK lacks.
        if (trimmed.equalsIgnoreCase("GBK") || trimmed.equalsIgnoreCase("GB2312")) {
            return Charset.forName("GB18030");
        }
        if (trimmed.equalsIgnoreCase("UTF8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(trimmed);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new CsvException(CsvError.UNKNOWN_ENCODING, 0, e, trimmed);
        }
    }

    private static Character parseDelimiter(String name) {
        if (name == null || name.isEmpty() || name.trim().equalsIgnoreCase("auto")) {
            return null;
        }
        switch (name.toLowerCase(Locale.ROOT).trim()) {
            case "comma":
                return ',';
            case "semicolon":
                return ';';
            case "tab", "\\t":
                return '\t';
            default:
                break;
        }
        if (name.length() == 1) {
            return name.charAt(0);
        }
        throw new CsvException(CsvError.INVALID_DELIMITER, 0, name);
    }

    private static boolean isAuto(String name) {
        return name == null || name.isBlank() || name.trim().equalsIgnoreCase("auto");
    }
}
