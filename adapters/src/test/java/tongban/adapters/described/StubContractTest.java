package tongban.adapters.described;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.adapters.AdapterTestApplication;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.DepartmentFailures;
import tongban.adapters.support.InvalidRequestException;
import tongban.adapters.support.ServiceDefinition;
import tongban.adapters.support.descriptor.AdapterDescriptor;
import tongban.adapters.support.descriptor.DescribedAdapters;
import tongban.mocks.MockDepartment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every described department's route test, written by nobody: each stub of its mock declares, beside itself
 * ({@code "metadata": {"contract": …}}), the canonical request that reaches it and what the caller must get — the
 * canonical answer's fields, or the problem the stub stands for. Here each is replayed through the adapter route
 * against the stubs, and must hit that very stub and give that answer. A stub that cannot be replayed through the
 * adapter says why ({@code "not-replayable"}); a stub with no contract at all fails, so none is forgotten.
 */
@SpringBootTest(classes = AdapterTestApplication.class)
class StubContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<AdapterDescriptor> DESCRIBED = DescribedAdapters.load(null);
    private static final Map<String, WireMockServer> MOCKS = new LinkedHashMap<>();

    static {
        for (AdapterDescriptor descriptor : DESCRIBED) {
            MOCKS.put(descriptor.department(), MockDepartment.start(descriptor.department(), 0));
        }
    }

    @DynamicPropertySource
    static void departments(DynamicPropertyRegistry registry) {
        MOCKS.forEach((department, server) -> {
            registry.add(descriptor(department).urlProperty(), server::baseUrl);
            registry.add(descriptor(department).setting("timeout-ms"), () -> "1500");
        });
    }

    @Autowired
    private ProducerTemplate camel;

    @TestFactory
    Stream<DynamicTest> everyStubOfEveryDescribedDepartmentGivesWhatItsContractSays() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, WireMockServer> mock : MOCKS.entrySet()) {
            String department = mock.getKey();
            WireMockServer server = mock.getValue();
            List<StubMapping> stubs = server.listAllStubMappings().getMappings();
            assertThat(stubs).as(department + " has stubs").isNotEmpty();
            Map<StubMapping, String> files = files(department);
            for (StubMapping stub : stubs) {
                String where = "mocks/" + department + "/mappings/" + files.entrySet().stream()
                        .filter(f -> sameStub(f.getKey(), stub)).map(Map.Entry::getValue).findFirst()
                        .orElse("?") + (stub.getName() == null ? "" : " (" + stub.getName() + ")");
                tests.add(DynamicTest.dynamicTest(where, () -> replay(where, department, server, stub)));
            }
        }
        return tests.stream();
    }

    /** {@code where}: the stub's file (and name), which every failure names. */
    private void replay(String where, String department, WireMockServer server, StubMapping stub) throws Exception {
        Metadata metadata = stub.getMetadata();
        assertThat(metadata != null && metadata.containsKey("contract"))
                .as("%s declares its contract (metadata.contract)", where).isTrue();
        JsonNode contract = JSON.valueToTree(metadata.getMetadata("contract"));
        if (contract.has("not-replayable")) {
            assertThat(contract.get("not-replayable").asText()).as("%s: why it cannot be replayed", where).isNotBlank();
            return;
        }
        String service = contract.path("service").asText();
        assertThat(descriptor(department).services()).extracting(AdapterDescriptor.Service::name)
                .as("%s: the contract's service", where).contains(service);
        server.resetRequests();

        Exchange result = camel.send(ServiceDefinition.routeUri(department, service), exchange -> {
            exchange.setProperty(ServiceDefinition.REQUEST_ID_PROPERTY, "contract-" + stub.getId());
            exchange.getMessage().setBody(contract.get("input"));
        });

        List<ServeEvent> served = server.getAllServeEvents();
        assertThat(served).as("%s: the request reached the department once", where).hasSize(1);
        assertThat(served.get(0).getStubMapping().getId()).as("%s: and was answered by this very stub", where)
                .isEqualTo(stub.getId());
        JsonNode expect = contract.get("expect");
        if (expect.has("problem")) {
            assertThat(result.getException()).as("%s: a problem, not an answer", where).isNotNull();
            assertThat(problemCode(department, result.getException())).as("%s: the problem", where)
                    .isEqualTo(expect.get("problem").asText());
        } else {
            assertThat(result.getException()).as("%s: an answer", where).isNull();
            JsonNode answer = JSON.valueToTree(result.getMessage().getBody());
            expect.get("data").fields().forEachRemaining(field -> assertThat(answer.get(field.getKey()))
                    .as("%s: expect.data.%s", where, field.getKey()).isEqualTo(field.getValue()));
        }
    }

    /** The problem code the hub answers a caller with for this failure (as the hub's DepartmentCall maps it). */
    private static String problemCode(String department, Exception failure) {
        RuntimeException classified = DepartmentFailures.classify(department, failure);
        if (classified instanceof InvalidRequestException) {
            return "INVALID_REQUEST";
        }
        return ((DepartmentException) classified).kind().problemCode();
    }

    /**
     * The department's stub files, each mapping read as WireMock reads it: a loaded stub has no file name (recorded
     * ones have no name either), so failures find theirs by the same request and response.
     */
    private static Map<StubMapping, String> files(String department) throws IOException {
        Map<StubMapping, String> files = new LinkedHashMap<>();
        for (Resource file : new PathMatchingResourcePatternResolver()
                .getResources("classpath*:stubs/" + department + "/mappings/*.json")) {
            JsonNode root = JSON.readTree(file.getInputStream());
            for (JsonNode mapping : root.has("mappings") ? root.get("mappings") : List.of(root)) {
                files.put(StubMapping.buildFrom(mapping.toString()), file.getFilename());
            }
        }
        return files;
    }

    private static boolean sameStub(StubMapping fromFile, StubMapping loaded) {
        return Objects.equals(fromFile.getRequest(), loaded.getRequest())
                && Objects.equals(fromFile.getResponse(), loaded.getResponse())
                && Objects.equals(fromFile.getPriority(), loaded.getPriority())
                && Objects.equals(fromFile.getScenarioName(), loaded.getScenarioName())
                && Objects.equals(fromFile.getRequiredScenarioState(), loaded.getRequiredScenarioState());
    }

    private static AdapterDescriptor descriptor(String department) {
        return DESCRIBED.stream().filter(d -> d.department().equals(department)).findFirst().orElseThrow();
    }
}
