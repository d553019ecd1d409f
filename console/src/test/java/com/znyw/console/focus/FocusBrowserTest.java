package com.znyw.console.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.mongodb.client.MongoDatabase;
import com.znyw.console.security.Role;
import com.znyw.console.security.UserService;
import com.znyw.console.support.HeadlessChromium;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedQuestDb;
import com.znyw.embedded.SharedServices;

/**
 * An operator uploads a GBK-encoded CSV of transactions on the Focus page in headless Chromium,
 * the real FocusJob runs behind the Flink REST stand-in, and the page shows the injected root
 * cause at the top of the result and in the chart. A screenshot goes to
 * {@code target/screenshots/focus-result.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FocusBrowserTest {

    private static final String DATABASE = "focus_ui_" + UUID.randomUUID().toString().replace("-", "");
    private static final String OPERATOR = "focus-ui-operator";
    private static final String PASSWORD = "secret-password-1";
    private static final String ROOT_CAUSE = "分行=上海分行&渠道=手机银行";
    private static final EmbeddedMongo MONGO = SharedServices.mongo();
    private static final EmbeddedQuestDb QUEST = SharedServices.questDb();
    private static Path work;
    private static FocusFlinkStandIn flink;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        work = Files.createTempDirectory("focus-ui").toRealPath();
        Path jar = Files.writeString(work.resolve("znyw-flink-jobs.jar"), "stand-in");
        flink = new FocusFlinkStandIn(work);
        registry.add("znyw.mongo.uri", MONGO::connectionString);
        registry.add("znyw.mongo.database", () -> DATABASE);
        registry.add("znyw.store.url", QUEST::pgJdbcUrl);
        registry.add("znyw.flink.rest-url", flink::url);
        registry.add("znyw.security.admin-password", () -> "admin-" + UUID.randomUUID());
        registry.add("znyw.focus.upload-dir", () -> work.resolve("uploads").toString());
        registry.add("znyw.focus.job-jar", jar::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    MongoDatabase database;

    private ChromeDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    void setUp() throws IOException {
        users.create("test", OPERATOR, PASSWORD, Role.OPERATOR);
        driver = HeadlessChromium.start(work.resolve("chrome"), "1400,1600");
        wait = new WebDriverWait(driver, Duration.ofSeconds(120));
    }

    @AfterAll
    void tearDown() throws InterruptedException {
        if (driver != null) {
            driver.quit();
        }
        flink.close();
        database.drop();
    }

    @Test
    void gbkUploadShowsTopRootCause() throws Exception {
        Path csv = work.resolve("交易明细.csv");
        Files.write(csv, TransactionsCsv.generate(17, 4000).getBytes(Charset.forName("GBK")));

        signIn();
        driver.get(url("/focus"));
        WebElement upload = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("focus-upload")));
        WebElement input = upload.getShadowRoot().findElement(By.cssSelector("input[type=file]"));
        input.sendKeys(csv.toRealPath().toString());

        WebElement submit = wait.until(ExpectedConditions.elementToBeClickable(By.id("focus-submit")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("focus-upload-status"),
                "交易明细.csv"));
        driver.findElement(By.cssSelector("#focus-threshold input")).sendKeys("1000", Keys.TAB);
        submit.click();

        wait.until(driver -> cellTexts("focus-findings").contains(ROOT_CAUSE));
        assertThat(firstCombination()).isEqualTo(ROOT_CAUSE);
        assertThat(driver.findElement(By.id("focus-result-summary")).getText()).contains("4,000");
        wait.until(ExpectedConditions.attributeContains(By.id("focus-chart"), "data-categories",
                ROOT_CAUSE));
        assertThat(cellTexts("focus-jobs")).contains("交易明细.csv", "已完成");
        String downloaded = (String) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('focus-download').href)
                    .then(r => r.text()).then(done, e => done('failed: ' + e));
                """);
        assertThat(downloaded).contains("rank,combination").contains(ROOT_CAUSE);

        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        Files.write(screenshots.resolve("focus-result.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.executeScript("document.getElementById('focus-chart').scrollIntoView()");
        Files.write(screenshots.resolve("focus-chart.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Returns the text of the findings grid's second cell of the first row: the combination. */
    private String firstCombination() {
        return (String) driver.executeScript("""
                const grid = document.getElementById('focus-findings');
                const row = grid._getRenderedRows().find(r => r.index === 0);
                return row ? row.querySelectorAll('td')[1]._content.textContent : null;
                """);
    }

    private java.util.List<String> cellTexts(String gridId) {
        return driver.findElements(By.cssSelector("#" + gridId + " vaadin-grid-cell-content"))
                .stream().map(WebElement::getText).toList();
    }

    private void signIn() {
        driver.get(url("/login"));
        WebElement name = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#vaadinLoginUsername input")));
        name.sendKeys(OPERATOR);
        driver.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys(PASSWORD, Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main-layout")));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
