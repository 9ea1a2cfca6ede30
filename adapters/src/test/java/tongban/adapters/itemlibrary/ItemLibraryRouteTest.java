package tongban.adapters.itemlibrary;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.adapters.AdapterRouteTest;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.DepartmentFailures;
import tongban.adapters.support.InvalidRequestException;
import tongban.mocks.MockDepartment;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The item-library routes against the department's WireMock stubs (the ones in mocks/item-library). */
class ItemLibraryRouteTest extends AdapterRouteTest {

    private static final WireMockServer LIBRARY = MockDepartment.start("item-library", 0);
    private static final String DETAIL_ROUTE = "adapter-item-library-item-detail";

    @DynamicPropertySource
    static void departments(DynamicPropertyRegistry registry) {
        registry.add("tongban.departments.item-library.url", LIBRARY::baseUrl);
        registry.add("tongban.departments.item-library.timeout-ms", () -> "1500");
        registry.add("tongban.departments.public-security.url", () -> "http://127.0.0.1:9");
    }

    @AfterAll
    static void stop() {
        LIBRARY.stop();
    }

    @EndpointInject("mock:mapped")
    MockEndpoint mapped;

    @BeforeEach
    void prepare() throws Exception {
        adviseOnce(DETAIL_ROUTE, "mock:mapped");
        mapped.reset();
        LIBRARY.resetRequests();
    }

    private Exchange detail(String code, Map<String, Object> headers) throws Exception {
        return producer.send("direct:" + DETAIL_ROUTE, e -> {
            e.getMessage().setHeaders(headers);
            e.getMessage().setBody(json.readTree("{\"implementationCode\":\"" + code + "\"}"));
        });
    }

    @Test
    void detailIsMappedToTheCanonicalItem() throws Exception {
        mapped.expectedMessageCount(1);

        Exchange result = detail("11460100008256386X4000105001000", Map.of());

        mapped.assertIsSatisfied();
        assertThat(result.getException()).isNull();
        ServiceItem item = result.getMessage().getBody(ServiceItem.class);
        assertThat(item.name()).isEqualTo("居民身份证换领");
        assertThat(item.legalTimeLimitDays()).isEqualTo(60);
    }

    @Test
    void callerHeadersCannotRedirectTheCallOrReachTheDepartment() throws Exception {
        Exchange result = detail("11460100008256386X4000105001000", Map.of(
                Exchange.HTTP_URI, "http://127.0.0.1:1/elsewhere",
                Exchange.HTTP_PATH, "/../admin",
                "Authorization", "Bearer stolen"));

        assertThat(result.getException()).isNull();
        LIBRARY.verify(1, getRequestedFor(urlEqualTo("/api/sxk/v1/items/11460100008256386X4000105001000"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void listPassesPagingAsTheLibraryNamesIt() throws Exception {
        Exchange result = producer.send("direct:adapter-item-library-items",
                e -> e.getMessage().setBody(json.readTree("{\"page\":2,\"pageSize\":2}")));

        ServiceItem.Page page = result.getMessage().getBody(ServiceItem.Page.class);
        assertThat(page.page()).isEqualTo(2);
        assertThat(page.items()).extracting(ServiceItem.Summary::name).containsExactly("企业设立登记");
    }

    @Test
    void errorCodeInA200BodyFailsTheCallAsDepartmentError() throws Exception {
        mapped.expectedMessageCount(0);

        Exchange result = detail("11460100FAILURE00000000000000000", Map.of());

        mapped.assertIsSatisfied();
        assertThat(DepartmentFailures.classify("item-library", result.getException()))
                .isInstanceOfSatisfying(DepartmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(DepartmentException.Kind.ERROR));
    }

    @Test
    void slowLibraryIsATimeoutAfterTheConfiguredTime() throws Exception {
        long started = System.nanoTime();

        Exchange result = detail("11460100SLOWITEM0000000000000000", Map.of());

        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(DepartmentFailures.classify("item-library", result.getException()))
                .isInstanceOfSatisfying(DepartmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(DepartmentException.Kind.TIMEOUT));
        assertThat(tookMs).isBetween(1_400L, 4_000L);
    }

    @Test
    void codeThatCouldEscapeThePathIsRefusedBeforeAnyCall() throws Exception {
        Exchange result = detail("../../admin", Map.of());

        assertThat(result.getException()).isInstanceOf(InvalidRequestException.class);
        assertThat(LIBRARY.getAllServeEvents()).isEmpty();
    }
}
