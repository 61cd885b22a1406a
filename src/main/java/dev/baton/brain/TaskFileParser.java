package dev.baton.brain;

import dev.baton.core.InvalidInputException;
import dev.baton.core.TaskFileException;
import dev.baton.core.TaskSpec;
import dev.baton.format.YamlException;
import dev.baton.format.YamlValues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads task files: Markdown with an optional YAML frontmatter, as in
 *
 * <pre>
 * ---
 * id: task-2026-01-31-001
 * priority: medium
 * requires: [code_execution, file_access]
 * timeout: 60m
 * ---
 *
 * # Task: Analyze vault folder structure
 * ...
 * </pre>
 *
 * <p>The body is the prompt; its first {@code # } heading is the title. Fields Baton does not know
 * are kept in {@link TaskSpec#extra()}. Whatever is wrong with a file is reported as a {@link
 * TaskFileException} naming the file, the line and the field. Line endings are read as {@code \n}
 * and a leading byte-order mark is ignored.
 *
 * <p>Stateless and thread-safe.
 */
public final class TaskFileParser {
    /** Task files are written by people; anything larger is a mistake or an attack. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    /**
     * Reads a task file. Relative {@code repo} paths resolve against the file's folder; the task's
     * source is {@code file:} and the file's absolute path.
     */
    public TaskFile parse(Path file) {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        Path absolute = file.toAbsolutePath().normalize();
        String content = decode(name, read(name, file));
        return parse(name, content, "file:" + absolute, absolute.getParent());
    }

    /**
     * Reads task-file text that did not come from disk as such. {@code fileName} names it in errors
     * and in the source ({@code file:} and the name); relative {@code repo} paths resolve against the
     * folder that name would be in, taken from the working directory if it is relative.
     */
    public TaskFile parse(String fileName, String content) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(content, "content");
        long bytes = utf8Length(content);
        if (bytes > MAX_FILE_BYTES) {
            throw tooLarge(fileName, bytes);
        }
        return parse(fileName, content, "file:" + fileName, folderOf(fileName));
    }

    private TaskFile parse(String name, String content, String source, Path baseDir) {
        String text = normaliseLineEndings(content.startsWith("\uFEFF") ? content.substring(1) : content);
        TaskFileSections sections = TaskFileSections.split(name, text);
        TaskSpec.Builder builder = TaskSpec.builder(null).source(source);
        FrontmatterFields.Bookkeeping bookkeeping = FrontmatterFields.Bookkeeping.NONE;
        if (sections.hasFrontmatter()) {
            FrontmatterSource where = new FrontmatterSource(name, sections.frontmatterFirstLine());
            try {
                YamlFrontmatter.Block frontmatter = YamlFrontmatter.read(where, sections.frontmatter(), MAX_FILE_BYTES);
                bookkeeping = FrontmatterFields.apply(
                        where, frontmatter, baseDir, new YamlValues.Budget(MAX_FILE_BYTES), builder);
            } catch (YamlException e) {
                throw where.error(e);
            }
        }
        String body = sections.body().strip();
        String heading = Headings.firstTitle(body);
        String title = heading != null ? heading : bookkeeping.title();
        String prompt = body.isEmpty() ? title : body;
        if (prompt == null || prompt.isBlank()) {
            throw new TaskFileException(
                    name,
                    sections.bodyFirstLine(),
                    null,
                    sections.hasFrontmatter()
                            ? "the task has no text; write what should be done below the closing '---',"
                                    + " or at least give a 'title' field"
                            : "the file is empty; write what should be done, optionally after a frontmatter"
                                    + " block between '---' lines");
        }
        try {
            TaskSpec spec = builder.title(title).prompt(prompt).build();
            return new TaskFile(bookkeeping.id(), spec, bookkeeping.status(), bookkeeping.created());
        } catch (InvalidInputException e) {
            // The fields were checked one by one above; what is left is about the text.
            throw new TaskFileException(name, sections.bodyFirstLine(), null, e.getMessage());
        }
    }

    private static byte[] read(String name, Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new TaskFileException(name, 1, null, "this is a folder, not a task file; name a .md file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw tooLarge(name, size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                // The file may have grown since it was measured.
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    throw tooLarge(name, bytes.length);
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new TaskFileException(name, 1, null, "the file does not exist; check the path");
        } catch (IOException e) {
            throw new TaskFileException(name, 1, null, "the file cannot be read (" + e + "); check its permissions");
        }
    }

    private static String decode(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') line++;
            }
            throw new TaskFileException(
                    name,
                    line,
                    null,
                    String.format(
                            "the file is not UTF-8 text (byte 0x%02X at offset %d); save it as UTF-8",
                            bytes[bad] & 0xff, bad));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static TaskFileException tooLarge(String name, long bytes) {
        return new TaskFileException(
                name,
                1,
                null,
                "the file is " + bytes + " bytes; a task file may be at most " + MAX_FILE_BYTES
                        + " bytes (1 MiB). Put large material in a file in the repository and refer to it");
    }

    private static String normaliseLineEndings(String text) {
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Path folderOf(String fileName) {
        try {
            return Path.of(fileName).toAbsolutePath().normalize().getParent();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
