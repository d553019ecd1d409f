package com.znyw.jobs.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.znyw.core.focus.FocusFinding;
import com.znyw.core.focus.FocusJobStatus;
import com.znyw.core.focus.FocusJobStore;
import com.znyw.core.focus.FocusResult;
import com.znyw.embedded.EmbeddedMongo;
import com.znyw.embedded.EmbeddedServicesExtension;

/**
 * Runs {@link FocusJob#main} on a local MiniCluster against mongo-java-server in its own JVM,
 * one database per test.
 */
@ExtendWith(EmbeddedServicesExtension.class)
class FocusJobTest {

    private static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    private String mongoUri;
    private String databaseName;
    private MongoClient client;
    private MongoDatabase database;
    private FocusJobStore store;

    @BeforeEach
    void connect(EmbeddedMongo mongo) {
        mongoUri = mongo.connectionString();
        client = MongoClients.create(mongoUri);
        databaseName = "focus_job_" + UUID.randomUUID().toString().replace("-", "");
        database = client.getDatabase(databaseName);
        store = new FocusJobStore(database);
    }

    @AfterEach
    void dropDatabase() {
        database.drop();
        client.close();
    }

    @Test
    void cubeFindsInjectedRootCause() throws Exception {
        StringBuilder csv = new StringBuilder("idc,host,service,real,predict\n");
        Random random = new Random(7);
        for (int i = 0; i < 4; i++) {
            for (int h = 0; h < 6; h++) {
                for (int s = 0; s < 5; s++) {
                    double predict = 100 + random.nextInt(100);
                    boolean cause = i == 1 && s == 2;
                    double real = cause ? predict * 0.4 : predict * (0.98 + 0.04 * random.nextDouble());
                    csv.append("IDC").append(i).append(",app-").append(h).append(",svc-")
                            .append(s).append(',').append(real).append(',').append(predict)
                            .append('\n');
                }
            }
        }
        Path file = write("cube.csv", csv.toString(), StandardCharsets.UTF_8);

        FocusResult result = runSucceeded(file, Map.of());

        assertThat(result.layout()).isEqualTo("cube");
        assertThat(result.leafCount()).isEqualTo(120);
        assertThat(result.rowCount()).isEqualTo(120);
        assertThat(result.findings()).isNotEmpty();
        assertThat(result.findings().get(0).combination()).isEqualTo("idc=IDC1&service=svc-2");
    }

    @Test
    void gbkRecordsWithThresholdGzip() throws Exception {
        StringBuilder csv = new StringBuilder("分行,渠道,设备,app_version,latency_ms\n");
        String[] branches = {"北京分行", "上海分行", "广州分行", "深圳分行"};
        String[] channels = {"手机银行", "网上银行", "柜面"};
        String[] devices = {"ios", "android", "pc"};
        Random random = new Random(11);
        for (int n = 0; n < 6000; n++) {
            String branch = branches[random.nextInt(branches.length)];
            String channel = channels[random.nextInt(channels.length)];
            String device = devices[random.nextInt(devices.length)];
            String version = "5." + random.nextInt(3);
            boolean slow = branch.equals("上海分行") && channel.equals("手机银行")
                    ? random.nextDouble() < 0.8 : random.nextDouble() < 0.02;
            int latency = slow ? 1500 + random.nextInt(2000) : 80 + random.nextInt(300);
            csv.append(branch).append(',').append(channel).append(',').append(device).append(',')
                    .append(version).append(',').append(latency).append('\n');
        }
        Path file = dir.resolve("records.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(csv.toString().getBytes(GBK));
        }

        FocusResult result = runSucceeded(file, Map.of("threshold", "1000"));

        assertThat(result.layout()).isEqualTo("records");
        assertThat(result.rowCount()).isEqualTo(6000);
        FocusFinding top = result.findings().get(0);
        assertThat(top.conditions()).isEqualTo(Map.of("分行", "上海分行", "渠道", "手机银行"));
        assertThat(top.confidence()).isGreaterThan(0.6);
        assertThat(top.lift()).isGreaterThan(3.0);
        assertThat(top.badCount()).isLessThanOrEqualTo(top.recordCount());
    }

    @Test
    void leafSeriesDerivedMeasure() throws Exception {
        StringBuilder csv = new StringBuilder("min;value;cnt;cdn;isp\n");
        long start = 1596686400L;
        Random random = new Random(3);
        String[] isps = {"电信", "联通", "移动"};
        for (int minute = 0; minute <= 20; minute++) {
            for (int cdn = 0; cdn < 5; cdn++) {
                for (String isp : isps) {
                    int count = 200 + random.nextInt(50);
                    boolean cause = minute == 20 && isp.equals("联通");
                    int failures = cause ? count / 3 : random.nextInt(4);
                    csv.append(start + minute * 60L).append(';').append(failures).append(';')
                            .append(count).append(";cdn").append(cdn).append(';').append(isp)
                            .append('\n');
                }
            }
        }
        Path file = write("series.csv", csv.toString(), GBK);

        FocusResult result = runSucceeded(file, Map.of("anomalyTime", "2020-08-06 12:20"));

        assertThat(result.layout()).isEqualTo("leaf_series");
        assertThat(result.measure()).isEqualTo("derived");
        assertThat(result.anomalyTime()).isEqualTo((start + 1200) * 1000);
        assertThat(result.leafCount()).isEqualTo(15);
        assertThat(result.findings().get(0).combination()).isEqualTo("isp=联通");
    }

    @Test
    void badRowFailsWithLineAndKeepsFile() throws Exception {
        String csv = "idc,host,real,predict\nBJ,h1,10,10\nBJ,h2,12,11\nSH,h3,abc,9\n";
        Path file = write("bad.csv", csv, StandardCharsets.UTF_8);

        var job = run(file, Map.of());

        assertThat(job.status()).isEqualTo(FocusJobStatus.FAILED);
        assertThat(job.error().key()).isEqualTo("focus.csv.number.invalid");
        assertThat(job.error().line()).isEqualTo(4);
        assertThat(job.error().arguments()).containsExactly("4", "real", "abc");
        assertThat(job.result()).isNull();
        assertThat(file).exists();
    }

    @Test
    void wrongHeaderFailsBeforeFlink() throws Exception {
        Path file = write("header.csv", "idc,host,real,forecast\nBJ,h1,1,2\n",
                StandardCharsets.UTF_8);

        var job = run(file, Map.of("layout", "cube"));

        assertThat(job.status()).isEqualTo(FocusJobStatus.FAILED);
        assertThat(job.error().key()).isEqualTo("focus.csv.header.missing");
        assertThat(job.error().message()).contains("[idc, host, real, forecast]");
        assertThat(job.startedAt()).isNull();
    }

    @Test
    void metricWithoutThresholdRejected() throws Exception {
        Path file = write("metric.csv", "branch,latency_ms\nBJ,120\n", StandardCharsets.UTF_8);

        var job = run(file, Map.of());

        assertThat(job.status()).isEqualTo(FocusJobStatus.FAILED);
        assertThat(job.error().key()).isEqualTo("focus.param.missing");
        assertThat(job.error().arguments()).containsExactly("threshold", "records");
    }

    private FocusResult runSucceeded(Path file, Map<String, String> parameters) throws Exception {
        var job = run(file, parameters);
        assertThat(job.error()).isNull();
        assertThat(job.status()).isEqualTo(FocusJobStatus.SUCCEEDED);
        assertThat(job.progress()).isEqualTo(1.0);
        return job.result();
    }

    private com.znyw.core.focus.FocusJob run(Path file, Map<String, String> parameters)
            throws Exception {
        String id = UUID.randomUUID().toString();
        store.insert(com.znyw.core.focus.FocusJob.queued(id, file.getFileName().toString(),
                file.toString(), Files.size(file), parameters, "tester", Instant.now()));
        FocusJob.main(new String[] {"--job-id", id, "--mongo-uri", mongoUri, "--database",
                databaseName});
        return store.find(id).orElseThrow();
    }

    private Path write(String name, String content, Charset charset) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, charset);
        return file;
    }
}
