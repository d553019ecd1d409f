package com.znyw.ml.eval.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading NAB's JSON label and profile files, good and bad. */
class NabInputFilesTest {

    @TempDir
    Path temp;

    @Test
    void jsonReaderParsesNestedValues() {
        Object value = JsonReader.parse("{\"a\": [1, -2.5e2, true, false, null], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"}}", "t");

        assertThat(value).isEqualTo(Map.of(
                "a", java.util.Arrays.asList(1.0, -250.0, true, false, null),
                "b", Map.of("c", "x\"\u00e9\n")));
    }

    @Test
    void jsonReaderNamesLineOfError() {
        assertThatThrownBy(() -> JsonReader.parse("{\n  \"a\": [1, 2,\n  }", "labels.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels.json")
                .hasMessageContaining("line 3");
    }

    @Test
    void jsonReaderRejectsNonJsonNumbers() {
        for (String text : List.of("01", "1.", ".5", "NaN", "0x10", "1 2", "")) {
            assertThatThrownBy(() -> JsonReader.parse(text, "t")).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void nabLabelsLoadSortedWindows() throws IOException {
        Path labels = write("labels.json", """
                {"c/a.csv": [["2014-04-12 00:00:00.000000", "2014-04-12 01:00:00.000000"],
                             ["2014-04-10 00:00:00", "2014-04-10 01:00:00"]],
                 "c/b.csv": []}
                """);

        Map<String, List<AnomalyWindow>> windows = NabLabels.loadWindows(labels);

        assertThat(windows).containsOnlyKeys("c/a.csv", "c/b.csv");
        assertThat(windows.get("c/a.csv")).extracting(AnomalyWindow::startMs)
                .containsExactly(NabTime.parse("2014-04-10 00:00:00"), NabTime.parse("2014-04-12 00:00:00"));
        assertThat(windows.get("c/b.csv")).isEmpty();
    }

    @Test
    void nabLabelsRejectBadWindow() throws IOException {
        Path reversed = write("reversed.json", "{\"c/a.csv\": [[\"2014-04-12 00:00:00\", \"2014-04-10 00:00:00\"]]}");
        Path notPair = write("notpair.json", "{\"c/a.csv\": [[\"2014-04-12 00:00:00\"]]}");
        Path badTime = write("badtime.json", "{\"c/a.csv\": [[\"12/04/2014\", \"2014-04-13 00:00:00\"]]}");

        assertThatThrownBy(() -> NabLabels.loadWindows(reversed)).hasMessageContaining("ends before it starts");
        assertThatThrownBy(() -> NabLabels.loadWindows(notPair)).hasMessageContaining("pair of timestamps");
        assertThatThrownBy(() -> NabLabels.loadWindows(badTime)).hasMessageContaining("'12/04/2014'");
        assertThatThrownBy(() -> NabLabels.loadWindows(temp.resolve("missing.json")))
                .isInstanceOf(IOException.class).hasMessageContaining("missing.json");
    }

    @Test
    void costProfilesLoadInFileOrder() throws IOException {
        Path profiles = write("profiles.json", """
                {"strict": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 3.0, "fpWeight": 0.5, "tnWeight": 1.0}},
                 "standard": {"CostMatrix": {"tpWeight": 1.0, "fnWeight": 1.0, "fpWeight": 0.11, "tnWeight": 1.0}}}
                """);

        Map<String, CostProfile> loaded = CostProfile.load(profiles);

        assertThat(loaded.keySet()).containsExactly("strict", "standard");
        assertThat(loaded.get("strict")).isEqualTo(new CostProfile("strict", 1.0, 0.5, 3.0, 1.0));
        assertThat(loaded.get("standard")).isEqualTo(CostProfile.STANDARD);
    }

    @Test
    void costProfilesRejectMissingWeight() throws IOException {
        Path noFn = write("nofn.json", "{\"p\": {\"CostMatrix\": {\"tpWeight\": 1, \"fpWeight\": 0.1, \"tnWeight\": 1}}}");
        Path negative = write("neg.json",
                "{\"p\": {\"CostMatrix\": {\"tpWeight\": 1, \"fnWeight\": -1, \"fpWeight\": 0.1, \"tnWeight\": 1}}}");

        assertThatThrownBy(() -> CostProfile.load(noFn)).hasMessageContaining("fnWeight").hasMessageContaining("'p'");
        assertThatThrownBy(() -> CostProfile.load(negative)).hasMessageContaining("fnWeight -1.0");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(temp.resolve(name), text);
    }
}
