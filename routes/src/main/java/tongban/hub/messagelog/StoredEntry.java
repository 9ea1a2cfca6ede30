package tongban.hub.messagelog;

import java.time.Instant;

/**
 * A message-log row as stored: the entry's fields plus its place in the hash chain.
 * {@code entryHash = SHA-256(prevHash, seq, every field)}, so changing, inserting or deleting a row breaks
 * the chain from that row on, and the head row catches a deleted tail.
 */
record StoredEntry(long seq, String requestId, Instant at, String clientId, String callerSubject, String callerName,
                   String dataSubjectRef, String department, String service, String caseId, String outcome,
                   int status, long latencyMs, String requestSha256, String responseSha256,
                   String prevHash, String entryHash) {

    static final String GENESIS = "0".repeat(64);

    /** The chain hash over this row's content; fields are length-prefixed so no two rows can collide by shifting text. */
    static String chainHash(String prevHash, long seq, String requestId, Instant at, String clientId,
                            String callerSubject, String callerName, String dataSubjectRef, String department,
                            String service, String caseId, String outcome, int status, long latencyMs,
                            String requestSha256, String responseSha256) {
        StringBuilder canonical = new StringBuilder(512).append(prevHash).append('\n').append(seq);
        for (Object field : new Object[]{requestId, at.toEpochMilli(), clientId, callerSubject, callerName,
                dataSubjectRef, department, service, caseId, outcome, status, latencyMs, requestSha256, responseSha256}) {
            String text = field == null ? "" : field.toString();
            canonical.append('|').append(field == null ? -1 : text.length()).append(':').append(text);
        }
        return Hashing.sha256(canonical.toString());
    }

    String recomputedHash() {
        return chainHash(prevHash, seq, requestId, at, clientId, callerSubject, callerName, dataSubjectRef,
                department, service, caseId, outcome, status, latencyMs, requestSha256, responseSha256);
    }
}
