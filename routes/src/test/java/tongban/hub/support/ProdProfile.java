package tongban.hub.support;

import tongban.hub.exchange.async.AsyncProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a hub process in the prod profile on the real external parts: an Artemis broker and a
 * PostgreSQL database, test-only stand-ins for the secrets production takes from its Secret, the construction
 * approval department at its stubs (the others configured, and unreachable), and the redelivery settings the
 * broker was created with (the broker redelivers: both must agree).
 */
public final class ProdProfile {

    /** Quick redelivery for tests that wait for it (the broker and the hub are both told these). */
    public static final AsyncProperties QUICK_REDELIVERY = new AsyncProperties(5, java.time.Duration.ofMillis(200), 2.0,
            java.time.Duration.ofSeconds(2), 4, java.time.Duration.ofSeconds(3), java.time.Duration.ofHours(72));

    static final String TEST_ARCHIVE_SIGNING_KEY = "MC4CAQAwBQYDK2VwBCIEIK5M9bZ6swKYWyuRF8Ty+M9nX4RnbGveg5wZZbmRU+du";
    static final String TEST_ARCHIVE_VERIFY_KEY = "MCowBQYDK2VwAyEAOVikGapyln7DSER0a/fXj376ltnWLdAyppmjlrsnIJw=";

    private ProdProfile() {
    }

    public static List<String> arguments(String brokerUrl, String database, String approvalsUrl, AsyncProperties redelivery) {
        return new ArrayList<>(List.of(
                "--spring.profiles.active=prod",
                "--TONGBAN_DB_URL=" + database, "--TONGBAN_DB_PASSWORD=" + TestPostgres.PASSWORD,
                "--TONGBAN_BROKER_URL=" + brokerUrl, "--TONGBAN_BROKER_PASSWORD=" + ArtemisBroker.PASSWORD,
                "--TONGBAN_SSO_ISSUER=" + TestKeycloak.issuer(),
                "--TONGBAN_OPS_CLIENT_SECRET=test-only", "--TONGBAN_PORTAL_CLIENT_SECRET=test-only",
                "--TONGBAN_GATEWAY_MARKET_REGULATION_SECRET=test-only-gateway-secret-of-32-bytes!",
                "--TONGBAN_MESSAGE_LOG_SUBJECT_KEY=test-only-subject-key",
                // a TEST ONLY archive key pair (Ed25519, base64 DER) and an archive directory of the test's own
                "--TONGBAN_MESSAGE_LOG_ARCHIVE_SIGNING_KEY=" + TEST_ARCHIVE_SIGNING_KEY,
                "--TONGBAN_MESSAGE_LOG_ARCHIVE_VERIFY_KEY=" + TEST_ARCHIVE_VERIFY_KEY,
                "--TONGBAN_MESSAGE_LOG_ARCHIVE_DIRECTORY=" + HubTestBase.tempDir(),
                "--tongban.departments.construction-approval.url=" + approvalsUrl,
                "--tongban.exchange.access-rights.tongban-cli[0]=construction-approval/*",
                "--tongban.exchange.access-rights.tongban-cli[1]=enterprise-registration/*",
                "--tongban.catalogue.sync-on-start=false",
                "--tongban.monitoring.sample-interval=500ms",
                "--tongban.exchange.async.consumers=" + redelivery.consumers(),
                "--tongban.exchange.async.max-attempts=" + redelivery.maxAttempts(),
                "--tongban.exchange.async.redelivery-delay=" + redelivery.redeliveryDelay().toMillis() + "ms",
                "--tongban.exchange.async.outbox-sweep-after=" + redelivery.outboxSweepAfter().toSeconds() + "s"));
    }
}
