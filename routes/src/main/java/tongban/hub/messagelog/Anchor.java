package tongban.hub.messagelog;

import java.time.Instant;

/**
 * The chain's head at one moment, signed with the archive key and kept outside the database (in the archive
 * directory, and in the hub's log): whoever can write the database can recompute every hash to the head, but not
 * this signature — a rewritten chain disagrees with the anchors signed before the rewrite.
 */
public record Anchor(long seq, String hash, Instant at, String signature) {

    static final String FORMAT = "tongban-message-log-anchor/1";

    String signedText() {
        return FORMAT + "\nseq=" + seq + "\nhash=" + hash + "\nat=" + at + "\n";
    }

    static Anchor signed(long seq, String hash, Instant at, ArchiveKey key) {
        Anchor unsigned = new Anchor(seq, hash, at, null);
        return new Anchor(seq, hash, at, key.sign(unsigned.signedText()));
    }
}
