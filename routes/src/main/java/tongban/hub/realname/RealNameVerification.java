package tongban.hub.realname;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.exchange.ExchangeRequest;
import tongban.hub.exchange.ExchangeService;
import tongban.hub.web.RequestIds;
import tongban.sso.identity.Caller;
import tongban.sso.identity.RealNameLevel;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * 实名核验 — a person registered at level 2 (self-declared) asks the platform to check their name and id number;
 * the hub asks public security's identity verification through the exchange, as itself
 * ({@link RealNameProperties#clientId()}, so the call is in the message log and in the person's own data-usage
 * trail), and only on a match writes level 3 into their Keycloak account. A mismatch, or a number the register does
 * not know, leaves level 2 with the register's reason; a few checks a day at most.
 *
 * <p>Why here and not in Keycloak: the check is an exchange call like any other — access rights, deadline, circuit
 * breaker, message log — and the hub is where those live; Keycloak only stores the result.
 */
@Service
public class RealNameVerification {

    /** What came of asking. */
    public enum Outcome { MATCH, MISMATCH, NOT_FOUND, ALREADY_VERIFIED }

    /** @param level the account's level after the check; {@code reason} in the register's words */
    public record Result(Outcome outcome, int level, String reason, String requestId, int attemptsLeft) {
    }

    private static final Duration DAY = Duration.ofHours(24);

    private final ExchangeService exchange;
    private final RealNameCheckStore checks;
    private final KeycloakAccounts accounts;
    private final RealNameProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    /** @param clock the platform's clock (one a test can move: the day's limit counts 24 hours back) */
    RealNameVerification(ExchangeService exchange, RealNameCheckStore checks, KeycloakAccounts accounts,
                         RealNameProperties properties, ObjectMapper json, Clock clock) {
        this.exchange = exchange;
        this.checks = checks;
        this.accounts = accounts;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param person     the signed-in citizen (their own token)
     * @param familyName their name as their account holds it, read family name first
     * @throws ExchangeFailure 403 for anyone but a citizen with an id number, 429 {@code RATE_LIMITED} past the day's
     *                         checks, the exchange's own failure when public security could not answer (not counted)
     */
    public Result verify(Caller person, String familyName, String givenName) {
        String name = (familyName == null ? "" : familyName.strip()) + (givenName == null ? "" : givenName.strip());
        if (!person.isCitizen() || person.idNumber() == null) {
            throw ExchangeFailure.forbidden("NOT_OWN_DATA", "only a citizen with an id number can have it checked");
        }
        if (person.realNameLevel().atLeast(RealNameLevel.REGISTER_CHECKED)) {
            return new Result(Outcome.ALREADY_VERIFIED, person.realNameLevel().level(), null, null, 0);
        }
        if (name == null || name.isBlank()) {
            throw ExchangeFailure.invalid("the account has no name to check");
        }
        Instant now = clock.instant();
        List<RealNameCheckStore.Check> today = checks.since(person.subject(), now.minus(DAY));
        if (today.size() >= properties.attemptsPerDay()) {
            long wait = Duration.between(now, today.get(0).checkedAt().plus(DAY)).toSeconds();
            throw new ExchangeFailure(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", "at most "
                    + properties.attemptsPerDay() + " real-name checks in 24 hours", (int) Math.max(1, wait));
        }
        String requestId = RequestIds.next();
        JsonNode answer = ask(person, name, requestId);
        Outcome outcome = Outcome.valueOf(answer.path("result").asText("NOT_FOUND"));
        int level = person.realNameLevel().level();
        if (outcome == Outcome.MATCH) {
            accounts.raiseLevel(person.subject(), RealNameLevel.REGISTER_CHECKED.level(), "public-security");
            level = RealNameLevel.REGISTER_CHECKED.level();
        }
        String reason = outcome == Outcome.MATCH ? null : reason(outcome, answer);
        checks.record(new RealNameCheckStore.Check(person.subject(), now, outcome.name(), reason, requestId));
        return new Result(outcome, level, reason, requestId, properties.attemptsPerDay() - today.size() - 1);
    }

    /** Why the person's latest check did not raise their level, if it did not: shown beside the button. */
    public Optional<String> lastRefusal(Caller person) {
        return checks.latest(person.subject()).map(RealNameCheckStore.Check::reason);
    }

    private JsonNode ask(Caller person, String name, String requestId) {
        Caller platform = new Caller(person.subject(), person.username(), properties.clientId(), person.idNumber(),
                person.realNameLevel(), person.signInLevel(), Set.of(Caller.CITIZEN), null, null);
        ObjectNode request = json.createObjectNode().put("name", name).put("idNumber", person.idNumber());
        ExchangeService.Answer answer = exchange.call(new ExchangeRequest(platform, "public-security",
                "identity-verification", ExchangeRequest.Payload.of(request), null, requestId));
        JsonNode body = read(answer.body());
        if (answer.problem()) {
            if ("RECORD_NOT_FOUND".equals(body.path("code").asText())) {
                return json.createObjectNode().put("result", "NOT_FOUND");
            }
            throw new ExchangeFailure(answer.status(), body.path("code").asText("DEPARTMENT_ERROR"),
                    body.path("detail").asText(""));
        }
        return body.path("data");
    }

    private static String reason(Outcome outcome, JsonNode answer) {
        String words = answer.path("description").asText("");
        if (!words.isBlank()) {
            return words;
        }
        return outcome == Outcome.MISMATCH ? "姓名与公民身份号码不一致" : "人口信息库中没有这个公民身份号码";
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new ExchangeFailure(HttpStatus.BAD_GATEWAY, "DEPARTMENT_ERROR", "an exchange answer is not JSON");
        }
    }
}
