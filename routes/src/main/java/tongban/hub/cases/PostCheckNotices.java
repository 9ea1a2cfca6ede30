package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.callbacks.NoticeListener;

import java.time.Instant;

/**
 * A department's finding on a pledge (告知承诺事后核查): a notice whose canonical fields name a {@code caseNumber} and a
 * {@code checkResult} (PASSED or FAILED, with a {@code reason} for a failure). Only the department the item names as
 * its checker may report; a failure revokes the approval in the notice's own transaction.
 */
@Component
class PostCheckNotices implements NoticeListener {

    private final Commitments commitments;

    PostCheckNotices(Commitments commitments) {
        this.commitments = commitments;
    }

    @Override
    public String received(String department, String callback, ObjectNode event) {
        JsonNode data = event.path("data");
        if (!data.hasNonNull("checkResult") || !data.hasNonNull("caseNumber")) {
            return null; // not a post-check
        }
        return commitments.report(data.path("caseNumber").asText(), department, data.path("checkResult").asText(),
                NoticeListener.text(data, "reason"), NoticeListener.changedAt(data, Instant.now()),
                "department:" + department, event.path("requestId").asText(null));
    }
}
