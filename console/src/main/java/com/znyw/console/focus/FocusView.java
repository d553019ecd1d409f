package com.znyw.console.focus;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.server.streams.UploadMetadata;
import com.vaadin.flow.shared.Registration;
import com.znyw.console.layout.MainLayout;
import com.znyw.console.layout.TimeFormat;
import com.znyw.console.security.CurrentUser;
import com.znyw.console.security.Role;
import com.znyw.core.csv.ColumnRoles;
import com.znyw.core.csv.CsvException;
import com.znyw.core.csv.CsvOptions;
import com.znyw.core.csv.CsvTableReader;
import com.znyw.core.csv.TableLayout;
import com.znyw.core.csv.TableSchema;
import com.znyw.core.focus.FocusError;
import com.znyw.core.focus.FocusFinding;
import com.znyw.core.focus.FocusJob;
import com.znyw.core.focus.FocusParameters;
import com.znyw.core.focus.FocusResult;

import jakarta.annotation.security.RolesAllowed;

/**
 * The Focus page: an OPERATOR uploads a table, checks the column mapping where the header is
 * ambiguous and starts the analysis; everyone with VIEWER sees the job list with status and
 * progress and the ranked result with a chart of real against expected. The page polls every
 * second while a job is unfinished.
 */
@Route(value = "focus", layout = MainLayout.class)
@RolesAllowed(Role.VIEWER_NAME)
public class FocusView extends VerticalLayout implements HasDynamicTitle {

    private static final Logger LOG = LoggerFactory.getLogger(FocusView.class);
    private static final int POLL_MS = 1000;
    private static final int LISTED_JOBS = 50;

    private final FocusJobService service;
    private final FocusProperties properties;
    private final CurrentUser user;
    private final ZoneId zone;

    private final Select<String> layout = new Select<>();
    private final Select<String> encoding = new Select<>();
    private final Select<String> delimiter = new Select<>();
    private final TextField threshold = new TextField();
    private final TextField anomalyTime = new TextField();
    private final Details mapping = new Details();
    private final Paragraph mappingHint = new Paragraph();
    private final MultiSelectComboBox<String> dimensions = new MultiSelectComboBox<>();
    private final MultiSelectComboBox<String> measures = new MultiSelectComboBox<>();
    private final Select<String> timestamp = new Select<>();
    private final Select<String> target = new Select<>();
    private final Button submit = new Button();
    private final Span uploadStatus = new Span();

    private final Grid<FocusJob> jobs = new Grid<>();
    private final VerticalLayout resultPanel = new VerticalLayout();
    private final Span resultSummary = new Span();
    private final Grid<FocusFinding> findings = new Grid<>();
    private final FocusChart chart = new FocusChart();
    private final Anchor download = new Anchor();
    private final Button delete = new Button();

    private Registration pollRegistration;
    private File pendingFile;
    private String pendingName;
    private String selectedId;
    private String shownResultId;

    public FocusView(FocusJobService service, FocusProperties properties, CurrentUser user) {
        this.service = service;
        this.properties = properties;
        this.user = user;
        this.zone = user.zone();
        setId("focus-view");
        setWidthFull();

        add(new H2(getTranslation("focus.title")), new Paragraph(getTranslation("focus.intro")));
        if (user.has(Role.OPERATOR)) {
            add(uploadForm());
        } else {
            Span readonly = new Span(getTranslation("focus.upload.readonly"));
            readonly.setId("focus-readonly");
            add(readonly);
        }
        add(new H3(getTranslation("focus.jobs.title")), jobGrid(), resultPanel());
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("focus.title");
    }

    // ------------------------------------------------------------------ upload and mapping

    private VerticalLayout uploadForm() {
        UI ui = UI.getCurrent();
        Upload upload = new Upload(UploadHandler.toTempFile(
                (metadata, file) -> ui.access(() -> uploaded(metadata, file))));
        upload.setId("focus-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, properties.maxUploadSize().toBytes()));
        upload.setAcceptedFileTypes(".csv", ".txt", ".tsv", ".gz");
        upload.setDropLabel(new Span(getTranslation("focus.upload.drop")));
        // Vaadin merges a partial i18n object with its English defaults.
        upload.setI18n(new UploadI18N().setAddFiles(new UploadI18N.AddFiles()
                .setOne(getTranslation("focus.upload.button"))
                .setMany(getTranslation("focus.upload.button"))));
        upload.addFileRejectedListener(event -> notifyError(getTranslation(
                "focus.upload.tooLarge", properties.maxUploadSize().toBytes())));
        upload.addFailedListener(event -> notifyError(getTranslation("focus.upload.failed",
                String.valueOf(event.getReason()))));

        layout.setId("focus-layout");
        layout.setLabel(getTranslation("focus.layout"));
        layout.setItems("auto", "cube", "leaf_series", "records");
        layout.setItemLabelGenerator(value -> getTranslation("focus.layout." + value));
        layout.setValue("auto");
        layout.addValueChangeListener(event -> describePending());

        encoding.setId("focus-encoding");
        encoding.setLabel(getTranslation("focus.encoding"));
        encoding.setItems("auto", "UTF-8", "GBK", "GB18030");
        encoding.setItemLabelGenerator(value -> value.equals("auto")
                ? getTranslation("focus.encoding.auto") : value);
        encoding.setValue("auto");
        encoding.addValueChangeListener(event -> describePending());

        delimiter.setId("focus-delimiter");
        delimiter.setLabel(getTranslation("focus.delimiter"));
        delimiter.setItems("auto", "comma", "semicolon", "tab");
        delimiter.setItemLabelGenerator(value -> getTranslation("focus.delimiter." + value));
        delimiter.setValue("auto");
        delimiter.addValueChangeListener(event -> describePending());

        threshold.setId("focus-threshold");
        threshold.setLabel(getTranslation("focus.threshold"));
        anomalyTime.setId("focus-anomaly-time");
        anomalyTime.setLabel(getTranslation("focus.anomalyTime"));
        anomalyTime.setHelperText(getTranslation("focus.anomalyTime.help"));

        dimensions.setId("focus-dimensions");
        dimensions.setLabel(getTranslation("focus.mapping.dimensions"));
        measures.setId("focus-measures");
        measures.setLabel(getTranslation("focus.mapping.measures"));
        timestamp.setId("focus-timestamp");
        timestamp.setLabel(getTranslation("focus.mapping.timestamp"));
        target.setId("focus-target");
        target.setLabel(getTranslation("focus.mapping.target"));
        mappingHint.setId("focus-mapping-hint");
        FormLayout mappingForm = new FormLayout(dimensions, measures, timestamp, target);
        mapping.setSummaryText(getTranslation("focus.mapping.title"));
        mapping.add(mappingHint, mappingForm);
        mapping.setId("focus-mapping");
        mapping.setVisible(false);

        submit.setText(getTranslation("focus.submit"));
        submit.setId("focus-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setEnabled(false);
        submit.addClickListener(event -> startAnalysis());
        uploadStatus.setId("focus-upload-status");

        FormLayout options = new FormLayout(layout, encoding, delimiter, threshold, anomalyTime);
        VerticalLayout form = new VerticalLayout(new Span(getTranslation("focus.upload.label")),
                upload, options, mapping, new HorizontalLayout(submit, uploadStatus));
        form.setPadding(false);
        return form;
    }

    private void uploaded(UploadMetadata metadata, File file) {
        discardPending();
        pendingFile = file;
        pendingName = metadata.fileName();
        submit.setEnabled(true);
        describePending();
    }

    /** Reads the pending file's header and fills the column mapping, opened when ambiguous. */
    private void describePending() {
        if (pendingFile == null) {
            return;
        }
        try (CsvTableReader reader = CsvTableReader.open(pendingFile.toPath(),
                CsvOptions.parse(value(encoding), value(delimiter)))) {
            List<String> header = reader.header();
            dimensions.setItems(header);
            measures.setItems(header);
            timestamp.setItems(header);
            target.setItems(header);
            TableSchema schema = TableSchema.resolve(header, TableLayout.parse(value(layout)),
                    ColumnRoles.none());
            ColumnRoles roles = schema.roles();
            dimensions.setValue(Set.copyOf(roles.dimensions()));
            measures.setValue(Set.copyOf(roles.measures()));
            timestamp.setValue(roles.timestamp());
            target.setValue(roles.target());
            timestamp.setVisible(schema.layout() == TableLayout.LEAF_SERIES);
            measures.setVisible(schema.layout() == TableLayout.LEAF_SERIES);
            target.setVisible(schema.layout() == TableLayout.RECORDS);
            mappingHint.setText(schema.isAmbiguous() ? getTranslation("focus.mapping.hint") : "");
            mapping.setVisible(true);
            mapping.setOpened(schema.isAmbiguous());
            uploadStatus.setText(pendingName + " · " + getTranslation("focus.layout." + schema.layout().apiName()));
        } catch (CsvException e) {
            // The user picks a layout or mapping next; the upload itself checks again.
            mapping.setVisible(true);
            mapping.setOpened(true);
            mappingHint.setText(message(e));
            uploadStatus.setText(pendingName);
        } catch (IOException e) {
            LOG.warn("Reading the header of upload {} failed: {}", pendingName, e.toString());
            notifyError(getTranslation("focus.upload.failed", e.getMessage()));
        }
    }

    private void startAnalysis() {
        if (pendingFile == null) {
            return;
        }
        Map<String, String> parameters = parameters();
        try (InputStream content = Files.newInputStream(pendingFile.toPath())) {
            FocusJob job = service.accept(pendingName, content, parameters, user.username());
            Notification.show(getTranslation("focus.upload.accepted", pendingName, job.id()))
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            selectedId = job.id();
        } catch (FocusRejectedException e) {
            notifyError(getTranslation("focus.upload.rejected", message(e.problem())));
            selectedId = e.job() == null ? selectedId : e.job().id();
        } catch (UploadTooLargeException e) {
            notifyError(getTranslation("focus.upload.tooLarge", e.limitBytes()));
        } catch (IOException e) {
            LOG.warn("Focus upload {} failed: {}", pendingName, e.toString());
            notifyError(getTranslation("focus.upload.failed", e.getMessage()));
        }
        discardPending();
        refresh();
    }

    private Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, FocusParameters.LAYOUT, value(layout));
        put(parameters, FocusParameters.ENCODING, value(encoding));
        put(parameters, FocusParameters.DELIMITER, value(delimiter));
        put(parameters, FocusParameters.THRESHOLD, threshold.getValue());
        put(parameters, FocusParameters.ANOMALY_TIME, anomalyTime.getValue());
        if (mapping.isVisible()) {
            put(parameters, FocusParameters.DIMENSIONS, String.join(",", ordered(dimensions)));
            if (measures.isVisible()) {
                put(parameters, FocusParameters.MEASURES, String.join(",", ordered(measures)));
                put(parameters, FocusParameters.TIMESTAMP, timestamp.getValue());
            }
            if (target.isVisible()) {
                put(parameters, FocusParameters.TARGET, target.getValue());
            }
        }
        return parameters;
    }

    /** Returns the selected columns in header order, which is the order of the items. */
    private static List<String> ordered(MultiSelectComboBox<String> box) {
        Set<String> selected = box.getValue();
        return box.getListDataView().getItems().filter(selected::contains).toList();
    }

    private static void put(Map<String, String> parameters, String name, String value) {
        if (value != null && !value.isBlank() && !value.equals("auto")) {
            parameters.put(name, value.trim());
        }
    }

    private static String value(Select<String> select) {
        return select.getValue() == null ? "auto" : select.getValue();
    }

    private void discardPending() {
        if (pendingFile != null) {
            try {
                Files.deleteIfExists(pendingFile.toPath());
            } catch (IOException e) {
                LOG.warn("Cannot delete temporary upload {}: {}", pendingFile, e.toString());
            }
        }
        pendingFile = null;
        pendingName = null;
        submit.setEnabled(false);
        mapping.setVisible(false);
    }

    // ------------------------------------------------------------------ jobs and results

    private Grid<FocusJob> jobGrid() {
        jobs.setId("focus-jobs");
        jobs.setAllRowsVisible(true);
        jobs.addColumn(FocusJob::fileName).setHeader(getTranslation("focus.col.file")).setFlexGrow(2);
        jobs.addColumn(job -> getTranslation("focus.status." + job.status().name()))
                .setHeader(getTranslation("focus.col.status"));
        jobs.addComponentColumn(job -> {
            ProgressBar bar = new ProgressBar(0, 1, job.progress());
            bar.setId("focus-progress-" + job.id());
            return bar;
        }).setHeader(getTranslation("focus.col.progress"));
        jobs.addColumn(job -> TimeFormat.format(job.createdAt(), zone))
                .setHeader(getTranslation("focus.col.created"));
        jobs.addColumn(FocusJob::submittedBy).setHeader(getTranslation("focus.col.submittedBy"));
        jobs.setClassNameGenerator(job -> "focus-job-" + job.status().name().toLowerCase(Locale.ROOT));
        jobs.asSingleSelect().addValueChangeListener(event -> {
            if (event.getValue() != null) {
                selectedId = event.getValue().id();
                shownResultId = null;
                showSelected();
            }
        });
        return jobs;
    }

    private VerticalLayout resultPanel() {
        resultPanel.setId("focus-result");
        resultPanel.setPadding(false);
        resultSummary.setId("focus-result-summary");
        findings.setId("focus-findings");
        findings.setAllRowsVisible(true);
        NumberFormat percent = NumberFormat.getPercentInstance(Locale.ROOT);
        percent.setMaximumFractionDigits(1);
        findings.addColumn(FocusFinding::rank).setHeader(getTranslation("focus.col.rank")).setAutoWidth(true);
        findings.addColumn(FocusFinding::combination).setHeader(getTranslation("focus.col.combination"))
                .setAutoWidth(true).setFlexGrow(3);
        findings.addColumn(f -> percent.format(f.score())).setHeader(getTranslation("focus.col.score"));
        findings.addColumn(f -> percent.format(f.deviationShare()))
                .setHeader(getTranslation("focus.col.deviationShare"));
        findings.addColumn(f -> percent.format(f.support())).setHeader(getTranslation("focus.col.support"));
        findings.addColumn(f -> number(f.real())).setHeader(getTranslation("focus.col.real"));
        findings.addColumn(f -> number(f.expected())).setHeader(getTranslation("focus.col.expected"));
        findings.addColumn(f -> f.confidence() == null ? "" : percent.format(f.confidence()))
                .setHeader(getTranslation("focus.col.confidence"));
        findings.addColumn(f -> f.lift() == null ? "" : number(f.lift()))
                .setHeader(getTranslation("focus.col.lift"));
        findings.setClassNameGenerator(f -> "focus-finding-" + f.rank());
        chart.setId("focus-chart");

        download.setText(getTranslation("focus.download"));
        download.setId("focus-download");
        delete.setText(getTranslation("focus.delete"));
        delete.setId("focus-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setVisible(user.has(Role.OPERATOR));
        delete.addClickListener(event -> deleteSelected());

        resultPanel.add(new H3(getTranslation("focus.result.title")), resultSummary, findings, chart,
                new HorizontalLayout(download, delete));
        findings.setVisible(false);
        chart.setVisible(false);
        download.setVisible(false);
        resultSummary.setText(getTranslation("focus.result.select"));
        return resultPanel;
    }

    private void refresh() {
        List<FocusJob> recent = service.list(LISTED_JOBS);
        jobs.setItems(recent);
        if (selectedId == null && !recent.isEmpty()) {
            selectedId = recent.get(0).id();
        }
        showSelected();
        boolean busy = recent.stream().anyMatch(job -> !FocusJobService.isFinished(job));
        getUI().ifPresent(ui -> ui.setPollInterval(busy ? POLL_MS : -1));
    }

    private void showSelected() {
        Optional<FocusJob> job = selectedId == null ? Optional.empty() : service.find(selectedId);
        if (job.isEmpty()) {
            resultSummary.setText(getTranslation("focus.result.select"));
            setResultVisible(false);
            return;
        }
        FocusJob selected = job.get();
        switch (selected.status()) {
            case SUCCEEDED -> showResult(selected);
            case FAILED -> {
                resultSummary.setText(getTranslation("focus.result.failed",
                        service.message(selected.error(), getLocale())));
                setResultVisible(false);
            }
            default -> {
                resultSummary.setText(getTranslation("focus.result.running",
                        NumberFormat.getPercentInstance(Locale.ROOT).format(selected.progress())));
                setResultVisible(false);
            }
        }
    }

    private void showResult(FocusJob job) {
        if (job.id().equals(shownResultId)) {
            return;
        }
        shownResultId = job.id();
        FocusResult result = job.result();
        resultSummary.setText(getTranslation("focus.result.summary",
                getTranslation("focus.layout." + result.layout()),
                result.rowCount(), result.leafCount(), number(result.totalReal()),
                number(result.totalExpected())));
        findings.setItems(result.findings());
        // Served through the Vaadin session: the REST API accepts only Basic auth and tokens.
        download.setHref(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = ("\uFEFF" + FocusJobService.resultCsv(result))
                    .getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes),
                    "focus-" + job.id() + ".csv", "text/csv;charset=UTF-8", bytes.length);
        }), AttachmentType.DOWNLOAD);
        setResultVisible(true);
        if (result.findings().isEmpty()) {
            resultSummary.setText(resultSummary.getText() + " " + getTranslation("focus.result.none"));
            chart.setVisible(false);
            return;
        }
        chart.show(result.findings(), getTranslation("focus.chart.title"),
                getTranslation("focus.chart.real"), getTranslation("focus.chart.expected"));
    }

    private void setResultVisible(boolean visible) {
        findings.setVisible(visible);
        chart.setVisible(visible);
        download.setVisible(visible);
    }

    private void deleteSelected() {
        if (selectedId == null) {
            return;
        }
        String id = selectedId;
        service.delete(id);
        selectedId = null;
        shownResultId = null;
        Notification.show(getTranslation("focus.deleted", id));
        refresh();
    }

    // ------------------------------------------------------------------ helpers

    private String message(CsvException e) {
        return service.message(FocusError.of(e), getLocale());
    }

    private static String number(double value) {
        return Math.abs(value) >= 1000 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.3f", value);
    }

    private void notifyError(String text) {
        Notification notification = Notification.show(text, 8000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        pollRegistration = attachEvent.getUI().addPollListener(event -> refresh());
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (pollRegistration != null) {
            pollRegistration.remove();
            pollRegistration = null;
        }
        detachEvent.getUI().setPollInterval(-1);
        discardPending();
    }
}
