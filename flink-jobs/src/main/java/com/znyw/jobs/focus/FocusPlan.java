package com.znyw.jobs.focus;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.znyw.core.csv.TableLayout;

/**
 * The settings that the job's functions need, resolved once by {@link FocusJob#main} from the job's
 * MongoDB document and the file header, and shipped to the tasks.
 */
final class FocusPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    final String jobId;
    final String mongoUri;
    final String database;
    final String storedFile;
    final long fileSize;
    final LinkedHashMap<String, String> parameters;
    final TableLayout layout;
    final ArrayList<String> dimensions;
    final boolean derived;

    FocusPlan(String jobId, String mongoUri, String database, String storedFile, long fileSize,
            Map<String, String> parameters, TableLayout layout, List<String> dimensions,
            boolean derived) {
        this.jobId = jobId;
        this.mongoUri = mongoUri;
        this.database = database;
        this.storedFile = storedFile;
        this.fileSize = fileSize;
        this.parameters = new LinkedHashMap<>(parameters);
        this.layout = layout;
        this.dimensions = new ArrayList<>(dimensions);
        this.derived = derived;
    }
}
