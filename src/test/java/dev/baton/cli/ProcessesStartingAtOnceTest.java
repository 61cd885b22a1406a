package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;

/** Real {@code baton} JVMs, started together, each on a fresh home. */
class ProcessesStartingAtOnceTest {
    private static final int STALE_COPIES = 1000;

    @TempDir
    Path dir;

    @Test
    void twoBatonProcessesStartingAtOncePrintNoStackTraceAndLeaveTheTempFolderAlone() throws Exception {
        // What a killed JVM leaves in the temp folder: copies of the driver's library without a .lck.
        // The driver deletes such copies as it starts; two JVMs deleting the same ones race, and the
        // one that loses prints "Failed to delete old native lib" with a stack trace.
        Path temp = Files.createDirectories(dir.resolve("tmp"));
        List<Path> stale = new ArrayList<>();
        for (int i = 0; i < STALE_COPIES; i++) {
            stale.add(Files.writeString(
                    temp.resolve(
                            "sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + UUID.randomUUID() + "-libsqlitejdbc.so"),
                    "stale"));
        }
        Path cache = dir.resolve("cache");

        List<Process> batons = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            batons.add(baton(i, temp, cache));
        }
        for (int i = 0; i < batons.size(); i++) {
            Process baton = batons.get(i);
            assertThat(baton.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(dir.resolve("err-" + i + ".txt"));
            assertThat(baton.exitValue()).as(err).isZero();
            assertThat(err).doesNotContain("\tat ").doesNotContain("Exception");
        }

        assertThat(stale).as("the temp folder is not Baton's to clean").allMatch(Files::exists);
        Path library = cache.resolve("baton/sqlite-native")
                .resolve(SQLiteJDBCLoader.getVersion())
                .resolve(System.mapLibraryName("sqlitejdbc"));
        assertThat(library).isRegularFile();
        try (Stream<Path> left = Files.list(library.getParent())) {
            assertThat(left).as("no half-copied library is left behind").containsExactly(library);
        }
    }

    /** {@code baton ls} on a fresh home: enough to open the database, so to load the driver. */
    private Process baton(int index, Path temp, Path cache) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Djava.io.tmpdir=" + temp,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "ls",
                        "--home=" + dir.resolve("home-" + index))
                .redirectOutput(dir.resolve("out-" + index + ".txt").toFile())
                .redirectError(dir.resolve("err-" + index + ".txt").toFile());
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        return builder.start();
    }
}
