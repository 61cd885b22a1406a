package dev.baton.engine;

import java.time.Duration;

/**
 * How the engine behaves.
 *
 * @param maxConcurrentRuns runs this node supervises at once, over all agents
 * @param pollInterval how often the dispatcher looks for work when nothing woke it
 * @param leaseDuration how long a run's lease lasts without renewal before another node may take over
 * @param killGrace time between the polite and the forced signal when a run is stopped
 * @param retryBackoff the first retry's delay; it doubles per attempt up to {@code maxRetryBackoff}
 * @param outputEventInterval how often a running run reports that its output grew
 * @param transientRetries retries given to transient failures (lost, rate limited, ...) when the
 *     task sets none
 * @param stallTimeout an agent with a structured stream that prints nothing for this long is stopped
 *     as stalled (it is most likely waiting for input it will never get)
 */
public record EngineConfig(
        int maxConcurrentRuns,
        Duration pollInterval,
        Duration leaseDuration,
        Duration killGrace,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration outputEventInterval,
        int transientRetries,
        Duration stallTimeout) {

    public static EngineConfig defaults() {
        return new EngineConfig(
                8,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ofSeconds(2),
                2,
                Duration.ofMinutes(10));
    }

    public EngineConfig withMaxConcurrentRuns(int value) {
        return new EngineConfig(
                value,
                pollInterval,
                leaseDuration,
                killGrace,
                retryBackoff,
                maxRetryBackoff,
                outputEventInterval,
                transientRetries,
                stallTimeout);
    }

    public EngineConfig withRetryBackoff(Duration value) {
        return new EngineConfig(
                maxConcurrentRuns,
                pollInterval,
                leaseDuration,
                killGrace,
                value,
                maxRetryBackoff,
                outputEventInterval,
                transientRetries,
                stallTimeout);
    }

    public EngineConfig withPollInterval(Duration value) {
        return new EngineConfig(
                maxConcurrentRuns,
                value,
                leaseDuration,
                killGrace,
                retryBackoff,
                maxRetryBackoff,
                outputEventInterval,
                transientRetries,
                stallTimeout);
    }

    public EngineConfig withStallTimeout(Duration value) {
        return new EngineConfig(
                maxConcurrentRuns,
                pollInterval,
                leaseDuration,
                killGrace,
                retryBackoff,
                maxRetryBackoff,
                outputEventInterval,
                transientRetries,
                value);
    }
}
