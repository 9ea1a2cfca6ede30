package tongban.hub.messagelog;

import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the whole chain: each archive file in turn (its manifest signed by the archive key, its data the file the
 * manifest signed, its entries chained on from the archive before), then the database from the entry after the
 * last archived one — each entry must follow its predecessor's sequence number, name its predecessor's hash, and
 * hash to what it stores; the head must name the last entry. Every entry an anchor names must have the anchored
 * hash. A changed row fails its own hash, a deleted row leaves a gap, a deleted tail disagrees with the head, and a
 * chain rewritten consistently to the head by someone who can write the database disagrees with the anchors.
 */
@Component
public class ChainVerifier {

    private final MessageLogStore store;
    private final ArchiveDirectory directory;
    private final ArchiveKey key;

    ChainVerifier(MessageLogStore store, ArchiveDirectory directory, ArchiveKey key) {
        this.store = store;
        this.directory = directory;
        this.key = key;
    }

    public ChainVerification verify() {
        List<Anchor> anchors = directory.anchors();
        Walk walk = new Walk(anchors);
        for (Anchor anchor : anchors) {
            if (!key.verifies(anchor.signedText(), anchor.signature())) {
                return walk.result(new ChainVerification.Problem(anchor.seq(),
                        "the anchor of entry " + anchor.seq() + " is not signed by the archive key"));
            }
        }
        List<ArchiveManifest> archives = directory.manifests();
        String hash = archives.isEmpty() ? null : archives.get(0).prevHash();
        for (ArchiveManifest m : archives) {
            ChainVerification.Problem problem = ArchiveDirectory.check(directory.dataFile(m), m, hash, key, walk::anchored);
            walk.archives++;
            if (problem == null) {
                problem = walk.problem;
            }
            if (problem != null) {
                return walk.result(problem);
            }
            walk.count += m.entries();
            walk.lastSeq = m.lastSeq();
            hash = m.lastHash();
        }
        if (hash != null) {
            walk.lastHash = hash;
            walk.archivedUpTo = walk.lastSeq;
        } else {
            walk.lastSeq = 0; // nothing archived: the database holds the chain from its genesis
        }
        // the head after the anchors (so no anchor is beyond it), and the walk up to it: hubs go on logging while
        // this reads, and what they add after the head read is not yet a gap
        MessageLogStore.Head head = store.head();
        store.forEachUpTo(head.seq(), walk::check);
        if (walk.problem != null) {
            return walk.result(walk.problem);
        }
        if (walk.lastSeq != head.seq() || !walk.lastHash.equals(head.hash())) {
            return walk.result(new ChainVerification.Problem(walk.lastSeq + 1,
                    "entries after " + walk.lastSeq + " are missing (the head names " + head.seq() + ")"));
        }
        for (Anchor anchor : anchors) {
            if (anchor.seq() > head.seq()) {
                return walk.result(new ChainVerification.Problem(head.seq() + 1, "the chain ends at " + head.seq()
                        + " but entry " + anchor.seq() + " was anchored at " + anchor.at()));
            }
        }
        return new ChainVerification(true, walk.count, null, null, walk.archives, anchors.size());
    }

    private static final class Walk {
        final Map<Long, Anchor> anchors = new HashMap<>();
        final int anchorCount;
        long count;
        int archives;
        long lastSeq;
        /** Rows up to here are in an archive; still in the database only while their deletion is being finished. */
        long archivedUpTo;
        String lastHash = StoredEntry.GENESIS;
        ChainVerification.Problem problem;

        Walk(List<Anchor> anchors) {
            anchors.forEach(a -> this.anchors.put(a.seq(), a));
            this.anchorCount = anchors.size();
        }

        /** An entry read from an archive: only the anchors are left to check. */
        void anchored(StoredEntry entry) {
            Anchor anchor = anchors.get(entry.seq());
            if (problem == null && anchor != null && !anchor.hash().equals(entry.entryHash())) {
                problem = new ChainVerification.Problem(entry.seq(), "entry " + entry.seq()
                        + " is not the entry anchored at " + anchor.at() + ": the chain was rewritten");
            }
        }

        void check(StoredEntry entry) {
            if (entry.seq() <= archivedUpTo) {
                return;
            }
            count++;
            if (problem != null) {
                return;
            }
            if (entry.seq() != lastSeq + 1) {
                problem = new ChainVerification.Problem(lastSeq + 1, "entry " + (lastSeq + 1) + " is missing");
            } else if (!entry.prevHash().equals(lastHash)) {
                problem = new ChainVerification.Problem(entry.seq(), "entry " + entry.seq()
                        + " does not follow its predecessor");
            } else if (!entry.recomputedHash().equals(entry.entryHash())) {
                problem = new ChainVerification.Problem(entry.seq(), "entry " + entry.seq()
                        + " was changed after it was written");
            } else {
                anchored(entry);
            }
            lastSeq = entry.seq();
            lastHash = entry.entryHash();
        }

        ChainVerification result(ChainVerification.Problem broken) {
            return new ChainVerification(false, count, broken.seq(), broken.why(), archives, anchorCount);
        }
    }
}
