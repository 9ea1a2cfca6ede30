package tongban.hub.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New request ids: UUIDs of version 7 (RFC 9562 §5.7) — the millisecond they were made, then 74 random bits. Ids made
 * one after another sort one after another, so the message log's index on them grows at its end like the log itself:
 * a batch of entries rewrites the index's last page instead of up to one random page per entry. They are correlation
 * ids, not secrets (nothing is granted by knowing one; submission ids stay random UUIDs): the random part comes from
 * the thread's own generator, without the lock of {@link UUID#randomUUID()}'s SecureRandom.
 */
public final class RequestIds {

    private RequestIds() {
    }

    public static String next() {
        return next(System.currentTimeMillis(), ThreadLocalRandom.current()).toString();
    }

    static UUID next(long epochMillis, ThreadLocalRandom random) {
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.nextInt() & 0x0FFF);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L; // variant 10
        return new UUID(high, low);
    }
}
