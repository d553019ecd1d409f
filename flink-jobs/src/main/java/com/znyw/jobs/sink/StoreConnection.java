package com.znyw.jobs.sink;

import java.io.Serializable;

/**
 * Connection settings of the time-series store. The token is a secret: it is never logged and
 * {@link #toString()} hides it.
 *
 * @param url    base URL, for example {@code http://127.0.0.1:9000} for QuestDB
 * @param token  API token, empty for none
 * @param org    InfluxDB organization (QuestDB ignores it)
 * @param bucket InfluxDB bucket (QuestDB ignores it)
 */
public record StoreConnection(String url, String token, String org, String bucket)
        implements Serializable {

    @Override
    public String toString() {
        return "StoreConnection{url=" + url + ", org=" + org + ", bucket=" + bucket
                + ", token=" + (token == null || token.isEmpty() ? "none" : "***") + "}";
    }
}
