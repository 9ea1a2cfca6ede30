package tongban.hub.exchange;

import tongban.hub.problem.ExchangeFailure;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import tongban.adapters.support.ServiceDefinition;
import tongban.sso.identity.Caller;
import tongban.sso.identity.RealNameLevel;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTest {

    private static final ServiceDefinition VERIFY =
            ServiceDefinition.personRead("public-security", "identity-verification", "身份核验", "idNumber");
    private static final ServiceDefinition HOUSEHOLD =
            ServiceDefinition.personRead("public-security", "household-registration", "户籍查询", "idNumber");
    private static final ServiceDefinition ITEMS = ServiceDefinition.publicRead("item-library", "items", "事项清单");
    private static final ServiceDefinition CLEARANCE = ServiceDefinition.personRead("tax", "tax-clearance", "完税证明", "idNumber").withMinimumLevel(3);
    private static final String OWN = "460100199001011230";
    private static final String OTHER = "460100198506152341";

    /** A stand-in for the cases: only CASE-1, about OTHER, at window-a, lets staff in. */
    private static final CaseRules CASES = (caller, caseId, service, subject) -> {
        if (!"CASE-1".equals(caseId)) {
            throw ExchangeFailure.forbidden("CASE_NOT_FOUND", "no such case");
        }
        if (!OTHER.equals(subject)) {
            throw ExchangeFailure.forbidden("CASE_NOT_ABOUT_PERSON", "another person");
        }
    };

    private final AccessPolicy policy = new AccessPolicy(new AccessRights(Map.of(
            "portal", List.of("public-security/identity-verification", "item-library/*"))), CASES);

    private static Caller citizen(String client) {
        return new Caller("s1", "zhangsan", client, OWN, RealNameLevel.REGISTER_CHECKED, 2, Set.of(Caller.CITIZEN), null, null);
    }

    private static Caller staff() {
        return new Caller("s2", "wangwu", "portal", null, RealNameLevel.NONE, 2, Set.of(Caller.STAFF), null, "window-a");
    }

    private static String code(Runnable check) {
        try {
            check.run();
            return "ALLOWED";
        } catch (ExchangeFailure failure) {
            return failure.code();
        }
    }

    @Test
    void clientsGetOnlyWhatIsGrantedToThem() {
        assertThat(policy.clientMayUse("portal", VERIFY)).isTrue();
        assertThat(policy.clientMayUse("portal", ITEMS)).as("department wildcard").isTrue();
        assertThat(policy.clientMayUse("portal", HOUSEHOLD)).isFalse();
        assertThat(policy.clientMayUse("unknown-client", ITEMS)).as("deny by default").isFalse();
        assertThat(policy.clientMayUse(null, ITEMS)).isFalse();
    }

    @Test
    void citizensAskOnlyAboutThemselves() {
        assertThat(code(() -> policy.check(citizen("portal"), VERIFY, OWN, null))).isEqualTo("ALLOWED");
        assertThat(code(() -> policy.check(citizen("portal"), VERIFY, OTHER, null))).isEqualTo("NOT_OWN_DATA");
        assertThat(code(() -> policy.check(citizen("portal"), VERIFY, OTHER, "CASE-1")))
                .as("a case id does not make a citizen staff").isEqualTo("NOT_OWN_DATA");
    }

    @Test
    void aLevelThreeServiceNeedsAVerifiedIdentityAndASignInAtThatLevel() {
        AccessPolicy taxPolicy = new AccessPolicy(new AccessRights(Map.of("portal", List.of("tax/*"))), CASES);
        Caller passwordOnly = citizen("portal");
        Caller steppedUp = new Caller("s1", "zhangsan", "portal", OWN, RealNameLevel.REGISTER_CHECKED, 3,
                Set.of(Caller.CITIZEN), null, null);
        Caller selfDeclared = new Caller("s4", "lisi", "portal", OWN, RealNameLevel.SELF_DECLARED, 3,
                Set.of(Caller.CITIZEN), null, null);

        assertThatThrownBy(() -> taxPolicy.check(passwordOnly, CLEARANCE, OWN, null))
                .isInstanceOfSatisfying(ExchangeFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("STEP_UP_REQUIRED");
                    assertThat(f.status().value()).isEqualTo(401);
                    assertThat(f.headers().get("WWW-Authenticate"))
                            .contains("error=\"insufficient_user_authentication\"", "acr_values=\"3\"");
                });
        assertThat(code(() -> taxPolicy.check(steppedUp, CLEARANCE, OWN, null))).isEqualTo("ALLOWED");
        assertThatThrownBy(() -> taxPolicy.check(selfDeclared, CLEARANCE, OWN, null))
                .as("a strong sign-in does not raise a self-declared identity; no step-up is offered")
                .isInstanceOfSatisfying(ExchangeFailure.class, f -> {
                    assertThat(f.code()).isEqualTo("REAL_NAME_LEVEL_TOO_LOW");
                    assertThat(f.status().value()).isEqualTo(403);
                    assertThat(f.headers()).doesNotContainKey("WWW-Authenticate");
                });
    }

    @Test
    void staffNeedACaseThatLetsThemAskAboutSomeone() {
        assertThat(code(() -> policy.check(staff(), VERIFY, OTHER, null))).isEqualTo("CASE_ID_REQUIRED");
        assertThat(code(() -> policy.check(staff(), VERIFY, OTHER, "CASE-1"))).isEqualTo("ALLOWED");
        assertThat(code(() -> policy.check(staff(), VERIFY, OTHER, "CASE-2"))).isEqualTo("CASE_NOT_FOUND");
        assertThat(code(() -> policy.check(staff(), VERIFY, OWN, "CASE-1"))).isEqualTo("CASE_NOT_ABOUT_PERSON");
        assertThat(code(() -> new AccessPolicy(new AccessRights(Map.of("portal", List.of("public-security/*"))),
                (CaseRules) null).check(staff(), VERIFY, OTHER, "CASE-1")))
                .as("without cases no case lets anyone in").isEqualTo("CASE_NOT_FOUND");
    }

    @Test
    void accountsWithoutARoleMayNotAskAboutPeople() {
        Caller nobody = new Caller("s3", "svc", "portal", null, RealNameLevel.NONE, 0, Set.of(), null, null);
        assertThat(code(() -> policy.check(nobody, VERIFY, OWN, "CASE-1"))).isEqualTo("NOT_OWN_DATA");
        assertThatCode(() -> policy.check(nobody, ITEMS, null, null)).doesNotThrowAnyException();
    }

    @Test
    void theClientRightComesFirst() {
        assertThat(code(() -> policy.check(citizen("portal"), HOUSEHOLD, OWN, null))).isEqualTo("NO_ACCESS_RIGHT");
    }

    @Test
    void subjectMustBeAValidIdNumber() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(AccessPolicy.subjectOf(VERIFY, json.readTree("{\"idNumber\":\"" + OWN + "\"}"))).isEqualTo(OWN);
        assertThat(AccessPolicy.subjectOf(ITEMS, json.readTree("{}"))).isNull();
        assertThatThrownBy(() -> AccessPolicy.subjectOf(VERIFY, json.readTree("{\"idNumber\": 460100199001011230}")))
                .isInstanceOfSatisfying(ExchangeFailure.class, f -> assertThat(f.code()).isEqualTo("INVALID_REQUEST"));
    }
}
