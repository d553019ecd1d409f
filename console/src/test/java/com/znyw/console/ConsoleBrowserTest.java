package com.znyw.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.znyw.console.audit.AuditService;
import com.znyw.console.kpi.KpiService;
import com.znyw.console.kpi.LatestScores;
import com.znyw.console.security.Role;
import com.znyw.console.security.UserService;
import com.znyw.console.support.FakeFlinkRest;
import com.znyw.console.support.HeadlessChromium;
import com.znyw.console.support.NabLikeSeries;
import com.znyw.console.support.ScoreWriter;
import com.znyw.core.kpi.KpiConfig;
import com.znyw.core.model.ScoredPoint;
import com.znyw.core.model.SeriesKey;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedQuestDb;
import com.znyw.embedded.SharedServices;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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

/**
 * The console as a user meets it: the real application on a random port, backed by the shared
 * embedded MongoDB and QuestDB, driven by headless Debian Chromium. One Spring context and one
 * browser for the whole suite; the tests run in order and share the users and the series.
 *
 * <p>Screenshots of the main pages go to {@code target/screenshots}, or to the folder named by
 * the system property {@code znyw.screenshots} (for {@code docs/screenshots}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String DATABASE = "console_" + UUID.randomUUID().toString().replace("-", "");
    private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
    private static final String VIEWER = "viewer1";
    private static final String OPERATOR = "operator1";
    private static final String PASSWORD = "secret-password-1";
    private static final SeriesKey SERIES = SeriesKey.of("txn_latency_ms",
            Map.of("host", "app-07", "idc", "BJ", "run", DATABASE.substring(8, 16)));
    private static final EmbeddedMongo MONGO = SharedServices.mongo();
    private static final EmbeddedQuestDb QUEST = SharedServices.questDb();
    private static FakeFlinkRest flink;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        flink = new FakeFlinkRest();
        registry.add("znyw.mongo.uri", MONGO::connectionString);
        registry.add("znyw.mongo.database", () -> DATABASE);
        registry.add("znyw.store.url", QUEST::pgJdbcUrl);
        registry.add("znyw.flink.rest-url", flink::url);
        registry.add("znyw.security.admin-password", () -> ADMIN_PASSWORD);
    }

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    KpiService kpis;
    @Autowired
    MongoDatabase database;
    @Autowired
    LatestScores latestScores;

    private List<ScoredPoint> points;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private Path screenshots;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void setUp() throws Exception {
        users.create("test", VIEWER, PASSWORD, Role.VIEWER);
        users.create("test", OPERATOR, PASSWORD, Role.OPERATOR);
        long now = System.currentTimeMillis();
        points = NabLikeSeries.generate(SERIES, now, 3 * 1440, 60_000, 42);
        ScoreWriter.write(QUEST.httpUrl(), QUEST.pgJdbcUrl(), points);
        latestScores.invalidate();
        kpis.repository().insertIfAbsent(KpiConfig.withDefaults(SERIES, 60_000,
                Instant.ofEpochMilli(points.get(0).ts), Instant.ofEpochMilli(now), Instant.now())
                .withUnit("ms").withOwner("core-banking-ops"));

        screenshots = Path.of(System.getProperty("znyw.screenshots", "target/screenshots")).toAbsolutePath();
        Files.createDirectories(screenshots);
        driver = HeadlessChromium.start(Files.createTempDirectory("chrome").toRealPath(), "1400,1000");
        wait = new WebDriverWait(driver, Duration.ofSeconds(40));
    }

    @AfterAll
    void tearDown() {
        if (driver != null) {
            driver.quit();
        }
        if (flink != null) {
            flink.close();
        }
        database.drop();
    }

    // ---------------------------------------------------------------- sign-in

    @Test
    @Order(1)
    void wrongPasswordIsRejectedAndAudited() {
        signIn("admin", "not-the-password");
        wait.until(ExpectedConditions.urlContains("error"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
        Object error = js("return document.getElementById('login-form').error;");
        assertThat(error).isEqualTo(Boolean.TRUE);
        screenshot("login-rejected");
        assertThat(driver.findElements(By.id("main-layout"))).isEmpty();
        assertThat(audit("login.failed", "admin")).isGreaterThanOrEqualTo(1);

        signIn("admin", ADMIN_PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kpi-grid")));
        screenshot("kpi-list");
        driver.get(url("/anomalies"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("anomaly-list-grid")));
        screenshot("anomalies");
        driver.get(url("/jobs"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("webui-znyw-detection")));
        screenshot("jobs");
        driver.get(url("/admin"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("audit-grid")));
        screenshot("admin");
        signOut();
    }

    @Test
    @Order(2)
    void repeatedFailuresLockTheUserOut() throws Exception {
        users.create("test", "locky", PASSWORD, Role.VIEWER);
        for (int i = 0; i < 5; i++) {
            assertThat(get("/api/v1/kpis", basic("locky", "wrong-" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = get("/api/v1/kpis", basic("locky", PASSWORD));
        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(locked.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(audit("login.locked", "locky")).isEqualTo(1);
        assertThat(get("/api/v1/kpis", basic(VIEWER, PASSWORD)).statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- roles

    @Test
    @Order(3)
    void viewerSeesButCannotEdit() throws Exception {
        signIn(VIEWER, PASSWORD);
        openSeries();
        WebElement sensitivity = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cfg-sensitivity")));
        assertThat(sensitivity.getAttribute("readonly")).isNotNull();
        assertThat(driver.findElements(By.id("cfg-save"))).allMatch(save -> !save.isDisplayed());
        assertThat(driver.findElement(By.id("cfg-read-only")).isDisplayed()).isTrue();
        assertThat(driver.findElements(By.cssSelector("vaadin-button[id^='confirm-']"))).isEmpty();

        driver.get(url("/admin"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("body")));
        Thread.sleep(1500);
        assertThat(driver.findElements(By.id("admin-view"))).isEmpty();

        HttpResponse<String> put = send("PUT", "/api/v1/kpis/" + encode(SERIES.toString()),
                "{\"sensitivity\": 9, \"version\": 1}", basic(VIEWER, PASSWORD));
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(json.readTree(put.body()).path("detail").asText()).contains("OPERATOR");
        assertThat(kpis.find(SERIES.toString()).orElseThrow().sensitivity()).isEqualTo(5.0);
    }

    // ---------------------------------------------------------------- language

    @Test
    @Order(4)
    void languageSwitchIsRememberedForTheUser() {
        driver.get(url("/kpis"));
        WebElement nav = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-kpis")));
        assertThat(nav.getText()).contains("KPI 指标");

        js("const s = document.getElementById('language-select'); s.value = '2';"
                + " s.dispatchEvent(new CustomEvent('value-changed', {detail: {value: '2'}}));");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nav-kpis"), "KPIs"));
        assertThat(users.find(VIEWER).orElseThrow().locale()).isEqualTo("en");

        signOut();
        signIn(VIEWER, PASSWORD);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nav-anomalies"), "Anomalies"));
        signOut();
    }

    // ---------------------------------------------------------------- chart

    @Test
    @Order(5)
    void chartShowsTheSeriesWithItsAnomalies() {
        signIn(OPERATOR, PASSWORD);
        openSeries();
        WebElement chart = wait.until(d -> {
            WebElement c = d.findElement(By.id("series-chart"));
            return c.getAttribute("data-points") != null ? c : null;
        });
        long dayAgo = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        long rawInDay = points.stream().filter(p -> p.ts >= dayAgo).count();
        long anomaliesInDay = points.stream().filter(p -> p.ts >= dayAgo && p.anomaly).count();
        assertThat(anomaliesInDay).isPositive();
        assertThat(Long.parseLong(chart.getAttribute("data-points"))).isBetween(rawInDay - 2, rawInDay);
        assertThat(Long.parseLong(chart.getAttribute("data-anomalies"))).isBetween(anomaliesInDay - 1, anomaliesInDay);
        assertThat(chart.getAttribute("data-bucket-seconds")).isEqualTo("0");
        assertThat(js("return document.querySelector('#series-chart canvas') != null;")).isEqualTo(Boolean.TRUE);
        screenshot("kpi-detail");

        // Seven days of 1-minute points are downsampled on the server; anomalies stay exact.
        js("const s = document.getElementById('range-select'); s.value = '4';"
                + " s.dispatchEvent(new CustomEvent('value-changed', {detail: {value: '4'}}));");
        wait.until(d -> !"0".equals(d.findElement(By.id("series-chart")).getAttribute("data-bucket-seconds")));
        long allAnomalies = points.stream().filter(p -> p.anomaly).count();
        assertThat(Long.parseLong(chart.getAttribute("data-points"))).isBetween(100L, 1500L);
        assertThat(Long.parseLong(chart.getAttribute("data-anomalies"))).isEqualTo(allAnomalies);
    }

    // ---------------------------------------------------------------- editing

    @Test
    @Order(6)
    void operatorEditsSensitivityWithVersionCheck() {
        openSeries();
        setNumber("cfg-sensitivity", "7.5");
        driver.findElement(By.id("cfg-save")).click();
        wait.until(d -> kpis.find(SERIES.toString()).orElseThrow().version() == 2);
        KpiConfig saved = kpis.find(SERIES.toString()).orElseThrow();
        assertThat(saved.sensitivity()).isEqualTo(7.5);
        assertThat(database.getCollection(AuditService.COLLECTION).find(Filters.and(
                Filters.eq("action", "kpi.update"), Filters.eq("actor", OPERATOR))).first().getString("detail"))
                .contains("sensitivity: 5.0 -> 7.5");

        // Someone else saves version 3 while the page still shows version 2.
        kpis.repository().update(saved.withOwner("night-shift"));
        setNumber("cfg-sensitivity", "9");
        driver.findElement(By.id("cfg-save")).click();
        wait.until(d -> audit("kpi.update", OPERATOR, "failed") == 1);
        KpiConfig after = kpis.find(SERIES.toString()).orElseThrow();
        assertThat(after.sensitivity()).isEqualTo(7.5);
        assertThat(after.owner()).isEqualTo("night-shift");
        assertThat(after.version()).isEqualTo(3);
    }

    @Test
    @Order(7)
    void operatorConfirmsAnAnomaly() {
        openSeries();
        WebElement confirm = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-button[id^='confirm-']")));
        long ts = Long.parseLong(confirm.getAttribute("id").substring("confirm-".length()));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", confirm);
        confirm.click();
        wait.until(d -> database.getCollection("anomaly_feedback")
                .countDocuments(Filters.eq("_id", SERIES + "@" + ts)) == 1);
        Document feedback = database.getCollection("anomaly_feedback").find(Filters.eq("_id", SERIES + "@" + ts)).first();
        assertThat(feedback.getString("verdict")).isEqualTo("CONFIRMED");
        assertThat(feedback.getString("by")).isEqualTo(OPERATOR);
        signOut();
    }

    // ---------------------------------------------------------------- REST API

    @Test
    @Order(8)
    void restApiChecksRolesAndTokensAndExplainsErrors() throws Exception {
        HttpResponse<String> anonymous = get("/api/v1/anomalies", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);

        HttpResponse<String> anomalies = get("/api/v1/anomalies?limit=5000", basic(VIEWER, PASSWORD));
        assertThat(anomalies.statusCode()).isEqualTo(200);
        JsonNode list = json.readTree(anomalies.body());
        long dayAgo = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        long inLastDay = points.stream().filter(p -> p.anomaly && p.ts >= dayAgo).count();
        assertThat((long) list.size()).isBetween(inLastDay - 1, inLastDay + 1);
        assertThat(list.get(0).path("series").asText()).isEqualTo(SERIES.toString());

        HttpResponse<String> badLimit = get("/api/v1/anomalies?limit=0", basic(VIEWER, PASSWORD));
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badLimit.body()).path("detail").asText()).contains("limit=0");

        HttpResponse<String> stale = send("PUT", "/api/v1/kpis/" + encode(SERIES.toString()),
                "{\"sensitivity\": 3, \"version\": 1}", basic(OPERATOR, PASSWORD));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json.readTree(stale.body()).path("currentVersion").asLong()).isEqualTo(3);

        HttpResponse<String> badSensitivity = send("PUT", "/api/v1/kpis/" + encode(SERIES.toString()),
                "{\"sensitivity\": 42, \"version\": 3}", basic(OPERATOR, PASSWORD));
        assertThat(badSensitivity.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badSensitivity.body()).path("detail").asText()).contains("42");

        assertThat(send("POST", "/api/v1/tokens", "{\"name\": \"ci\", \"role\": \"VIEWER\"}",
                basic(OPERATOR, PASSWORD)).statusCode()).isEqualTo(403);
        HttpResponse<String> created = send("POST", "/api/v1/tokens",
                "{\"name\": \"grafana\", \"role\": \"VIEWER\"}", basic("admin", ADMIN_PASSWORD));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode token = json.readTree(created.body());
        String secret = token.path("secret").asText();
        String bearer = "Bearer " + secret;
        assertThat(get("/api/v1/jobs", bearer).statusCode()).isEqualTo(200);
        assertThat(json.readTree(get("/api/v1/jobs", bearer).body()).get(0).path("name").asText())
                .isEqualTo("znyw-detection");
        assertThat(send("POST", "/api/v1/jobs/znyw-detection/suspend", "", bearer).statusCode()).isEqualTo(403);
        assertThat(database.getCollection("api_tokens").find(Filters.eq("_id", token.path("info").path("id").asText()))
                .first().toJson()).doesNotContain(secret);

        assertThat(send("DELETE", "/api/v1/tokens/" + token.path("info").path("id").asText(), "",
                basic("admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/jobs", bearer).statusCode()).isEqualTo(401);

        HttpResponse<String> embeddedDeploy = send("POST", "/api/v1/jobs",
                "{\"template\": \"detection\", \"parallelism\": 2, \"taskManagerMemory\": \"2g\", \"taskManagerCpu\": 1}",
                basic(OPERATOR, PASSWORD));
        assertThat(embeddedDeploy.statusCode()).isEqualTo(409);
        assertThat(json.readTree(embeddedDeploy.body()).path("detail").asText()).contains("znyw.kubernetes.enabled");

        HttpResponse<String> invalidDeploy = send("POST", "/api/v1/jobs",
                "{\"template\": \"detection\", \"parallelism\": 0, \"taskManagerMemory\": \"lots\", \"taskManagerCpu\": 1}",
                basic(OPERATOR, PASSWORD));
        assertThat(invalidDeploy.statusCode()).isEqualTo(400);
        assertThat(json.readTree(invalidDeploy.body()).path("detail").asText()).contains("parallelism='0'", "'lots'");

        assertThat(get("/v3/api-docs", basic(VIEWER, PASSWORD)).statusCode()).isIn(200, 302);
    }

    // ---------------------------------------------------------------- helpers

    private void signIn(String user, String password) {
        driver.get(url("/login"));
        WebElement name = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")));
        name.clear();
        name.sendKeys(user);
        WebElement pass = driver.findElement(By.cssSelector("#vaadinLoginPassword input"));
        pass.clear();
        pass.sendKeys(password, Keys.ENTER);
        if (!password.startsWith("not-")) {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main-layout")));
        }
    }

    private void signOut() {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
    }

    private void openSeries() {
        driver.get(url("/kpi?series=" + encode(SERIES.toString())));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kpi-title")));
    }

    private void setNumber(String id, String value) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + id + " input")));
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value, Keys.TAB);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void screenshot(String name) {
        try {
            Thread.sleep(800);
            Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("screenshot " + name + " failed", e);
        }
    }

    private long audit(String action, String actor) {
        return database.getCollection(AuditService.COLLECTION)
                .countDocuments(Filters.and(Filters.eq("action", action), Filters.eq("actor", actor)));
    }

    private long audit(String action, String actor, String outcome) {
        return database.getCollection(AuditService.COLLECTION).countDocuments(Filters.and(
                Filters.eq("action", action), Filters.eq("actor", actor), Filters.eq("outcome", outcome)));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        return send("GET", path, null, authorization);
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
