package tongban.hub.messagelog;

/**
 * The result of walking the message-log chain.
 *
 * @param intact         whether every entry and the head agree
 * @param entriesChecked how many entries were read
 * @param firstBrokenSeq the first sequence number at which the chain breaks, or null
 * @param problem        what was wrong there, or null
 */
public record ChainVerification(boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {
}
