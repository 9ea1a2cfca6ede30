package tongban.hub.web;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void newIdsAreVersion7UuidsCarryingTheirMillisecond() {
        long at = 1_606_780_800_123L; // 2020-12-01T00:00:00.123Z
        UUID id = RequestIds.next(at, ThreadLocalRandom.current());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(at);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsText() {
        List<String> ids = new ArrayList<>();
        for (long ms = 1_606_780_800_000L; ms < 1_606_780_800_000L + 2_000; ms += 7) {
            ids.add(RequestIds.next(ms, ThreadLocalRandom.current()).toString());
        }
        assertThat(ids).isSorted();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        HashSet<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(RequestIds.next(1_606_780_800_000L, ThreadLocalRandom.current()));
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void unguessableIdsAreVersion7TooAndMatchTheSubmissionIdForm() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(RequestIds.nextUnguessable());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());
        assertThat(id.toString()).matches("[0-9a-f-]{36}");
    }
}
