package tongban.adapters.itemlibrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import tongban.adapters.support.CallLimits;
import tongban.adapters.support.DepartmentAdapter;
import tongban.adapters.support.DepartmentHttp;
import tongban.adapters.support.RequestFields;
import tongban.adapters.support.ServiceDefinition;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.regex.Pattern;

/**
 * 省政务服务事项库 — the provincial service-item library, a paged REST JSON API.
 * Services: {@code item-library/items} (a page of the list) and {@code item-library/item-detail}.
 */
@Component
public class ItemLibraryAdapter extends RouteBuilder implements DepartmentAdapter {

    static final String ITEMS = "items";
    static final String ITEM_DETAIL = "item-detail";
    /** 实施编码: letters and digits only, so it is safe inside a URL path. */
    private static final Pattern IMPLEMENTATION_CODE = Pattern.compile("[0-9A-Z]{10,40}");
    /** A page of 100 items with their materials is well under this; more is not an item library talking. */
    private static final long MAX_ANSWER_BYTES = 8L * 1024 * 1024;

    private final ObjectMapper json;

    public ItemLibraryAdapter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String department() {
        return ItemLibraryMapper.DEPARTMENT;
    }

    @Override
    public String title() {
        return "省政务服务事项库";
    }

    @Override
    public List<ServiceDefinition> services() {
        return List.of(
                ServiceDefinition.publicRead(department(), ITEMS, "政务服务事项清单 (paged list of service items)"),
                ServiceDefinition.publicRead(department(), ITEM_DETAIL, "政务服务事项详情 (one service item)"));
    }

    @Override
    public boolean boundsItsOwnCalls() {
        return true; // DepartmentHttp: one deadline for the whole call
    }

    @Override
    public CallLimits limits() {
        return CallLimits.defaults(Duration.ofSeconds(5)).withMaxAnswerBytes(MAX_ANSWER_BYTES);
    }

    @Override
    public void configure() {
        // a failed department call is the hub's to report (one WARN with its classification), not Camel's ERROR
        errorHandler(noErrorHandler());
        String items = getContext().resolvePropertyPlaceholders("{{tongban.departments.item-library.url}}")
                .replaceFirst("/$", "") + "/api/sxk/v1/items";
        DepartmentHttp http = new DepartmentHttp(department(),
                limits().in(getContext().getPropertiesComponent()::resolveProperty, department()));
        from(ServiceDefinition.routeUri(department(), ITEMS))
                .routeId(ServiceDefinition.routeId(department(), ITEMS))
                .process(e -> e.getMessage().setBody(get(http, items + "?" + listQuery(e))))
                .process(e -> e.getMessage().setBody(ItemLibraryMapper.toPage(status(e), readBody(e))));

        from(ServiceDefinition.routeUri(department(), ITEM_DETAIL))
                .routeId(ServiceDefinition.routeId(department(), ITEM_DETAIL))
                .process(e -> e.getMessage().setBody(get(http, items + "/" + detailCode(e))))
                .process(e -> e.getMessage().setBody(ItemLibraryMapper.toItem(status(e), readBody(e))));
    }

    private static String listQuery(Exchange exchange) {
        JsonNode request = exchange.getMessage().getBody(JsonNode.class);
        int page = RequestFields.optionalInt(request, "page", 1, 1, 10_000);
        int pageSize = RequestFields.optionalInt(request, "pageSize", 20, 1, 100);
        return "pageNo=" + page + "&pageSize=" + pageSize;
    }

    private static String detailCode(Exchange exchange) {
        JsonNode request = exchange.getMessage().getBody(JsonNode.class);
        return RequestFields.requiredMatching(request, "implementationCode", IMPLEMENTATION_CODE,
                "an implementation code (实施编码) of 10–40 capital letters and digits");
    }

    /** Nothing from the caller travels: the path and query are made here from checked values. */
    private static DepartmentHttp.Answer get(DepartmentHttp http, String url) {
        return http.exchange("GET", URI.create(url), ACCEPT_JSON, null);
    }

    private static final Map<String, String> ACCEPT_JSON = Map.of("Accept", "application/json");

    private static int status(Exchange exchange) {
        return exchange.getMessage().getBody(DepartmentHttp.Answer.class).status();
    }

    private JsonNode readBody(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(DepartmentHttp.Answer.class).body();
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (IOException e) {
            return null; // not JSON (an HTML error page from a proxy, say): the mapper reports it by status
        }
    }
}
