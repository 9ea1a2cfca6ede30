package tongban.hub.messagelog;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What an archive file holds, signed: the Beijing day it closes, its entries' sequence numbers and count, the hash
 * the first entry follows (the previous archive's last, or the chain's genesis) and the last entry's hash, the data
 * file's SHA-256, and when it was signed. An archive counts only with this manifest beside it, written last.
 *
 * @param period the last Beijing day whose entries it holds (stragglers of that day logged a moment after midnight
 *               with a later sequence number are in the next file: files follow the chain, not the clock)
 */
public record ArchiveManifest(LocalDate period, String dataFile, long entries, long firstSeq, long lastSeq,
                             String prevHash, String lastHash, String dataSha256, Instant signedAt,
                             String signature) {

    static final String FORMAT = "tongban-message-log-archive/1";

    /** The exact text the signature is over. */
    String signedText() {
        return FORMAT + "\nperiod=" + period + "\ndataFile=" + dataFile + "\nentries=" + entries + "\nfirstSeq="
                + firstSeq + "\nlastSeq=" + lastSeq + "\nprevHash=" + prevHash + "\nlastHash=" + lastHash
                + "\ndataSha256=" + dataSha256 + "\nsignedAt=" + signedAt + "\n";
    }

    ArchiveManifest signedWith(ArchiveKey key) {
        ArchiveManifest unsigned = new ArchiveManifest(period, dataFile, entries, firstSeq, lastSeq, prevHash,
                lastHash, dataSha256, signedAt, null);
        return new ArchiveManifest(period, dataFile, entries, firstSeq, lastSeq, prevHash, lastHash, dataSha256,
                signedAt, key.sign(unsigned.signedText()));
    }
}
