package com.znyw.jobs.demo;

import com.znyw.jobs.text.UsageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's working folder, which the demo empties at start. It is claimed with a marker file
 * and locked for as long as the demo runs, so that a mistyped {@code --workdir} cannot empty a
 * folder with other files in it, and a second demo cannot empty the folder of a running one.
 *
 * <p>A folder may be emptied only when it contains nothing but the marker file and the folders
 * a demo creates ({@code services}, {@code flink}, {@code console}). Whatever is inside those
 * folders is the demo's. A file of the user's beside them makes the demo refuse the folder,
 * even when a demo has claimed it before. Working folders of older releases have no marker.
 * The marker stays after the demo stops.
 */
final class DemoWorkDir implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoWorkDir.class);

    static final String MARKER = ".znyw-demo";
    /** Entries a demo writes into its working folder, besides the marker. */
    private static final Set<String> DEMO_ENTRIES = Set.of("services", "flink", "console");

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;

    private DemoWorkDir(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims, locks and empties {@code requested}, creating it when missing.
     *
     * @throws UsageException if it is blank, a file or cannot be created, contains anything
     *                        besides the marker and the demo's folders, or another running demo
     *                        has it locked
     */
    static DemoWorkDir claim(Path requested) throws IOException {
        if (requested.toString().isBlank()) {
            throw new UsageException("demo.workdir.blank");
        }
        Path root = requested.toAbsolutePath().normalize();
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UsageException("demo.workdir.notFolder", root);
        }
        if (Files.isDirectory(root) && !mayEmpty(root)) {
            throw new UsageException("demo.workdir.foreign", root);
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UsageException("demo.workdir.cannotCreate", root, e.toString());
        }
        FileChannel channel = FileChannel.open(root.resolve(MARKER), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new UsageException("demo.workdir.busy", root);
        }
        DemoWorkDir workDir = new DemoWorkDir(root, channel, lock);
        try {
            workDir.empty();
        } catch (IOException | RuntimeException e) {
            workDir.close();
            throw e;
        }
        return workDir;
    }

    Path root() {
        return root;
    }

    private static boolean mayEmpty(Path root) throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.allMatch(DemoWorkDir::isDemoEntry);
        }
    }

    private static boolean isDemoEntry(Path child) {
        String name = child.getFileName().toString();
        if (name.equals(MARKER)) {
            return Files.isRegularFile(child);
        }
        return Files.isDirectory(child) && DEMO_ENTRIES.contains(name);
    }

    private void empty() throws IOException {
        LOG.info("Emptying working folder {}", root);
        List<Path> children;
        try (Stream<Path> listed = Files.list(root)) {
            children = listed.filter(child -> !child.getFileName().toString().equals(MARKER))
                    .toList();
        }
        for (Path child : children) {
            try (Stream<Path> paths = Files.walk(child)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** Releases the lock; the folder and its marker stay. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "demo working folder " + root;
    }
}
