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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    Stream<DynamicTest> everyStubOfEveryDescribedDepartmentGivesWhatItsContractSays() {
        List<DynamicTest> tests = new ArrayList<>();
        MOCKS.forEach((department, server) -> {
            List<StubMapping> stubs = server.listAllStubMappings().getMappings();
            assertThat(stubs).as(department + " has stubs").isNotEmpty();
            for (StubMapping stub : stubs) {
                tests.add(DynamicTest.dynamicTest(department + ": " + stub.getName(), () -> replay(department, server, stub)));
            }
        });
        return tests.stream();
    }

    private void replay(String department, WireMockServer server, StubMapping stub) throws Exception {
        Metadata metadata = stub.getMetadata();
        assertThat(metadata != null && metadata.containsKey("contract"))
                .as("stub '%s' of %s declares its contract (metadata.contract)", stub.getName(), department).isTrue();
        JsonNode contract = JSON.valueToTree(metadata.getMetadata("contract"));
        if (contract.has("not-replayable")) {
            assertThat(contract.get("not-replayable").asText()).as("why it cannot be replayed").isNotBlank();
            return;
        }
        String service = contract.path("service").asText();
        assertThat(descriptor(department).services()).extracting(AdapterDescriptor.Service::name)
                .as("the contract's service").contains(service);
        server.resetRequests();

        Exchange result = camel.send(ServiceDefinition.routeUri(department, service), exchange -> {
            exchange.setProperty(ServiceDefinition.REQUEST_ID_PROPERTY, "contract-" + stub.getId());
            exchange.getMessage().setBody(contract.get("input"));
        });

        List<ServeEvent> served = server.getAllServeEvents();
        assertThat(served).as("the request reached the department once").hasSize(1);
        assertThat(served.get(0).getStubMapping().getId()).as("and was answered by this very stub")
                .isEqualTo(stub.getId());
        JsonNode expect = contract.get("expect");
        if (expect.has("problem")) {
            assertThat(result.getException()).as("a problem, not an answer").isNotNull();
            assertThat(problemCode(department, result.getException())).isEqualTo(expect.get("problem").asText());
        } else {
            assertThat(result.getException()).as("an answer").isNull();
            JsonNode answer = JSON.valueToTree(result.getMessage().getBody());
            expect.get("data").fields().forEachRemaining(field ->
                    assertThat(answer.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue()));
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

    private static AdapterDescriptor descriptor(String department) {
        return DESCRIBED.stream().filter(d -> d.department().equals(department)).findFirst().orElseThrow();
    }
}
