package com.znyw.console.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium, started headless through its chromedriver for the browser tests. */
public final class HeadlessChromium {

    private static final String BROWSER = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private HeadlessChromium() {
    }

    /**
     * Starts a browser in Simplified Chinese whose profile, configuration and cache live under
     * {@code folder}, so that tests never touch the user's own.
     *
     * @param windowSize width and height, such as {@code 1400,1000}
     * @throws IllegalStateException if Chromium or chromedriver is not installed
     */
    public static ChromeDriver start(Path folder, String windowSize) throws IOException {
        for (String binary : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: install Debian's browser with"
                        + " apt-get install -y chromium chromium-driver");
            }
        }
        Files.createDirectories(folder);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(BROWSER));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=" + windowSize, "--lang=zh-CN",
                "--user-data-dir=" + folder.resolve("profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .withEnvironment(Map.of("XDG_CONFIG_HOME", folder.toString(),
                        "XDG_CACHE_HOME", folder.toString()))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
