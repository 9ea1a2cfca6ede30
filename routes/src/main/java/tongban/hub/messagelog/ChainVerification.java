package tongban.hub.messagelog;

/**
 * The result of walking the message-log chain: through every archive, into the database, against the anchors.
 *
 * @param intact          whether every archive, entry, anchor and the head agree
 * @param entriesChecked  how many entries were read (archived and online)
 * @param firstBrokenSeq  the first sequence number at which the chain breaks, or null
 * @param problem         what was wrong there, or null
 * @param archivesChecked how many archive files were verified (manifest signature, data hash, chain)
 * @param anchorsChecked  how many signed chain heads the chain was held against
 */
public record ChainVerification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem,
                                int archivesChecked, int anchorsChecked) {

    /** Where the chain breaks and why. */
    record Problem(long seq, String why) {
    }
}
