package tongban.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import org.springframework.http.HttpRequest;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The hub's OpenAPI document ({@code openapi/exchange-api.yaml}, the file {@code /api/v1/openapi.yaml} serves) held
 * against every answer the API tests receive: on the tests' HTTP client, an answer to a documented operation must
 * have a documented status, and a JSON body must match that status's schema (networknt's OpenAPI 3.0 dialect, which
 * knows {@code nullable}). A mismatch fails the test that received it, naming the operation and the field — so a new
 * endpoint, field or problem code cannot drift from the document.
 *
 * <p>Calls to addresses or methods the document does not describe (a test's deliberately wrong path, a 405 probe)
 * are left alone: the document says nothing about them.
 */
public final class ApiContract implements ClientHttpRequestInterceptor {

    static final String DOCUMENT_LOCATION = "openapi/exchange-api.yaml";
    private static final JsonNode DOCUMENT = load();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getOpenApi30());
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();
    private static final List<Template> TEMPLATES = templates();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A documented path, as a pattern over request paths. */
    private record Template(String path, Pattern pattern, int literalChars) {
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        ClientHttpResponse response = execution.execute(request, body);
        String path = request.getURI().getPath();
        if (path.startsWith("/api/")) {
            List<String> problems = check(request.getMethod().name(), path, response.getStatusCode().value(),
                    response.getHeaders().getContentType(), response.getBody().readAllBytes());
            if (!problems.isEmpty()) {
                throw new AssertionError("the answer to " + request.getMethod() + " " + path + " ("
                        + response.getStatusCode().value() + ") does not match the OpenAPI document: "
                        + String.join("; ", problems));
            }
        }
        return response;
    }

    /** What is wrong with this answer by the document; empty when it matches or the document does not describe the call. */
    public static List<String> check(String method, String path, int status, MediaType type, byte[] body) {
        Optional<Template> template = template(path);
        JsonNode operation = template.map(t -> DOCUMENT.path("paths").path(t.path()).path(method.toLowerCase(Locale.ROOT)))
                .orElse(null);
        if (operation == null || operation.isMissingNode()) {
            return List.of();
        }
        String operationPointer = "/paths/" + escape(template.get().path()) + "/" + method.toLowerCase(Locale.ROOT);
        JsonNode response = operation.path("responses").path(String.valueOf(status));
        String responsePointer = operationPointer + "/responses/" + status;
        if (response.isMissingNode()) {
            response = operation.path("responses").path("default");
            responsePointer = operationPointer + "/responses/default";
        }
        if (response.isMissingNode()) {
            return List.of("status " + status + " is not documented (documented: "
                    + String.join(", ", names(operation.path("responses"))) + ")");
        }
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = DOCUMENT.at(responsePointer);
        }
        if (type == null || body.length == 0 || !(type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))) {
            return List.of();
        }
        String mediaType = type.getType() + "/" + type.getSubtype();
        if (!response.path("content").has(mediaType)) {
            return response.path("content").isEmpty() ? List.of()
                    : List.of("a " + mediaType + " body is not documented (documented: "
                    + String.join(", ", names(response.path("content"))) + ")");
        }
        if (!response.path("content").path(mediaType).has("schema")) {
            return List.of();
        }
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("the body is not JSON: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (Error error : schema(schemaPointer).validate(answer)) {
            String message = error.getMessage();
            problems.add(error.getInstanceLocation() + ": " + (message.length() > 160
                    ? message.substring(0, 160) + "…" : message)
                    + (error.getInstanceNode() == null ? "" : " (was " + error.getInstanceNode() + ")"));
        }
        return problems;
    }

    private static Schema schema(String pointer) {
        return COMPILED.computeIfAbsent(pointer,
                p -> SCHEMAS.getSchema(SchemaLocation.of("classpath:" + DOCUMENT_LOCATION + "#" + p)));
    }

    /** The most specific documented path matching this one ({@code /cases/runs} before {@code /cases/{caseNumber}}). */
    private static Optional<Template> template(String path) {
        return TEMPLATES.stream().filter(t -> t.pattern().matcher(path).matches())
                .max((a, b) -> Integer.compare(a.literalChars(), b.literalChars()));
    }

    private static List<Template> templates() {
        List<Template> templates = new ArrayList<>();
        for (String path : names(DOCUMENT.path("paths"))) {
            String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            templates.add(new Template(path, Pattern.compile(regex), path.replaceAll("\\{[^}]+}", "").length()));
        }
        return templates;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String escape(String pointerPart) {
        return pointerPart.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode load() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT_LOCATION + " is not on the class path");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
