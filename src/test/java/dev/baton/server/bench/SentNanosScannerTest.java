package dev.baton.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fan-out benchmark's clients read every number, wherever the reads cut the stream. */
class SentNanosScannerTest {
    private static final byte[] STREAM =
            ("id: 1\ndata: {\"data\":{\"seq\":0,\"sent_nanos\":12345},\"type\":\"bench.tick\"}\n\n"
                            + "data: {\"x\":\"\\\"sent\",\"data\":{\"sent_nanos\":987654321012}}\n\n"
                            + "{\"\"sent_nanos\":7}\n")
                    .getBytes(StandardCharsets.US_ASCII);

    @Test
    void findsEveryNumberWhereverTheStreamIsCut() {
        for (int cut = 0; cut <= STREAM.length; cut++) {
            List<Long> found = new ArrayList<>();
            FanoutClients.SentNanosScanner scanner = new FanoutClients.SentNanosScanner(found::add);
            scanner.feed(STREAM, 0, cut);
            scanner.feed(STREAM, cut, STREAM.length);
            assertThat(found).as("cut at %d", cut).containsExactly(12345L, 987654321012L, 7L);
        }
    }

    @Test
    void findsEveryNumberFedOneByteAtATime() {
        List<Long> found = new ArrayList<>();
        FanoutClients.SentNanosScanner scanner = new FanoutClients.SentNanosScanner(found::add);
        for (int i = 0; i < STREAM.length; i++) scanner.feed(STREAM, i, i + 1);
        assertThat(found).containsExactly(12345L, 987654321012L, 7L);
    }
}
