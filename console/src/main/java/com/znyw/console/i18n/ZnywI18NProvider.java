package com.znyw.console.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one I18NProvider of the console. Looks a key up in {@code i18n/messages}, then in
 * {@code i18n/focus} (the Focus page's bundle, which may be absent). Simplified Chinese is the
 * default; English is the other provided language. A missing key renders as {@code !key!} and
 * is logged once, so a gap is visible on the page instead of failing it.
 */
@Component
public class ZnywI18NProvider implements I18NProvider {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<String> BUNDLES = List.of("i18n/messages", "i18n/focus");

    private static final Logger LOG = LoggerFactory.getLogger(ZnywI18NProvider.class);
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Set<String> reportedMissing = ConcurrentHashMap.newKeySet();

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(CHINESE, ENGLISH);
    }

    /** Maps any locale to one of the provided ones: English for {@code en*}, else Chinese. */
    public static Locale supported(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? ENGLISH : CHINESE;
    }

    /** Parses a stored language tag such as {@code zh-CN} or {@code en}. */
    public static Locale fromTag(String tag) {
        return tag == null || tag.isBlank() ? CHINESE : supported(Locale.forLanguageTag(tag));
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        if (key == null) {
            return "";
        }
        Locale target = supported(locale);
        for (String baseName : BUNDLES) {
            ResourceBundle bundle = bundle(baseName, target);
            if (bundle != null && bundle.containsKey(key)) {
                String pattern = bundle.getString(key);
                return params == null || params.length == 0 ? pattern
                        : new MessageFormat(pattern, target).format(params);
            }
        }
        if (reportedMissing.add(target + ":" + key)) {
            LOG.warn("Missing translation key={} locale={}", key, target);
        }
        return "!" + key + "!";
    }

    private static ResourceBundle bundle(String baseName, Locale locale) {
        try {
            return ResourceBundle.getBundle(baseName, locale, ZnywI18NProvider.class.getClassLoader(),
                    NO_FALLBACK);
        } catch (MissingResourceException e) {
            // The Focus bundle is optional: its page may not be part of this build.
            return null;
        }
    }
}
