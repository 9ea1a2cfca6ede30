package tongban.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.DepartmentFailures;
import tongban.adapters.support.ServiceDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of an adapter's route test: the adapters booted alone, the route under test advised (by route id) to copy its
 * result to a {@code mock:} endpoint. The department itself is its WireMock stubs, started by the subclass.
 */
@SpringBootTest(classes = AdapterTestApplication.class)
public abstract class AdapterRouteTest {

    @Autowired
    protected CamelContext camel;
    @Autowired
    protected ProducerTemplate producer;
    @Autowired
    protected ObjectMapper json;

    /** Camel as Spring started it, no route advised (for tests that only look at what a route returns). */
    protected void startOnce() {
        assertThat(camel.getStatus().isStarted()).isTrue();
    }

    /** Sends a canonical JSON request down a service's route, with a caller header that must never travel. */
    protected Exchange call(String department, String service, String requestJson) {
        return producer.send(ServiceDefinition.routeUri(department, service), e -> {
            e.getMessage().setHeader("Authorization", "Bearer must-not-travel");
            e.setProperty(ServiceDefinition.REQUEST_ID_PROPERTY, "test-request-1");
            e.getMessage().setBody(json.readTree(requestJson));
        });
    }

    /** How a failed call is classified, exactly as the hub classifies it. */
    protected static RuntimeException failureOf(Exchange result, String department) {
        assertThat(result.getException()).as("the call should have failed").isNotNull();
        return DepartmentFailures.classify(department, result.getException());
    }

    protected static DepartmentException.Kind kindOf(Exchange result, String department) {
        RuntimeException failure = failureOf(result, department);
        assertThat(failure).isInstanceOf(DepartmentException.class);
        return ((DepartmentException) failure).kind();
    }

    /**
     * Weaves {@code mockUri} at the end of {@code routeId}, once per Spring context (which the test framework shares
     * between test classes): advising replaces the running route, and the context remembers that it was advised.
     */
    protected void adviseOnce(String routeId, String mockUri) throws Exception {
        String advised = "tongban.test.advised." + routeId;
        if (camel.getGlobalOptions().putIfAbsent(advised, mockUri) == null) {
            AdviceWith.adviceWith(camel, routeId, route -> route.weaveAddLast().to(mockUri));
        }
    }
}
