package tongban.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.DepartmentFailures;
import tongban.adapters.support.ServiceDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of an adapter's route test: the adapters booted alone, Camel held back until the route under test
 * has been advised (by route id) to copy its result to a {@code mock:} endpoint. The department itself is
 * its WireMock stubs, started by the subclass.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = AdapterTestApplication.class)
public abstract class AdapterRouteTest {

    @Autowired
    protected CamelContext camel;
    @Autowired
    protected ProducerTemplate producer;
    @Autowired
    protected ObjectMapper json;

    /** Starts Camel without advising any route (for tests that only look at what a route returns). */
    protected void startOnce() {
        if (!camel.getStatus().isStarted()) {
            camel.start();
        }
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

    /** Weaves {@code mockUri} at the end of {@code routeId} and starts Camel, once per Spring context. */
    protected void adviseOnce(String routeId, String mockUri) throws Exception {
        if (!camel.getStatus().isStarted()) {
            AdviceWith.adviceWith(camel, routeId, route -> route.weaveAddLast().to(mockUri));
            camel.start();
        }
    }
}
