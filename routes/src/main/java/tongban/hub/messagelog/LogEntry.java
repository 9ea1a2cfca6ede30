package tongban.hub.messagelog;

import java.time.Instant;

/**
 * One exchange call as the message log keeps it.
 *
 * @param dataSubject    the resident id number the call was about, or null; the log stores only a keyed
 *                       hash of it (enough to show a citizen their own trail, useless to a reader of the table)
 * @param outcome        {@code OK} or the problem code the caller received
 * @param requestSha256  SHA-256 (hex) of the request body as received
 * @param responseSha256 SHA-256 (hex) of the response body as sent
 */
public record LogEntry(String requestId, Instant at, String clientId, String callerSubject, String callerName,
                       String dataSubject, String department, String service, String caseId, String outcome,
                       int status, long latencyMs, String requestSha256, String responseSha256) {
}
