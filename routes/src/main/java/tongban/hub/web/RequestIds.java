package tongban.hub.web;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * New request ids: UUIDs of version 7 (RFC 9562 §5.7) — the millisecond they were made, then 74 random bits. Ids made
 * one after another sort one after another, so the message log's index on them grows at its end like the log itself:
 * a batch of entries rewrites the index's last page instead of up to one random page per entry. Request ids are
 * correlation ids, not secrets (nothing is granted by knowing one): their random part comes from the thread's own
 * generator, without the lock of {@link UUID#randomUUID()}'s SecureRandom. Ids that are handles a caller keeps — a
 * submission's — take theirs from a SecureRandom ({@link #nextUnguessable()}): time-ordered for the table they key,
 * and as hard to guess as a random UUID's 122 bits less the 48 of the time.
 */
public final class RequestIds {

    private static final SecureRandom SECURE = new SecureRandom();

    private RequestIds() {
    }

    public static String next() {
        return next(System.currentTimeMillis(), ThreadLocalRandom.current()).toString();
    }

    /** A time-ordered id whose 74 random bits come from a SecureRandom. */
    public static String nextUnguessable() {
        return next(System.currentTimeMillis(), SECURE).toString();
    }

    static UUID next(long epochMillis, RandomGenerator random) {
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.nextInt() & 0x0FFF);
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L; // variant 10
        return new UUID(high, low);
    }
}
