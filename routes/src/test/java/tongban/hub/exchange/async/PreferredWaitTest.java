package tongban.hub.exchange.async;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a status read's {@code Prefer} header (RFC 7240) is read: the wait asked for, or none to honour. */
class PreferredWaitTest {

    @Test
    void theWaitIsFoundAmongThePreferencesWhateverItsCaseQuotesOrParameters() {
        assertThat(SubmissionRoutes.preferredWait(List.of("wait=10"))).contains(Duration.ofSeconds(10));
        assertThat(SubmissionRoutes.preferredWait(List.of("respond-async, WAIT = \"7\""))).contains(Duration.ofSeconds(7));
        assertThat(SubmissionRoutes.preferredWait(List.of("return=minimal", "wait=3;foo=bar"))).contains(Duration.ofSeconds(3));
    }

    @Test
    void aWaitIsCutToTheLongestTheHubGrants() {
        assertThat(SubmissionRoutes.preferredWait(List.of("wait=3600"))).contains(SubmissionWaits.LONGEST);
        assertThat(SubmissionRoutes.preferredWait(List.of("wait=99999999999999999999"))).isEmpty();
    }

    @Test
    void noWaitOrOneThatCannotBeHonouredIsIgnored() {
        assertThat(SubmissionRoutes.preferredWait(List.of())).isEmpty();
        assertThat(SubmissionRoutes.preferredWait(List.of("respond-async"))).isEmpty();
        assertThat(SubmissionRoutes.preferredWait(List.of("wait=0"))).isEmpty();
        assertThat(SubmissionRoutes.preferredWait(List.of("wait=soon"))).isEmpty();
        assertThat(SubmissionRoutes.preferredWait(List.of("wait=-5"))).isEmpty();
        assertThat(SubmissionRoutes.preferredWait(List.of("waiting=5"))).isEmpty();
    }
}
