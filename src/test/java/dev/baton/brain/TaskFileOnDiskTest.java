package dev.baton.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.baton.core.TaskFileException;
import dev.baton.core.TaskId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task files read from real files: paths, line endings, byte-order marks, size and encoding. */
class TaskFileOnDiskTest {
    private final TaskFileParser parser = new TaskFileParser();

    @TempDir
    Path dir;

    private Path write(String relative, byte[] bytes) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private Path write(String relative, String text) throws IOException {
        return write(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theSourceIsTheAbsolutePathAndErrorsNameThePathAsGiven() throws IOException {
        Path file = write("tasks/pending/t-1.md", "---\nid: t-1\n---\nGo.");
        Path relative = Path.of("").toAbsolutePath().relativize(file);

        TaskFile task = parser.parse(relative);

        assertThat(relative.isAbsolute()).isFalse();
        assertThat(task.spec().source())
                .isEqualTo("file:" + file.toAbsolutePath().normalize());

        Path bad = write("tasks/pending/t-2.md", "---\nid: t 2\n---\nGo.");
        TaskFileException error = catchThrowableOfType(
                TaskFileException.class,
                () -> parser.parse(Path.of("").toAbsolutePath().relativize(bad)));
        assertThat(error.file())
                .isEqualTo(Path.of("").toAbsolutePath().relativize(bad).toString());
        assertThat(error.getMessage()).startsWith(error.file() + ":2: field 'id': ");
    }

    @Test
    void relativeRepoPathsResolveAgainstTheTaskFilesFolder() throws IOException {
        Path file = write("brain/tasks/pending/t-1.md", "---\nrepo: ../../code/app\n---\nGo.");
        Path here = write("brain/tasks/pending/t-2.md", "---\nrepo: .\n---\nGo.");
        Path absolute = write("brain/tasks/pending/t-3.md", "---\nrepo: /srv/repos/../app\n---\nGo.");

        assertThat(parser.parse(file).spec().repo())
                .isEqualTo(dir.resolve("brain/code/app").toAbsolutePath().toString());
        assertThat(parser.parse(here).spec().repo())
                .isEqualTo(dir.resolve("brain/tasks/pending").toAbsolutePath().toString());
        assertThat(parser.parse(absolute).spec().repo()).isEqualTo("/srv/app");
    }

    @Test
    void theStringFormResolvesRepoAgainstTheFolderOfTheNameItIsGiven() {
        String name = dir.resolve("tasks/t-1.md").toString();

        TaskFile task = parser.parse(name, "---\nrepo: ../code\n---\nGo.");

        assertThat(task.spec().repo()).isEqualTo(dir.resolve("code").toString());
        assertThat(task.spec().source()).isEqualTo("file:" + name);
    }

    @Test
    void aTildeMeansTheHomeFolder() throws IOException {
        Path file = write("t.md", "---\nrepo: ~/code/app\n---\nGo.");

        assertThat(parser.parse(file).spec().repo())
                .isEqualTo(
                        Path.of(System.getProperty("user.home"), "code", "app").toString());
    }

    @Test
    void windowsLineEndings() throws IOException {
        String text =
                "---\r\nid: t-crlf\r\ntimeout: 5m\r\nrequires:\r\n  - a\r\n---\r\n\r\n# Task: Crlf\r\n\r\nLine one.\r\nLine two.\r\n";
        Path file = write("crlf.md", text);

        TaskFile task = parser.parse(file);

        assertThat(task.id()).isEqualTo(TaskId.of("t-crlf"));
        assertThat(task.spec().timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(task.spec().requires()).containsExactly("a");
        assertThat(task.spec().title()).isEqualTo("Crlf");
        assertThat(task.spec().prompt()).isEqualTo("# Task: Crlf\n\nLine one.\nLine two.");
    }

    @Test
    void windowsLineEndingsKeepLineNumbers() throws IOException {
        Path file = write("crlf.md", "---\r\nid: t-1\r\n\r\nmode: yolo\r\n---\r\nGo.\r\n");

        TaskFileException error = catchThrowableOfType(TaskFileException.class, () -> parser.parse(file));

        assertThat(error.line()).isEqualTo(4);
        assertThat(error.field()).isEqualTo("mode");
    }

    @Test
    void aByteOrderMarkAtTheStartIsIgnored() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "---\nid: t-bom\npriority: high\n---\n# Task: With a BOM\n".getBytes(StandardCharsets.UTF_8);
        Path file = write("bom.md", concat(bom, text));

        TaskFile task = parser.parse(file);

        assertThat(task.id()).isEqualTo(TaskId.of("t-bom"));
        assertThat(task.spec().priority()).isEqualTo(2);
        assertThat(task.spec().title()).isEqualTo("With a BOM");
        assertThat(task.spec().prompt()).isEqualTo("# Task: With a BOM");
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsKeepLineNumbers() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "---\r\nid: t-1\r\ntimeout: soon\r\n---\r\nGo.".getBytes(StandardCharsets.UTF_8);
        Path file = write("bom.md", concat(bom, text));

        TaskFileException error = catchThrowableOfType(TaskFileException.class, () -> parser.parse(file));

        assertThat(error.line()).isEqualTo(3);
        assertThat(error.field()).isEqualTo("timeout");
        assertThat(error.getMessage()).startsWith(file + ":3: field 'timeout': ");
    }

    @Test
    void filesOverOneMebibyteAreRefusedBeforeTheyAreRead() throws IOException {
        byte[] big = new byte[TaskFileParser.MAX_FILE_BYTES + 1];
        Arrays.fill(big, (byte) 'x');
        Path file = write("big.md", big);

        TaskFileException error = catchThrowableOfType(TaskFileException.class, () -> parser.parse(file));

        assertThat(error.line()).isEqualTo(1);
        assertThat(error.getMessage()).contains("1048577 bytes", "at most 1048576 bytes (1 MiB)");
    }

    @Test
    void aFileOfExactlyTheLimitIsRead() throws IOException {
        String head = "---\nid: t-big\n---\n";
        String body = "word ".repeat(190_000);
        String padding = "\n".repeat(TaskFileParser.MAX_FILE_BYTES - head.length() - body.length());
        Path file = write("limit.md", head + body + padding);

        TaskFile task = parser.parse(file);

        assertThat(Files.size(file)).isEqualTo(TaskFileParser.MAX_FILE_BYTES);
        assertThat(task.spec().prompt()).hasSize(body.strip().length());
    }

    @Test
    void textThatIsNotUtf8IsRefusedOnItsLine() throws IOException {
        byte[] latin1 = "---\nid: t-1\ntitle: Caf\u00e9\n---\nGo.".getBytes(StandardCharsets.ISO_8859_1);
        Path file = write("latin1.md", latin1);

        TaskFileException error = catchThrowableOfType(TaskFileException.class, () -> parser.parse(file));

        assertThat(error.line()).isEqualTo(3);
        assertThat(error.getMessage()).contains("not UTF-8", "0xE9", "save it as UTF-8");
    }

    @Test
    void aMissingFileOrAFolder() throws IOException {
        TaskFileException missing =
                catchThrowableOfType(TaskFileException.class, () -> parser.parse(dir.resolve("nope.md")));
        assertThat(missing.getMessage()).contains("does not exist");

        Path folder = Files.createDirectories(dir.resolve("folder.md"));
        TaskFileException notAFile = catchThrowableOfType(TaskFileException.class, () -> parser.parse(folder));
        assertThat(notAFile.getMessage()).contains("folder, not a task file");
    }

    @Test
    void unicodeTextIsKept() throws IOException {
        Path file = write("u.md", "---\ntitle: Übersetzung 🚀\nowner: José\n---\nTranslate the README into 日本語.\n");

        TaskFile task = parser.parse(file);

        assertThat(task.spec().title()).isEqualTo("Übersetzung 🚀");
        assertThat(task.spec().extra()).containsEntry("owner", "José");
        assertThat(task.spec().prompt()).isEqualTo("Translate the README into 日本語.");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
