package com.znyw.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxQLQueryApi;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.query.InfluxQLQueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedServicesExtension.class)
class EmbeddedInfluxDb1Test {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void v1WriteReadWithInfluxQl(EmbeddedInfluxDb1 influx) throws Exception {
        String database = "znyw_test_" + System.nanoTime();
        assertThat(post(influx, "/query?q=" + encode("CREATE DATABASE " + database), "").statusCode()).isEqualTo(200);

        long timeMs = Instant.parse("2024-12-04T08:13:20Z").toEpochMilli();
        HttpResponse<String> write = post(influx, "/write?db=" + database + "&precision=ms",
                "kpi_score,host=app-07,idc=BJ value=182.5,anomaly=true " + timeMs);
        assertThat(write.statusCode()).as("write response %s", write.body()).isEqualTo(204);

        try (InfluxDBClient client = InfluxDBClientFactory.createV1(influx.httpUrl(), "", new char[0], database, null)) {
            InfluxQLQueryApi queries = client.getInfluxQLQueryApi();
            InfluxQLQueryResult result = queries.query(new InfluxQLQuery(
                    "SELECT value, anomaly, host FROM kpi_score WHERE idc = 'BJ'", database));

            List<InfluxQLQueryResult.Series> series = result.getResults().get(0).getSeries();
            assertThat(series).hasSize(1);
            List<InfluxQLQueryResult.Series.Record> records = series.get(0).getValues();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getValueByKey("value")).isEqualTo("182.5");
            assertThat(records.get(0).getValueByKey("anomaly")).isEqualTo("true");
            assertThat(records.get(0).getValueByKey("host")).isEqualTo("app-07");
        }
    }

    @Test
    void v2WriteEndpointMissing(EmbeddedInfluxDb1 influx) throws Exception {
        HttpResponse<String> write = post(influx, "/api/v2/write?bucket=x&precision=ms", "m value=1 1");
        assertThat(write.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> post(EmbeddedInfluxDb1 influx, String pathAndQuery, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(influx.httpUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
