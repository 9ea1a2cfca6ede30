package tongban.hub.messagelog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Message-log settings ({@code tongban.message-log.*}).
 *
 * @param subjectKey key of the HMAC that pseudonymises id numbers in the log. The default is a DEMO key
 *                   for local runs only; production sets its own from a secret.
 * @param maxBatch   most entries committed in one transaction by the writer (default 256)
 */
@ConfigurationProperties("tongban.message-log")
public record MessageLogProperties(@DefaultValue("demo-only-subject-key-change-me") String subjectKey,
                                   @DefaultValue("256") int maxBatch) {
}
