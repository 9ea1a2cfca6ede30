package tongban.adapters.support.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import tongban.adapters.support.CallLimits;
import tongban.adapters.support.CallbackDefinition;
import tongban.adapters.support.DepartmentHttp;
import tongban.adapters.support.DepartmentAdapter;
import tongban.adapters.support.ServiceDefinition;
import tongban.adapters.support.descriptor.AdapterDescriptor.AuthStyle;
import tongban.adapters.support.descriptor.AdapterDescriptor.Format;
import tongban.adapters.support.descriptor.AdapterDescriptor.Service;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A department adapter built from its descriptor: to the hub it looks exactly like a hand-written one —
 * the same services, the same route ids ({@code adapter-<department>-<service>}), the same failures. Each route
 * strips every inbound header, renders the department's request from checked inputs, signs it if the department
 * wants that, calls it over HTTP within the department's bounds ({@link DepartmentHttp}: one deadline, an answer
 * size limit, no redirects) and maps the answer.
 */
public class DescribedAdapter extends RouteBuilder implements DepartmentAdapter {

    private static final String GATEWAY_ERROR = "X-Ca-Error-Message";

    private final AdapterDescriptor descriptor;
    private final List<ServiceDefinition> services;
    private final List<CallbackDefinition> callbacks;

    public DescribedAdapter(AdapterDescriptor descriptor) {
        this.descriptor = descriptor;
        this.callbacks = descriptor.callbacks().stream().map(c -> {
            ResponseMapper mapper = new ResponseMapper(descriptor, c.fields());
            return new CallbackDefinition(descriptor.department(), c.name(), c.title(), c.client(),
                    body -> {
                        JsonNode id = body.at(c.eventIdPointer());
                        return id.isValueNode() && !id.asText().isBlank() ? id.asText().strip() : null;
                    },
                    mapper::notice);
        }).toList();
        this.services = descriptor.services().stream()
                .map(s -> new ServiceDefinition(descriptor.department(), s.name(), s.title(),
                        ServiceDefinition.routeUri(descriptor.department(), s.name()), s.subjectInput(),
                        s.idempotent(), s.minimumLevel()))
                .toList();
    }

    @Override
    public String department() {
        return descriptor.department();
    }

    @Override
    public String title() {
        return descriptor.title() == null ? descriptor.department() : descriptor.title();
    }

    @Override
    public String unitCode() {
        return descriptor.unitCode();
    }

    @Override
    public List<ServiceDefinition> services() {
        return services;
    }

    @Override
    public List<CallbackDefinition> callbacks() {
        return callbacks;
    }

    @Override
    public String origin() {
        return descriptor.source();
    }

    @Override
    public List<String> requiredSettings() {
        return descriptor.requiredSettings();
    }

    public AdapterDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void configure() {
        // a failed department call is the hub's to report (one WARN with its classification), not Camel's ERROR
        errorHandler(noErrorHandler());
        Authenticator authenticator = authenticator();
        String baseUrl = stripSlash(getCamelContext().resolvePropertyPlaceholders("{{" + descriptor.urlProperty() + "}}"));
        DepartmentHttp http = new DepartmentHttp(department(),
                limits().in(getCamelContext().getPropertiesComponent()::resolveProperty, department()));
        for (Service service : descriptor.services()) {
            RequestRenderer renderer = new RequestRenderer(service, descriptor.format(), descriptor.charset());
            ResponseMapper mapper = new ResponseMapper(descriptor, service.output());
            from(ServiceDefinition.routeUri(department(), service.name()))
                    .routeId(ServiceDefinition.routeId(department(), service.name()))
                    .process(e -> prepare(e, service, renderer, authenticator, baseUrl))
                    .process(e -> e.getMessage().setBody(http.exchange(e.getMessage().getBody(DepartmentHttp.Request.class))))
                    .process(e -> answer(e, mapper));
        }
    }

    @Override
    public boolean boundsItsOwnCalls() {
        return true; // DepartmentHttp: one deadline for the whole call
    }

    @Override
    public CallLimits limits() {
        return descriptor.limits();
    }

    private void prepare(Exchange exchange, Service service, RequestRenderer renderer, Authenticator authenticator,
                         String baseUrl) {
        Message message = exchange.getMessage();
        RequestRenderer.Rendered request = renderer.render(message.getBody(JsonNode.class),
                exchange.getProperty(ServiceDefinition.REQUEST_ID_PROPERTY, String.class));
        message.removeHeaders("*"); // nothing from the caller travels to the department, as a header or otherwise
        String accept = descriptor.format() == Format.XML ? "text/xml" : "application/json";
        // written exactly as the HTTP client sends it ("; charset="), since a signature covers it
        String contentType = request.body() == null ? null
                : accept + "; charset=" + descriptor.charset().name();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", accept);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (descriptor.transactionHeader() != null) {
            headers.put(descriptor.transactionHeader(), exchange.getProperty(ServiceDefinition.REQUEST_ID_PROPERTY, String.class));
        }
        authenticator.apply(headers, service.method(), accept, contentType, request);
        URI uri = URI.create(baseUrl + request.path() + (request.query() == null ? "" : "?" + request.query()));
        message.setBody(new DepartmentHttp.Request(service.method(), uri, headers, request.body()));
    }

    private void answer(Exchange exchange, ResponseMapper mapper) {
        DepartmentHttp.Answer answer = exchange.getMessage().getBody(DepartmentHttp.Answer.class);
        exchange.getMessage().setBody(mapper.map(answer.status(), charsetOf(answer.header("Content-Type")),
                answer.body(), answer.header(GATEWAY_ERROR)));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private Charset charsetOf(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", ""));
                    } catch (RuntimeException e) {
                        break; // a charset we do not know: read it as the descriptor says
                    }
                }
            }
        }
        return descriptor.charset();
    }


    /** Adds the department's credentials to a rendered request's headers. */
    @FunctionalInterface
    private interface Authenticator {
        void apply(Map<String, String> headers, String method, String accept, String contentType,
                   RequestRenderer.Rendered request);
    }

    private Authenticator authenticator() {
        AdapterDescriptor.Auth auth = descriptor.auth();
        if (auth.style() == AuthStyle.API_KEY) {
            String key = requiredProperty(descriptor.setting("api-key"));
            return (headers, method, accept, contentType, request) -> headers.put(auth.header(), key);
        }
        if (auth.style() == AuthStyle.HMAC_SHA256) {
            ApiGatewaySigner signer = new ApiGatewaySigner(requiredProperty(descriptor.setting("app-key")),
                    requiredProperty(descriptor.setting("app-secret")));
            return (headers, method, accept, contentType, request) -> headers.putAll(signer.sign(method, accept,
                    contentType, request.body(), request.path(), request.query(), System.currentTimeMillis()));
        }
        return (headers, method, accept, contentType, request) -> { };
    }

    private String requiredProperty(String name) {
        return getCamelContext().getPropertiesComponent().resolveProperty(name)
                .orElseThrow(() -> new DescriptorException(descriptor.source(), "auth", "property '" + name + "' is not set"));
    }
}
