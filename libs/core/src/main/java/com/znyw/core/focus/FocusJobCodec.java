package com.znyw.core.focus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;

/** Converts Focus jobs to and from their MongoDB documents. */
final class FocusJobCodec {

    static final String ID = "_id";
    static final String STATUS = "status";
    static final String PROGRESS = "progress";
    static final String PHASE = "phase";
    static final String FILE_NAME = "fileName";
    static final String STORED_FILE = "storedFile";
    static final String FILE_SIZE = "fileSize";
    static final String PARAMETERS = "parameters";
    static final String FLINK_JOB_ID = "flinkJobId";
    static final String SUBMITTED_BY = "submittedBy";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String STARTED_AT = "startedAt";
    static final String FINISHED_AT = "finishedAt";
    static final String VERSION = "version";
    static final String ERROR = "error";
    static final String RESULT = "result";

    private FocusJobCodec() {
    }

    static Document toDocument(FocusJob job) {
        Document document = new Document(ID, job.id())
                .append(STATUS, job.status().name())
                .append(PROGRESS, job.progress())
                .append(PHASE, job.phase())
                .append(FILE_NAME, job.fileName())
                .append(STORED_FILE, job.storedFile())
                .append(FILE_SIZE, job.fileSize())
                .append(PARAMETERS, new Document(new LinkedHashMap<>(job.parameters())))
                .append(FLINK_JOB_ID, job.flinkJobId())
                .append(SUBMITTED_BY, job.submittedBy())
                .append(CREATED_AT, date(job.createdAt()))
                .append(UPDATED_AT, date(job.updatedAt()))
                .append(STARTED_AT, date(job.startedAt()))
                .append(FINISHED_AT, date(job.finishedAt()))
                .append(VERSION, job.version());
        document.append(ERROR, job.error() == null ? null : toDocument(job.error()));
        document.append(RESULT, job.result() == null ? null : toDocument(job.result()));
        return document;
    }

    static Document toDocument(FocusError error) {
        return new Document("key", error.key())
                .append("arguments", error.arguments())
                .append("line", error.line())
                .append("message", error.message());
    }

    static Document toDocument(FocusResult result) {
        List<Document> findings = new ArrayList<>();
        for (FocusFinding finding : result.findings()) {
            findings.add(toDocument(finding));
        }
        return new Document("layout", result.layout())
                .append("measure", result.measure())
                .append("dimensions", result.dimensions())
                .append("rowCount", result.rowCount())
                .append("leafCount", result.leafCount())
                .append("totalReal", result.totalReal())
                .append("totalExpected", result.totalExpected())
                .append("anomalyTime", result.anomalyTime())
                .append("findings", findings);
    }

    private static Document toDocument(FocusFinding finding) {
        return new Document("rank", finding.rank())
                .append("combination", finding.combination())
                .append("conditions", conditionList(finding.conditions()))
                .append("score", finding.score())
                .append("deviationShare", finding.deviationShare())
                .append("support", finding.support())
                .append("leafCount", finding.leafCount())
                .append("real", finding.real())
                .append("expected", finding.expected())
                .append("recordCount", finding.recordCount())
                .append("badCount", finding.badCount())
                .append("confidence", finding.confidence())
                .append("lift", finding.lift());
    }

    static FocusJob fromDocument(Document document) {
        Document error = document.get(ERROR, Document.class);
        Document result = document.get(RESULT, Document.class);
        return new FocusJob(document.getString(ID),
                FocusJobStatus.valueOf(document.getString(STATUS)),
                number(document, PROGRESS),
                document.getString(PHASE),
                document.getString(FILE_NAME),
                document.getString(STORED_FILE),
                (long) number(document, FILE_SIZE),
                stringMap(document.get(PARAMETERS, Document.class)),
                document.getString(FLINK_JOB_ID),
                document.getString(SUBMITTED_BY),
                instant(document.getDate(CREATED_AT)),
                instant(document.getDate(UPDATED_AT)),
                instant(document.getDate(STARTED_AT)),
                instant(document.getDate(FINISHED_AT)),
                (long) number(document, VERSION),
                error == null ? null : errorFrom(error),
                result == null ? null : resultFrom(result));
    }

    private static FocusError errorFrom(Document document) {
        return new FocusError(document.getString("key"),
                document.getList("arguments", String.class),
                (long) number(document, "line"),
                document.getString("message"));
    }

    private static FocusResult resultFrom(Document document) {
        List<FocusFinding> findings = new ArrayList<>();
        for (Document finding : document.getList("findings", Document.class)) {
            findings.add(findingFrom(finding));
        }
        Number anomalyTime = document.get("anomalyTime", Number.class);
        return new FocusResult(document.getString("layout"),
                document.getString("measure"),
                document.getList("dimensions", String.class),
                (long) number(document, "rowCount"),
                (long) number(document, "leafCount"),
                number(document, "totalReal"),
                number(document, "totalExpected"),
                anomalyTime == null ? null : anomalyTime.longValue(),
                findings);
    }

    private static FocusFinding findingFrom(Document document) {
        Number recordCount = document.get("recordCount", Number.class);
        Number badCount = document.get("badCount", Number.class);
        Number confidence = document.get("confidence", Number.class);
        Number lift = document.get("lift", Number.class);
        return new FocusFinding((int) number(document, "rank"),
                document.getString("combination"),
                conditionMap(document.getList("conditions", Document.class)),
                number(document, "score"),
                number(document, "deviationShare"),
                number(document, "support"),
                (int) number(document, "leafCount"),
                number(document, "real"),
                number(document, "expected"),
                recordCount == null ? null : recordCount.longValue(),
                badCount == null ? null : badCount.longValue(),
                confidence == null ? null : confidence.doubleValue(),
                lift == null ? null : lift.doubleValue());
    }

    /**
     * Stores conditions as a list of pairs, because dimension names may contain dots or a
     * leading dollar, which MongoDB field names must not.
     */
    private static List<Document> conditionList(Map<String, String> conditions) {
        List<Document> list = new ArrayList<>();
        conditions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                list.add(new Document("dimension", entry.getKey()).append("value", entry.getValue())));
        return list;
    }

    private static Map<String, String> conditionMap(List<Document> list) {
        Map<String, String> map = new LinkedHashMap<>();
        if (list != null) {
            for (Document condition : list) {
                map.put(condition.getString("dimension"), condition.getString("value"));
            }
        }
        return map;
    }

    private static Map<String, String> stringMap(Document document) {
        Map<String, String> map = new LinkedHashMap<>();
        if (document != null) {
            document.forEach((key, value) -> map.put(key, String.valueOf(value)));
        }
        return map;
    }

    private static double number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.doubleValue();
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
