package com.znyw.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local cluster listens on the loopback interface only. */
class LocalFlinkClusterTest {

    /** State of a listening socket in /proc/net/tcp and tcp6. */
    private static final String LISTEN = "0A";

    @Test
    void listensOnLoopbackOnly(@TempDir Path workDir) throws Exception {
        assumeThat(Path.of("/proc/net/tcp")).as("Linux /proc/net/tcp").exists();
        Set<String> before = listeningSockets();

        try (LocalFlinkCluster cluster = LocalFlinkCluster.start(0, 1, workDir)) {
            Set<String> opened = listeningSockets();
            opened.removeAll(before);

            assertThat(cluster.restAddress().getHost()).isEqualTo("127.0.0.1");
            assertThat(opened).as("listening sockets the cluster opened").isNotEmpty();
            assertThat(opened).as("local addresses of the cluster's listening sockets")
                    .allMatch(LocalFlinkClusterTest::isLoopback);
        }
    }

    /**
     * Returns the local address (hex, as the kernel prints it) of every listening TCP socket
     * that this process has open.
     */
    private static Set<String> listeningSockets() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // The descriptor was closed while the folder was read.
                }
            }
        }
        Set<String> addresses = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            // The first line contains the column names.
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    addresses.add(fields[1]);
                }
            }
        }
        return addresses;
    }

    /** Tells whether a kernel-format address such as {@code 0100007F:1F90} is a loopback one. */
    private static boolean isLoopback(String address) {
        String host = address.substring(0, address.indexOf(':'));
        if (host.length() == 8) {
            // IPv4, bytes in reverse order: 127.x.x.x ends in 7F.
            return host.endsWith("7F");
        }
        // IPv6 ::1, or ::ffff:127.x.x.x.
        return host.equals("00000000000000000000000001000000")
                || (host.startsWith("0000000000000000FFFF0000") && host.endsWith("7F"));
    }
}
