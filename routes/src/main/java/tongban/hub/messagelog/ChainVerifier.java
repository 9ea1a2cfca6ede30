package tongban.hub.messagelog;

import org.springframework.stereotype.Component;

/**
 * Walks the chain from the first entry: each entry must follow its predecessor's sequence number,
 * name its predecessor's hash, and hash to what it stores; the head must name the last entry.
 * A changed row fails its own hash, a deleted row leaves a gap, a deleted tail disagrees with the head.
 */
@Component
public class ChainVerifier {

    private final MessageLogStore store;

    ChainVerifier(MessageLogStore store) {
        this.store = store;
    }

    public ChainVerification verify() {
        MessageLogStore.Head head = store.head();
        Walk walk = new Walk();
        store.forEachInOrder(walk::check);
        if (walk.broken != null) {
            return new ChainVerification(false, walk.count, walk.broken, walk.problem);
        }
        if (walk.lastSeq != head.seq() || !walk.lastHash.equals(head.hash())) {
            return new ChainVerification(false, walk.count, walk.lastSeq + 1,
                    "entries after " + walk.lastSeq + " are missing (the head names " + head.seq() + ")");
        }
        return new ChainVerification(true, walk.count, null, null);
    }

    private static final class Walk {
        long count;
        long lastSeq;
        String lastHash = StoredEntry.GENESIS;
        Long broken;
        String problem;

        void check(StoredEntry entry) {
            count++;
            if (broken != null) {
                return;
            }
            if (entry.seq() != lastSeq + 1) {
                fail(lastSeq + 1, "entry " + (lastSeq + 1) + " is missing");
            } else if (!entry.prevHash().equals(lastHash)) {
                fail(entry.seq(), "entry " + entry.seq() + " does not follow its predecessor");
            } else if (!entry.recomputedHash().equals(entry.entryHash())) {
                fail(entry.seq(), "entry " + entry.seq() + " was changed after it was written");
            }
            lastSeq = entry.seq();
            lastHash = entry.entryHash();
        }

        private void fail(long seq, String why) {
            broken = seq;
            problem = why;
        }
    }
}
