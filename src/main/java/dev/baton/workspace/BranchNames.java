package dev.baton.workspace;

import dev.baton.core.InvalidInputException;
import dev.baton.core.TaskId;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Task branch names, {@code baton/<task-id>-<slug>}, and git's rules for branch names (those of
 * {@code git check-ref-format --branch}), checked in Java so no process is needed. Stateless.
 */
public final class BranchNames {
    public static final String PREFIX = "baton/";
    static final int MAX_SLUG_LENGTH = 40;

    private BranchNames() {}

    /** The branch for a task; throws {@link InvalidInputException} when git would not accept it. */
    public static String forTask(TaskId task, String title) {
        String slug = slug(title);
        String name = PREFIX + task.value() + (slug.isEmpty() ? "" : "-" + slug);
        problem(name).ifPresent(problem -> {
            throw new InvalidInputException("task id '" + task + "' gives the branch name '" + name
                    + "', which git does not accept (" + problem + "); use a task id without it");
        });
        return name;
    }

    /**
     * The title reduced to lower-case ASCII letters and digits joined by single dashes, at most
     * {@value #MAX_SLUG_LENGTH} characters; accents are dropped ("Café" gives "cafe"), other
     * scripts vanish, so the slug may be empty.
     */
    public static String slug(String title) {
        if (title == null) {
            return "";
        }
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG_LENGTH) {
            slug = slug.substring(0, MAX_SLUG_LENGTH).replaceAll("-+$", "");
        }
        return slug;
    }

    /** Throws {@link InvalidInputException} naming the branch when git would not accept it. */
    public static void requireValid(String branch, String what) {
        problem(branch).ifPresent(problem -> {
            throw new InvalidInputException(
                    what + " '" + branch + "' is not a valid git branch name (" + problem + ")");
        });
    }

    /** Why git would refuse {@code name} as a branch name, or empty when it is fine. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (name.startsWith("-")) {
            return Optional.of("it starts with '-'");
        }
        if (name.equals("@") || name.equals("HEAD")) {
            return Optional.of("'" + name + "' is reserved");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("it contains a control character");
            }
            if (" ~^:?*[\\".indexOf(c) >= 0) {
                return Optional.of("it contains '" + c + "'");
            }
        }
        if (name.contains("..")) {
            return Optional.of("it contains '..'");
        }
        if (name.contains("@{")) {
            return Optional.of("it contains '@{'");
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return Optional.of("it has an empty part between slashes");
        }
        if (name.endsWith(".")) {
            return Optional.of("it ends with '.'");
        }
        for (String component : name.split("/")) {
            if (component.startsWith(".")) {
                return Optional.of("a part starts with '.'");
            }
            if (component.endsWith(".lock")) {
                return Optional.of("a part ends with '.lock'");
            }
        }
        return Optional.empty();
    }
}
