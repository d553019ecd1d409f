package com.znyw.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.znyw.jobs.text.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoWorkDirTest {

    @TempDir
    Path temp;

    @Test
    void createsMissingFolder() throws Exception {
        Path root = temp.resolve("a/b/demo");
        try (DemoWorkDir workDir = DemoWorkDir.claim(root)) {
            assertThat(workDir.root()).isEqualTo(root);
            assertThat(root.resolve(DemoWorkDir.MARKER)).exists();
        }
    }

    @Test
    void emptiesItsOwnFolderButKeepsTheMarker() throws Exception {
        Path root = temp.resolve("demo");
        try (DemoWorkDir first = DemoWorkDir.claim(root)) {
            Files.createDirectories(root.resolve("services/kafka"));
            Files.writeString(root.resolve("services/kafka/kafka.log"), "left by the last run");
        }
        try (DemoWorkDir second = DemoWorkDir.claim(root)) {
            try (var children = Files.list(root)) {
                assertThat(children.map(path -> path.getFileName().toString()))
                        .containsExactly(DemoWorkDir.MARKER);
            }
        }
    }

    @Test
    void rejectsClaimedFolderWithUserFile() throws Exception {
        Path root = temp.resolve("demo");
        try (DemoWorkDir first = DemoWorkDir.claim(root)) {
            Files.createDirectories(root.resolve("services"));
        }
        Path notes = Files.writeString(root.resolve("notes.txt"), "keep me");

        assertThatThrownBy(() -> DemoWorkDir.claim(root))
                .isInstanceOfSatisfying(UsageException.class,
                        e -> assertThat(e.key()).isEqualTo("demo.workdir.foreign"));
        assertThat(notes).hasContent("keep me");
        assertThat(root.resolve("services")).exists();
    }

    @Test
    void emptiesAnOlderDemoFolderWithoutMarker() throws Exception {
        Path root = temp.resolve("demo");
        Files.createDirectories(root.resolve("services/mongo"));
        Files.createDirectories(root.resolve("flink"));
        Files.createDirectories(root.resolve("console"));
        try (DemoWorkDir workDir = DemoWorkDir.claim(root)) {
            assertThat(root.resolve("services")).doesNotExist();
            assertThat(root.resolve("flink")).doesNotExist();
        }
    }

    @Test
    void refusesFolderWithOtherFiles() throws Exception {
        Path root = temp.resolve("checkout");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve("README.md"), "keep me");
        assertThatThrownBy(() -> DemoWorkDir.claim(root))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("--workdir");
        assertThat(root.resolve("README.md")).hasContent("keep me");
        assertThat(root.resolve(".git")).isDirectory();
        assertThat(root.resolve(DemoWorkDir.MARKER)).doesNotExist();
    }

    @Test
    void rejectsBlankPath() {
        assertThatThrownBy(() -> DemoWorkDir.claim(Path.of("")))
                .isInstanceOfSatisfying(UsageException.class,
                        e -> assertThat(e.key()).isEqualTo("demo.workdir.blank"));
    }

    @Test
    void rejectsFolderUnderFile() throws Exception {
        Path file = Files.writeString(temp.resolve("afile"), "a file");

        assertThatThrownBy(() -> DemoWorkDir.claim(file.resolve("sub")))
                .isInstanceOfSatisfying(UsageException.class,
                        e -> assertThat(e.key()).isEqualTo("demo.workdir.cannotCreate"));
        assertThat(file).hasContent("a file");
    }

    @Test
    void refusesAFile() throws Exception {
        Path file = Files.writeString(temp.resolve("demo"), "a file");
        assertThatThrownBy(() -> DemoWorkDir.claim(file))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is a file");
        assertThat(file).hasContent("a file");
    }

    @Test
    void refusesAFolderAnotherDemoHolds() throws Exception {
        Path root = temp.resolve("demo");
        try (DemoWorkDir running = DemoWorkDir.claim(root)) {
            Files.createDirectories(root.resolve("services"));
            assertThatThrownBy(() -> DemoWorkDir.claim(root))
                    .isInstanceOf(UsageException.class)
                    .hasMessageContaining("in use by another running demo");
            assertThat(root.resolve("services")).isDirectory();
        }
        try (DemoWorkDir next = DemoWorkDir.claim(root)) {
            assertThat(root.resolve("services")).doesNotExist();
        }
    }
}
