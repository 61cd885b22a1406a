package dev.baton.gate;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Judges a shell command line before the command agent runs it: some patterns are refused outright
 * (wiping the root or home folder, formatting disks, fork bombs), others need a person's approval
 * (sudo, force pushes, piping a download into a shell, ...). Pure; thread-safe.
 */
public final class CommandPolicy {

    /** What the policy says of a command, and which rule said it. */
    public record Verdict(Action action, String rule, String why) {
        public static final Verdict ALLOW = new Verdict(Action.ALLOW, null, null);
    }

    public enum Action {
        ALLOW,
        APPROVE,
        REFUSE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private record Rule(String name, Action action, Pattern pattern, String why) {}

    private static final String ROOTISH = "(/|/\\*|~/?|\\$HOME/?|/(bin|boot|etc|home|lib|root|usr|var)/?)";

    private static final List<Rule> RULES = List.of(
            new Rule(
                    "rm -rf /",
                    Action.REFUSE,
                    Pattern.compile("\\brm\\s+(-[a-zA-Z]*\\s+)*-[a-zA-Z]*[rR][a-zA-Z]*\\s+(-[a-zA-Z-]+\\s+)*"
                            + "(--no-preserve-root\\s+)?" + ROOTISH + "(\\s|$|;|&|\\|)"),
                    "deletes the root or home folder"),
            new Rule("mkfs", Action.REFUSE, Pattern.compile("\\bmkfs(\\.\\w+)?\\b"), "formats a file system"),
            new Rule(
                    "dd to a device",
                    Action.REFUSE,
                    Pattern.compile("\\bdd\\b[^;&|]*\\bof=/dev/(sd|nvme|hd|vd|xvd|mmcblk)"),
                    "overwrites a disk"),
            new Rule(
                    "fork bomb",
                    Action.REFUSE,
                    Pattern.compile(":\\s*\\(\\s*\\)\\s*\\{[^}]*:\\s*\\|\\s*:"),
                    "a fork bomb"),
            new Rule("sudo", Action.APPROVE, Pattern.compile("(^|[\\s;&|(])(sudo|doas|su)\\s"), "runs as root"),
            new Rule(
                    "git push --force",
                    Action.APPROVE,
                    Pattern.compile(
                            "\\bgit\\s+push\\b[^;&|]*(\\s--force(-with-lease)?\\b|\\s-[a-zA-Z]*f\\b|\\s\\+\\S)"),
                    "rewrites a remote branch"),
            new Rule(
                    "curl | sh",
                    Action.APPROVE,
                    Pattern.compile("\\b(curl|wget)\\b[^;&]*\\|\\s*(sudo\\s+)?(ba|z|da|k)?sh\\b"),
                    "runs a script straight from the network"),
            new Rule(
                    "rm -rf",
                    Action.APPROVE,
                    Pattern.compile(
                            "\\brm\\s+(-[a-zA-Z]*\\s+)*-[a-zA-Z]*[rR][a-zA-Z]*f|\\brm\\s+-[a-zA-Z]*f[a-zA-Z]*[rR]"),
                    "deletes folders recursively"),
            new Rule(
                    "git reset --hard",
                    Action.APPROVE,
                    Pattern.compile("\\bgit\\s+(reset\\s+--hard|clean\\s+-[a-zA-Z]*f)"),
                    "throws away work"),
            new Rule(
                    "chmod 777",
                    Action.APPROVE,
                    Pattern.compile("\\bchmod\\s+(-R\\s+)?0?777\\b"),
                    "makes files writable by everyone"),
            new Rule(
                    "shutdown",
                    Action.APPROVE,
                    Pattern.compile("(^|[\\s;&|])(shutdown|reboot|halt|poweroff)\\b"),
                    "stops the machine"));

    private CommandPolicy() {}

    /** The strictest rule the command matches: a refusal beats an approval. */
    public static Verdict judge(String command) {
        if (command == null || command.isBlank()) return Verdict.ALLOW;
        Verdict approve = null;
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(command).find()) {
                if (rule.action() == Action.REFUSE) return new Verdict(Action.REFUSE, rule.name(), rule.why());
                if (approve == null) approve = new Verdict(Action.APPROVE, rule.name(), rule.why());
            }
        }
        return approve == null ? Verdict.ALLOW : approve;
    }
}
