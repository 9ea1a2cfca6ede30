package tongban.hub.messagelog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Message-log settings ({@code tongban.message-log.*}).
 *
 * @param subjectKey key of the HMAC that pseudonymises id numbers in the log. The default is a DEMO key
 *                   for local runs only; production sets its own from a secret.
 * @param maxBatch   most entries committed in one transaction by the writer (default 256)
 * @param linger     how long the writer waits for more entries when it has fewer than a batch (default 0). Every
 *                   commit is flushed to disk, so under load a millisecond or two of waiting buys much larger,
 *                   much cheaper batches; unloaded it only adds that to each call.
 */
@ConfigurationProperties("tongban.message-log")
public record MessageLogProperties(@DefaultValue("demo-only-subject-key-change-me") String subjectKey,
                                   @DefaultValue("256") int maxBatch,
                                   @DefaultValue("0ms") Duration linger) {
}
