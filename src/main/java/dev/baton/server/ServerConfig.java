package dev.baton.server;

import dev.baton.core.InvalidInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * How the server listens and whom it lets in.
 *
 * @param host the address to bind; a loopback address lets requests without a token act as the
 *     local user
 * @param port 0 picks a free port
 * @param corsOrigins origins (such as {@code https://ops.example.com}) whose pages may call the API
 * @param requestsPerMinute per token (or per client address without one)
 * @param requireTokens every request needs a token even on loopback (always true off loopback)
 * @param eventPoll how often the events table is read for events written by other processes
 * @param eventWindow the least time between two reads of new events for live clients: under a
 *     stream of events each client gets what was stored meanwhile in one write (zero: every wake)
 */
public record ServerConfig(
        String host,
        int port,
        List<String> corsOrigins,
        int requestsPerMinute,
        boolean requireTokens,
        Duration eventPoll,
        Duration eventWindow) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7070;

    public ServerConfig {
        if (port < 0 || port > 65_535) throw new InvalidInputException("port must be between 0 and 65535");
        if (requestsPerMinute < 1 || requestsPerMinute > 1_000_000) {
            throw new InvalidInputException("the rate limit must be between 1 and 1000000 requests a minute");
        }
        if (eventWindow.isNegative() || eventWindow.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new InvalidInputException("the event batching window must be between 0 and 1000 ms");
        }
        corsOrigins = List.copyOf(corsOrigins);
        for (String origin : corsOrigins) {
            if (!origin.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
                throw new InvalidInputException("CORS origin '" + origin
                        + "' must look like https://host or http://host:port (no path, no wildcard)");
            }
        }
    }

    public static ServerConfig defaults() {
        return new ServerConfig(
                DEFAULT_HOST, DEFAULT_PORT, List.of(), 1200, false, Duration.ofMillis(100), Duration.ofMillis(10));
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, corsOrigins, requestsPerMinute, requireTokens, eventPoll, eventWindow);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, corsOrigins, requestsPerMinute, requireTokens, eventPoll, eventWindow);
    }

    public ServerConfig withCorsOrigins(List<String> value) {
        return new ServerConfig(host, port, value, requestsPerMinute, requireTokens, eventPoll, eventWindow);
    }

    public ServerConfig withRequestsPerMinute(int value) {
        return new ServerConfig(host, port, corsOrigins, value, requireTokens, eventPoll, eventWindow);
    }

    public ServerConfig withRequireTokens(boolean value) {
        return new ServerConfig(host, port, corsOrigins, requestsPerMinute, value, eventPoll, eventWindow);
    }

    public ServerConfig withEventWindow(Duration value) {
        return new ServerConfig(host, port, corsOrigins, requestsPerMinute, requireTokens, eventPoll, value);
    }

    /** True when the host resolves to a loopback address only. */
    public boolean loopback() {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) return false;
            }
            return true;
        } catch (UnknownHostException e) {
            throw new InvalidInputException(
                    "cannot resolve the host '" + host + "'; give an address such as 127.0.0.1");
        }
    }
}
