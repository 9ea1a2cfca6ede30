package tongban.adapters.itemlibrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;
import tongban.adapters.support.DepartmentAdapter;
import tongban.adapters.support.RequestFields;
import tongban.adapters.support.ServiceDefinition;

import java.io.IOException;
import java.io.InputStream;
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
    private static final String HTTP_OPTIONS = "?httpMethod=GET&throwExceptionOnFailure=false"
            + "&httpConnection.connectTimeout={{tongban.departments.item-library.connect-timeout-ms:2000}}"
            + "&httpConnection.socketTimeout={{tongban.departments.item-library.timeout-ms:5000}}"
            + "&httpClient.responseTimeout={{tongban.departments.item-library.timeout-ms:5000}}";

    private final ObjectMapper json;

    public ItemLibraryAdapter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String department() {
        return ItemLibraryMapper.DEPARTMENT;
    }

    @Override
    public List<ServiceDefinition> services() {
        return List.of(
                ServiceDefinition.publicRead(department(), ITEMS, "政务服务事项清单 (paged list of service items)"),
                ServiceDefinition.publicRead(department(), ITEM_DETAIL, "政务服务事项详情 (one service item)"));
    }

    @Override
    public void configure() {
        // a failed department call is the hub's to report (one WARN with its classification), not Camel's ERROR
        errorHandler(noErrorHandler());
        from(ServiceDefinition.routeUri(department(), ITEMS))
                .routeId(ServiceDefinition.routeId(department(), ITEMS))
                .process(this::listRequest)
                .to("{{tongban.departments.item-library.url}}/api/sxk/v1/items" + HTTP_OPTIONS)
                .process(e -> e.getMessage().setBody(ItemLibraryMapper.toPage(status(e), readBody(e))));

        from(ServiceDefinition.routeUri(department(), ITEM_DETAIL))
                .routeId(ServiceDefinition.routeId(department(), ITEM_DETAIL))
                .process(this::detailRequest)
                .to("{{tongban.departments.item-library.url}}/api/sxk/v1/items" + HTTP_OPTIONS)
                .process(e -> e.getMessage().setBody(ItemLibraryMapper.toItem(status(e), readBody(e))));
    }

    private void listRequest(Exchange exchange) {
        JsonNode request = exchange.getMessage().getBody(JsonNode.class);
        int page = RequestFields.optionalInt(request, "page", 1, 1, 10_000);
        int pageSize = RequestFields.optionalInt(request, "pageSize", 20, 1, 100);
        prepareGet(exchange, null, "pageNo=" + page + "&pageSize=" + pageSize);
    }

    private void detailRequest(Exchange exchange) {
        JsonNode request = exchange.getMessage().getBody(JsonNode.class);
        String code = RequestFields.requiredMatching(request, "implementationCode", IMPLEMENTATION_CODE,
                "an implementation code (实施编码) of 10–40 capital letters and digits");
        prepareGet(exchange, code, null);
    }

    /**
     * Nothing from the caller travels as a header: the path and query are set here from checked values.
     * The method is fixed on the endpoint; a String method header costs a type-converter search per call.
     */
    private static void prepareGet(Exchange exchange, String path, String query) {
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(null);
        message.setHeader("Accept", "application/json");
        if (path != null) {
            message.setHeader(Exchange.HTTP_PATH, path);
        }
        if (query != null) {
            message.setHeader(Exchange.HTTP_QUERY, query);
        }
    }

    private static int status(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
    }

    private JsonNode readBody(Exchange exchange) {
        try (InputStream in = exchange.getMessage().getBody(InputStream.class)) {
            return in == null ? null : json.readTree(in);
        } catch (IOException e) {
            return null; // not JSON (an HTML error page from a proxy, say): the mapper reports it by status
        }
    }
}
