package dev.baton.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Salted SHA-256 fingerprints of the secret values any Baton on a home has run with, kept in the
 * home ({@code redact.fingerprints}, {@code 0600}) so that a reader in another environment — {@code
 * baton logs} from a shell without the server's keys — still finds and masks them. The values
 * themselves are never written. A text is searched window by window for each fingerprinted length;
 * a 16-bit check of each window, kept with the fingerprint, spares hashing almost all of them.
 * Only ASCII values are fingerprinted (keys and tokens are). Immutable; thread-safe.
 */
public final class SecretFingerprints {
    public static final String FILE = "redact.fingerprints";

    static final SecretFingerprints NONE = new SecretFingerprints(new byte[0], Set.of());

    /** One secret: its length, a cheap 16-bit check, and the salted hash. */
    private record Print(int length, int check, String hash) {
        String line() {
            return length + " " + check + " " + hash;
        }
    }

    private final byte[] salt;
    private final Set<Print> prints;
    private final int[] lengths;

    private SecretFingerprints(byte[] salt, Set<Print> prints) {
        this.salt = salt;
        this.prints = Set.copyOf(prints);
        this.lengths =
                prints.stream().mapToInt(Print::length).distinct().sorted().toArray();
    }

    /**
     * The fingerprints in {@code home}'s file, after adding those of {@code secrets} that were not
     * there yet (the file and its salt are created when missing).
     */
    public static SecretFingerprints remember(Path home, Collection<String> secrets) throws IOException {
        Path file = home.resolve(FILE);
        createWithSalt(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        byte[] salt = HexFormat.of().parseHex(lines.getFirst().strip());
        Set<Print> known = new LinkedHashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 3)
                known.add(new Print(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts[2]));
        }
        List<Print> added = new ArrayList<>();
        for (String secret : new TreeSet<>(secrets)) {
            if (!isAscii(secret)) continue;
            Print print = new Print(
                    secret.length(), check(secret, 0, secret.length()), hash(salt, secret, 0, secret.length()));
            if (known.add(print)) added.add(print);
        }
        if (!added.isEmpty()) {
            StringBuilder text = new StringBuilder();
            added.forEach(p -> text.append(p.line()).append('\n'));
            // appends are atomic for lines this short: two Batons opening the home at once add both
            Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        }
        return new SecretFingerprints(salt, known);
    }

    private static void createWithSalt(Path file) throws IOException {
        if (Files.exists(file)) return;
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Path temp = Files.createTempFile(file.getParent(), ".fingerprints", ".tmp");
        try {
            PrivateFiles.file(temp);
            Files.writeString(temp, HexFormat.of().formatHex(salt) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, temp); // fails when another Baton made it first: then theirs holds
            } catch (FileAlreadyExistsException another) {
                // keep the other's salt
            }
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (NoSuchFileException gone) {
                // nothing to clean up
            }
        }
    }

    /** Where a fingerprinted secret is in {@code text}: {@code [start, end)} ranges, possibly overlapping. */
    List<int[]> spans(String text) {
        List<int[]> found = new ArrayList<>();
        for (int length : lengths) {
            if (length == 0 || length > text.length()) continue;
            // a rolling hash: each window's check costs two multiplications, not a pass over it
            int power = 1;
            for (int i = 1; i < length; i++) power *= 31;
            int rolling = 0;
            int nonAscii = 0;
            for (int i = 0; i < text.length(); i++) {
                char in = text.charAt(i);
                if (i >= length) {
                    char out = text.charAt(i - length);
                    rolling -= out * power;
                    if (out > 127) nonAscii--;
                }
                rolling = rolling * 31 + in;
                if (in > 127) nonAscii++;
                int start = i - length + 1;
                if (start < 0 || nonAscii > 0) continue;
                int check = mix(rolling);
                for (Print print : prints) {
                    if (print.length() == length
                            && print.check() == check
                            && print.hash().equals(hash(salt, text, start, start + length))) {
                        found.add(new int[] {start, start + length});
                        break;
                    }
                }
            }
        }
        return found;
    }

    /** A 16-bit check of the characters, or -1 when one is not ASCII (no fingerprinted value has one). */
    private static int check(CharSequence text, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c > 127) return -1;
            h = h * 31 + c;
        }
        return mix(h);
    }

    private static int mix(int h) {
        return (h ^ (h >>> 16)) & 0xFFFF;
    }

    private static String hash(byte[] salt, CharSequence text, int from, int to) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            byte[] bytes = new byte[to - from];
            for (int i = from; i < to; i++) bytes[i - from] = (byte) text.charAt(i);
            return HexFormat.of().formatHex(digest.digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean isAscii(String value) {
        return value.chars().allMatch(c -> c < 128);
    }
}
