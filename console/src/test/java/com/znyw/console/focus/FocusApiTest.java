package com.znyw.console.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.znyw.console.security.Role;
import com.znyw.console.security.UserService;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedQuestDb;
import com.znyw.embedded.SharedServices;

/**
 * The Focus REST API end to end: the console on a free port, mongo-java-server, and a Flink
 * REST stand-in that runs the real {@code FocusJob} on a local MiniCluster in a child JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FocusApiTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String DATABASE = "focus_api_" + UUID.randomUUID().toString().replace("-", "");
    private static final String OPERATOR = "focus-operator";
    private static final String VIEWER = "focus-viewer";
    private static final String PASSWORD = "secret-password-1";
    private static final long MAX_UPLOAD = 256 * 1024;
    private static final EmbeddedMongo MONGO = SharedServices.mongo();
    private static final EmbeddedQuestDb QUEST = SharedServices.questDb();
    private static Path work;
    private static FocusFlinkStandIn flink;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        work = Files.createTempDirectory("focus-api").toRealPath();
        Path jar = Files.writeString(work.resolve("znyw-flink-jobs.jar"), "stand-in");
        flink = new FocusFlinkStandIn(work);
        registry.add("znyw.mongo.uri", MONGO::connectionString);
        registry.add("znyw.mongo.database", () -> DATABASE);
        registry.add("znyw.store.url", QUEST::pgJdbcUrl);
        registry.add("znyw.flink.rest-url", flink::url);
        registry.add("znyw.security.admin-password", () -> "admin-" + UUID.randomUUID());
        registry.add("znyw.focus.upload-dir", () -> work.resolve("uploads").toString());
        registry.add("znyw.focus.max-upload-size", () -> MAX_UPLOAD + "B");
        registry.add("znyw.focus.check-rows", () -> "5");
        registry.add("znyw.focus.job-jar", jar::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    MongoDatabase database;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void createUsers() {
        users.create("test", OPERATOR, PASSWORD, Role.OPERATOR);
        users.create("test", VIEWER, PASSWORD, Role.VIEWER);
    }

    @AfterAll
    void tearDown() throws InterruptedException {
        flink.close();
        database.drop();
    }

    @Test
    void submitPollResultAndDelete() throws Exception {
        byte[] records = TransactionsCsv.generate(5, 3000).getBytes(GBK);
        HttpResponse<String> submitted = upload("交易.csv", records, Map.of("threshold", "1000"), "en");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        JsonNode job = json.readTree(submitted.body());
        String id = job.path("id").asText();
        assertThat(submitted.headers().firstValue("Location")).hasValue("/api/v1/focus/jobs/" + id);
        assertThat(job.path("status").asText()).isEqualTo("QUEUED");

        JsonNode finished = waitUntilFinished(id);
        assertThat(finished.path("error").isNull()).as(finished.toString()).isTrue();
        assertThat(finished.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(finished.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(finished.path("durationMs").asLong()).isPositive();

        HttpResponse<String> result = get("/api/v1/focus/jobs/" + id + "/result", "application/json");
        assertThat(result.statusCode()).isEqualTo(200);
        JsonNode top = json.readTree(result.body()).path("findings").get(0);
        assertThat(top.path("combination").asText()).isEqualTo("分行=上海分行&渠道=手机银行");
        assertThat(top.path("lift").asDouble()).isGreaterThan(3);

        HttpResponse<String> csv = get("/api/v1/focus/jobs/" + id + "/result.csv", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.body().lines().findFirst()).hasValue("rank,combination,score,"
                + "deviation_share,support,leaf_count,real,expected,record_count,bad_count,"
                + "confidence,lift");
        assertThat(csv.body().lines().skip(1).findFirst().orElse("")).startsWith("1,分行=上海分行&渠道=手机银行,");

        HttpResponse<String> list = get("/api/v1/focus/jobs", "application/json");
        assertThat(json.readTree(list.body()).findValuesAsText("id")).contains(id);

        Path stored = Path.of(database.getCollection("focus_jobs").find(
                new org.bson.Document("_id", id)).first().getString("storedFile"));
        assertThat(stored).exists();
        assertThat(send("DELETE", "/api/v1/focus/jobs/" + id, VIEWER).statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/api/v1/focus/jobs/" + id, OPERATOR).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = get("/api/v1/focus/jobs/" + id, "application/json");
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(stored).doesNotExist();
    }

    @Test
    void malformedRowRejectedWithLine() throws Exception {
        String csv = "idc,host,real,predict\nBJ,h1,10,10\nBJ,h2,1O,11\n";

        HttpResponse<String> response = upload("bad.csv", csv.getBytes(StandardCharsets.UTF_8),
                Map.of(), "en");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("key").asText()).isEqualTo("focus.csv.number.invalid");
        assertThat(problem.path("line").asLong()).isEqualTo(3);
        assertThat(problem.path("detail").asText()).isEqualTo("Line 3, column \"real\": \"1O\" is"
                + " not a number. Use digits with a dot as the decimal separator.");
        String jobId = problem.path("jobId").asText();
        JsonNode job = json.readTree(get("/api/v1/focus/jobs/" + jobId, "application/json").body());
        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(Path.of(database.getCollection("focus_jobs").find(
                new org.bson.Document("_id", jobId)).first().getString("storedFile"))).exists();
    }

    @Test
    void malformedRowPastCheckFailsJob() throws Exception {
        StringBuilder csv = new StringBuilder("idc;host;real;predict\n");
        for (int i = 0; i < 30; i++) {
            csv.append("BJ;h").append(i).append(';').append(i == 20 ? "-" : "5").append(";5\n");
        }

        HttpResponse<String> response = upload("late.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                Map.of(), "zh-CN");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode job = waitUntilFinished(json.readTree(response.body()).path("id").asText());
        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(job.path("error").path("key").asText()).isEqualTo("focus.csv.number.invalid");
        assertThat(job.path("error").path("line").asLong()).isEqualTo(22);
        assertThat(job.path("error").path("message").asText()).startsWith("第 22 行，列“real”");
    }

    @Test
    void wrongHeaderListsColumns() throws Exception {
        String csv = "idc,host,real,forecast\nBJ,h1,10,10\n";

        HttpResponse<String> english = upload("header.csv", csv.getBytes(StandardCharsets.UTF_8),
                Map.of("layout", "cube"), "en");
        HttpResponse<String> chinese = upload("header.csv", csv.getBytes(StandardCharsets.UTF_8),
                Map.of("layout", "cube"), null);

        assertThat(english.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(english.body());
        assertThat(problem.path("key").asText()).isEqualTo("focus.csv.header.missing");
        assertThat(problem.path("detail").asText()).isEqualTo("The header does not fit the cube"
                + " layout: expected columns [<dimensions...>, real, predict], found [idc, host,"
                + " real, forecast]. Rename the columns or choose the column mapping.");
        assertThat(chinese.statusCode()).isEqualTo(400);
        assertThat(json.readTree(chinese.body()).path("detail").asText())
                .startsWith("表头不符合 cube 布局");
    }

    @Test
    void oversizedUploadRejected() throws Exception {
        byte[] content = new byte[(int) MAX_UPLOAD * 2];
        new Random(1).nextBytes(content);

        HttpResponse<String> response = upload("big.csv", content, Map.of(), "en");

        assertThat(response.statusCode()).isEqualTo(413);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("limitBytes").asLong()).isEqualTo(MAX_UPLOAD);
        assertThat(problem.path("detail").asText()).contains("znyw.focus.max-upload-size");
    }

    @Test
    void emptyFileRejected() throws Exception {
        HttpResponse<String> response = upload("empty.csv", new byte[0], Map.of(), "en");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("key").asText()).isEqualTo("focus.csv.empty");
        assertThat(problem.path("detail").asText()).startsWith("The file is empty");
    }

    @Test
    void invalidParameterNamed() throws Exception {
        HttpResponse<String> response = upload("p.csv", "a,real,predict\nx,1,1\n"
                .getBytes(StandardCharsets.UTF_8), Map.of("maxLayer", "12"), "en");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("title").asText()).isEqualTo("Invalid parameter");
        assertThat(problem.path("detail").asText()).contains("maxLayer", "\"12\"");
    }

    @Test
    void columnMappingResolvesUnknownHeader() throws Exception {
        StringBuilder csv = new StringBuilder("at\thost\tidc\terrors\ttotal\n");
        for (int minute = 0; minute <= 10; minute++) {
            for (String idc : new String[] {"BJ", "SH", "GZ"}) {
                for (int host = 0; host < 4; host++) {
                    int total = 1000 + 10 * host;
                    int errors = minute == 10 && idc.equals("SH") ? 300 : 5 + host % 2;
                    csv.append("2024-12-04 10:").append(String.format("%02d", minute)).append('\t')
                            .append("app-").append(host).append('\t').append(idc).append('\t')
                            .append(errors).append('\t').append(total).append('\n');
                }
            }
        }
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> unmapped = upload("series.tsv", content, Map.of(), "en");
        HttpResponse<String> mapped = upload("series.tsv", content, Map.of("layout", "leaf_series",
                "timestamp", "at", "measures", "errors,total", "dimensions", "host,idc",
                "anomalyTime", "2024-12-04 10:10"), "en");

        assertThat(unmapped.statusCode()).isEqualTo(400);
        assertThat(json.readTree(unmapped.body()).path("key").asText())
                .isEqualTo("focus.csv.header.unknownLayout");
        assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(202);
        JsonNode job = waitUntilFinished(json.readTree(mapped.body()).path("id").asText());
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        JsonNode result = json.readTree(get("/api/v1/focus/jobs/" + job.path("id").asText()
                + "/result", "application/json").body());
        assertThat(result.path("measure").asText()).isEqualTo("derived");
        assertThat(result.path("findings").get(0).path("combination").asText()).isEqualTo("idc=SH");
    }

    @Test
    void flinkFailureMarksJobFailed() throws Exception {
        flink.failNextRun();

        HttpResponse<String> response = upload("cube.csv", "idc,real,predict\nBJ,1,2\nSH,3,3\n"
                .getBytes(StandardCharsets.UTF_8), Map.of(), "en");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode job = waitUntilFinished(json.readTree(response.body()).path("id").asText());
        assertThat(job.path("status").asText()).isEqualTo("FAILED");
        assertThat(job.path("error").path("key").asText()).isEqualTo("focus.job.internal");
        assertThat(job.path("error").path("message").asText())
                .contains("ended as FAILED", "ClassNotFoundException");
    }

    @Test
    void viewerCannotSubmit() throws Exception {
        HttpResponse<String> response = upload("v.csv", "a,real,predict\nx,1,1\n"
                .getBytes(StandardCharsets.UTF_8), Map.of(), "en", VIEWER);

        assertThat(response.statusCode()).isEqualTo(403);
    }

    private JsonNode waitUntilFinished(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = json.readTree(get("/api/v1/focus/jobs/" + id, "application/json").body());
            String status = job.path("status").asText();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return job;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Focus job " + id + " did not finish in 120 s; see the logs in " + work);
    }

    private HttpResponse<String> upload(String fileName, byte[] content, Map<String, String> fields,
            String language) throws Exception {
        return upload(fileName, content, fields, language, OPERATOR);
    }

    private HttpResponse<String> upload(String fileName, byte[] content, Map<String, String> fields,
            String language, String user) throws Exception {
        String boundary = "b" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> all = new LinkedHashMap<>(fields);
        for (Map.Entry<String, String> field : all.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                    + field.getKey() + "\"\r\n\r\n" + field.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\";"
                + " filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(url("/api/v1/focus/jobs"))
                .header("Authorization", basic(user))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Authorization", basic(VIEWER))
                .header("Accept", accept).header("Accept-Language", "zh-CN").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String user) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).header("Authorization", basic(user))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
