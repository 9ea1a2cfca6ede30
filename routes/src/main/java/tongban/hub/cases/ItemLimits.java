package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tongban.hub.problem.ExchangeFailure;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An item's name and promised time limit (承诺办结时限, working days; 0 for 即办) as the provincial item library
 * states them today, read through the exchange when a case is applied for and kept with the case (a later change
 * of the item does not move an earlier case's due date).
 */
@Component
class ItemLimits {

    /** What a case keeps of its item. */
    record ItemFacts(String name, Integer promisedDays, Instant readAt) {
    }

    private final PlatformCalls calls;
    private final CasesProperties properties;
    private final Map<String, ItemFacts> recent = new ConcurrentHashMap<>();

    ItemLimits(PlatformCalls calls, CasesProperties properties) {
        this.calls = calls;
        this.properties = properties;
    }

    /** @throws CaseFailure 503 when the item library cannot say, 422 when it does not know the item */
    ItemFacts of(String implementationCode) {
        ItemFacts known = recent.get(implementationCode);
        if (known != null && known.readAt().plus(properties.itemLimitsFor()).isAfter(Instant.now())) {
            return known;
        }
        JsonNode item;
        try {
            item = calls.call(null, "item-library", "item-detail", JsonNodeFactory
                    .instance.objectNode().put("implementationCode", implementationCode)).data();
        } catch (ExchangeFailure failure) {
            if (failure.status() == HttpStatus.NOT_FOUND) {
                throw new CaseFailure(HttpStatus.UNPROCESSABLE_ENTITY, "ITEM_NOT_IN_LIBRARY",
                        "该事项已不在省政务服务事项库中，暂不能申请", "the item library has no item " + implementationCode);
            }
            throw new CaseFailure(HttpStatus.SERVICE_UNAVAILABLE, "ITEM_LIBRARY_UNAVAILABLE",
                    "事项库暂时无法访问，请稍后再试", "the item library could not be asked for the item's time limit ("
                    + failure.code() + "); nothing was stored");
        }
        ItemFacts facts = new ItemFacts(item.path("name").asText(implementationCode),
                item.path("promisedTimeLimitDays").isNumber() ? item.path("promisedTimeLimitDays").asInt()
                        : item.path("legalTimeLimitDays").isNumber() ? item.path("legalTimeLimitDays").asInt() : null,
                Instant.now());
        recent.put(implementationCode, facts);
        return facts;
    }
}
