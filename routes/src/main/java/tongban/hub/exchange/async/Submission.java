package tongban.hub.exchange.async;

import java.time.Instant;

/**
 * One asynchronous submission as the hub keeps it.
 *
 * @param requestId the request id of the HTTP call that submitted it (attempts are logged as {@code <id>/<attempt>})
 * @param attempts  how many times a consumer has taken it up
 */
public record Submission(String id, String clientId, String idempotencyKey, String requestSha256,
                         String callerSubject, String callerName, String department, String service, String caseId,
                         String requestId, String requestBody, Status status, int attempts, String resultBody,
                         String problemCode, Instant createdAt, Instant updatedAt) {

    public enum Status {
        /** stored and put on its department's queue; a consumer may be calling the department right now */
        ACCEPTED,
        /** the last attempt failed for a reason that may pass; the broker redelivers it after a back-off */
        RETRYING,
        /** the department answered; the result is kept */
        SUCCEEDED,
        /** the department refused it for good (no such record, invalid for the department) — not retried */
        FAILED,
        /** every attempt failed; the message is in the department's dead-letter queue awaiting an operator */
        DEAD_LETTERED,
        /** an operator took it off the dead-letter queue for good, with a reason (see the operator actions) */
        DISCARDED;

        public boolean isFinal() {
            return this == SUCCEEDED || this == FAILED || this == DISCARDED;
        }
    }
}
