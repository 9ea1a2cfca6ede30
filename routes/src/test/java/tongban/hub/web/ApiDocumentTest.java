package tongban.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tongban.hub.appointments.AppointmentStatus;
import tongban.hub.cases.CaseStatus;
import tongban.hub.exchange.async.Submission;
import tongban.hub.support.ApiContract;
import tongban.hub.workorders.WorkOrderStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's OpenAPI document read as a client developer's tools read it: valid for swagger-parser, every problem code
 * the hub's sources can answer listed, and the contract check the API tests run able to tell a drifted answer.
 */
class ApiDocumentTest {

    private static final Path DOCUMENT = Path.of("src/main/resources/openapi/exchange-api.yaml");

    @Test
    void theDocumentIsValidOpenApi() throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(Files.readString(DOCUMENT), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/api/v1/services/{department}/{service}",
                "/api/v1/cases", "/api/v1/bundles", "/api/v1/me/data-usage");
        result.getOpenAPI().getPaths().forEach((path, item) -> item.readOperations().forEach(operation ->
                operation.getResponses().forEach((status, response) -> assertThat(response.get$ref() != null
                        || response.getDescription() != null).as(path + " " + status + " has a description").isTrue())));
    }

    /**
     * Codes appear as {@code …Failure(HttpStatus.X, "CODE"} in the hub's, the adapters' and the sign-in's sources,
     * and as the status's own name for Spring MVC's refusals ({@code Problems.ofStatus(HttpStatus.X)}).
     */
    @Test
    void everyProblemCodeTheSourcesCanAnswerIsDocumented() throws IOException {
        Set<String> documented = new TreeSet<>();
        new YAMLMapper().readTree(DOCUMENT.toFile()).at("/components/schemas/Problem/properties/code/enum")
                .forEach(code -> documented.add(code.asText()));
        Pattern thrown = Pattern.compile("Failure\\(\\s*HttpStatus\\.[A-Z_]+,\\s*\"([A-Z][A-Z_]+)\"|ofStatus\\(HttpStatus\\.([A-Z_]+)\\)");
        Set<String> answered = new TreeSet<>();
        for (String module : new String[]{"src/main/java", "../adapters/src/main/java", "../sso/src/main/java"}) {
            try (Stream<Path> files = Files.walk(Path.of(module))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = thrown.matcher(Files.readString(file));
                    while (m.find()) {
                        answered.add(m.group(1) != null ? m.group(1) : m.group(2));
                    }
                }
            }
        }

        assertThat(answered).hasSizeGreaterThan(20);
        assertThat(answered).contains("UNKNOWN_BUNDLE", "METHOD_NOT_ALLOWED");
        assertThat(documented).containsAll(answered);
    }

    /** The document's enums of statuses are the hub's: a status added in code is a status a client must know. */
    @Test
    void theDocumentedStatusesAreTheHubsOwn() throws IOException {
        JsonNode schemas = new YAMLMapper().readTree(DOCUMENT.toFile()).path("components").path("schemas");

        assertThat(texts(schemas.at("/Submission/properties/status/enum")))
                .containsExactlyInAnyOrder(names(Submission.Status.values()));
        assertThat(texts(schemas.at("/CaseSummary/properties/status/enum")))
                .containsExactlyInAnyOrder(names(CaseStatus.values()));
        assertThat(texts(schemas.at("/WorkOrder/properties/status/enum")))
                .containsExactlyInAnyOrder(names(WorkOrderStatus.values()));
        assertThat(texts(schemas.at("/Appointment/properties/status/enum")))
                .containsExactlyInAnyOrder(names(AppointmentStatus.values()));
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add(v.asText()));
        return texts;
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }

    @Test
    void theContractCheckTellsADriftedAnswer() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"code\":\"%s\"}";

        assertThat(check("GET", "/api/v1/cases/TB1", 404, MediaType.APPLICATION_PROBLEM_JSON,
                problem.formatted("CASE_NOT_FOUND"))).isEmpty();
        assertThat(check("GET", "/api/v1/cases/TB1", 404, MediaType.APPLICATION_PROBLEM_JSON,
                problem.formatted("NO_SUCH_THING"))).singleElement().asString().contains("code");
        assertThat(check("GET", "/api/v1/cases/TB1", 418, MediaType.APPLICATION_PROBLEM_JSON,
                problem.formatted("CASE_NOT_FOUND"))).singleElement().asString().contains("418 is not documented");
        assertThat(check("GET", "/api/v1/cases/TB1", 200, MediaType.APPLICATION_JSON,
                "{\"summary\":{\"status\":\"LOST\",\"outcome\":null}}")).singleElement().asString()
                .contains("/summary/status");
        assertThat(check("GET", "/api/v1/cases/TB1", 200, MediaType.APPLICATION_JSON,
                "{\"summary\":{\"status\":\"FINISHED\",\"outcome\":null}}")).isEmpty();
        // what the document does not describe is not judged
        assertThat(check("GET", "/api/v1/nothing-here", 404, MediaType.APPLICATION_PROBLEM_JSON, "{}")).isEmpty();
    }

    private static List<String> check(String method, String path, int status, MediaType type, String body) {
        return ApiContract.check(method, path, status, type, body.getBytes(StandardCharsets.UTF_8));
    }
}
