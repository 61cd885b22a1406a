package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark harness's measuring code, at smoke-test sizes (no timing is asserted). */
class FoundationBenchTest {
    @TempDir
    Path dir;

    @Test
    void theStoreBenchmarkClaimsAndCompletesEveryTaskBothWays() throws Exception {
        // Each throws unless every task ended completed.
        assertThat(StoreBench.rawRate(dir.resolve("raw.db"), 40)).isPositive();
        assertThat(StoreBench.storeRate(dir.resolve("store.db"), 40)).isPositive();
    }

    @Test
    void dispatchLatencyIsReadFromTheTimestampTheAgentProcessWrites() throws Exception {
        Samples bare = BareSpawn.startLatency(dir, 0, 2);
        assertThat(bare.count()).isEqualTo(2);
        assertThat(bare.percentileMillis(50)).isPositive();
        try (EngineBench engine = new EngineBench(dir.resolve("home"), 2, List.of("bash", "-c", "{prompt}"))) {
            Samples baton = engine.dispatchLatency(dir, 0, 2);
            assertThat(baton.count()).isEqualTo(2);
            assertThat(baton.percentileMillis(50)).isPositive();
        }
    }

    @Test
    void theEngineJvmIsStartedWithTheLaunchersMemoryFlags() throws Exception {
        String launcher = java.nio.file.Files.readString(Path.of("baton"));
        assertThat(IdleRunsBench.LAUNCHER_FLAGS).allMatch(launcher::contains);
    }

    @Test
    void percentilesAreNearestRank() {
        Samples samples = new Samples(new long[] {5000, 1000, 3000, 2000, 4000});
        assertThat(samples.percentileMillis(20)).isEqualTo(1.0);
        assertThat(samples.percentileMillis(50)).isEqualTo(3.0);
        assertThat(samples.percentileMillis(99)).isEqualTo(5.0);
    }

    @Test
    void bashRealtimeStampsAreReadInAnyLocale() {
        assertThat(Machine.parseEpochRealtime("1795993387.041696\n")).isEqualTo(1_795_993_387_041_696L);
        assertThat(Machine.parseEpochRealtime("1795993387,5")).isEqualTo(1_795_993_387_500_000L);
        assertThatThrownBy(() -> Machine.parseEpochRealtime("")).isInstanceOf(IllegalArgumentException.class);
    }
}
