package dev.baton.engine;

import dev.baton.session.ProcessRef;
import java.time.Instant;
import java.util.Optional;

/**
 * Names one running Baton engine: host, pid and start time ({@code host:pid:startMillis}). A node
 * on the same host whose process is gone is known dead at once, without waiting for its leases.
 */
public record NodeId(String host, long pid, long startMillis) {

    public static NodeId current() {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new NodeId(hostName(), self.pid(), start);
    }

    public static Optional<NodeId> parse(String text) {
        if (text == null) return Optional.empty();
        String[] parts = text.split(":");
        if (parts.length != 3) return Optional.empty();
        try {
            return Optional.of(new NodeId(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public ProcessRef process() {
        return new ProcessRef(pid, Instant.ofEpochMilli(startMillis));
    }

    public boolean sameHost(NodeId other) {
        return host.equals(other.host);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return host + ":" + pid + ":" + startMillis;
    }
}
