package tongban.adapters;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

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

    /** Weaves {@code mockUri} at the end of {@code routeId} and starts Camel, once per Spring context. */
    protected void adviseOnce(String routeId, String mockUri) throws Exception {
        if (!camel.getStatus().isStarted()) {
            AdviceWith.adviceWith(camel, routeId, route -> route.weaveAddLast().to(mockUri));
            camel.start();
        }
    }
}
