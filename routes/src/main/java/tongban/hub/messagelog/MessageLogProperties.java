package tongban.hub.messagelog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
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
 * @param archive    how long entries stay online and where they go after
 */
@ConfigurationProperties("tongban.message-log")
public record MessageLogProperties(@DefaultValue("demo-only-subject-key-change-me") String subjectKey,
                                   @DefaultValue("256") int maxBatch,
                                   @DefaultValue("0ms") Duration linger,
                                   @DefaultValue Archive archive) {

    /**
     * @param directory        where archives and anchors are kept (a PersistentVolumeClaim in the chart); shared by
     *                         every hub of one database
     * @param retention        how long entries stay in the database (the online period, default 180 days — the
     *                         Cybersecurity Law's six months); whole Beijing days older than this are archived
     * @param archiveRetention how long archive files are kept (default three years); older ones are removed
     * @param every            how often a hub looks for days to archive (default hourly; one hub at a time does it)
     * @param anchorEvery      how often the chain's head is signed and kept outside the database (default 5 minutes)
     * @param signingKey       the archive key's private half, base64 PKCS#8 Ed25519 (DEMO pair by default)
     * @param verifyKey        its public half, base64 X.509 — all an auditor needs to verify archives and anchors
     */
    public record Archive(@DefaultValue("./.tongban/hub/message-log-archive") Path directory,
                          @DefaultValue("180d") Duration retention,
                          @DefaultValue("1095d") Duration archiveRetention,
                          @DefaultValue("1h") Duration every,
                          @DefaultValue("5m") Duration anchorEvery,
                          String signingKey,
                          String verifyKey) {
    }
}
