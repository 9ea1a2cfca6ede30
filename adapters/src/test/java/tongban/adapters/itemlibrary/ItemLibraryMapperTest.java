package tongban.adapters.itemlibrary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import tongban.adapters.support.DepartmentException;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Maps the stubs' own answers (the same files the demo serves) to the canonical records. */
class ItemLibraryMapperTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode stub(String file) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/stubs/item-library/__files/" + file)) {
            return json.readTree(in);
        }
    }

    @Test
    void mapsAnItemWithMaterialsAndTimeLimits() throws IOException {
        ServiceItem item = ItemLibraryMapper.toItem(200, stub("item-11460100008256386X4000105001000.json"));

        assertThat(item.basicCode()).isEqualTo("000105001000");
        assertThat(item.implementationCode()).isEqualTo("11460100008256386X4000105001000");
        assertThat(item.name()).isEqualTo("居民身份证换领");
        assertThat(item.department()).isEqualTo("海口市公安局");
        assertThat(item.legalTimeLimitDays()).isEqualTo(60);
        assertThat(item.promisedTimeLimitDays()).isEqualTo(30);
        assertThat(item.visits()).isEqualTo(1);
        assertThat(item.materials()).extracting(ServiceItem.Material::name).containsExactly("居民户口簿", "原居民身份证");
        assertThat(item.materials().get(0).required()).isTrue();
    }

    @Test
    void onTheSpotMeansZeroDaysAndOptionalMaterialsStayOptional() throws IOException {
        assertThat(ItemLibraryMapper.toItem(200, stub("item-11460100MB0X12345Q4000201001000.json"))
                .promisedTimeLimitDays()).isZero();
        ServiceItem registration = ItemLibraryMapper.toItem(200, stub("item-11460100MB1926354K4000303002000.json"));
        assertThat(registration.materials()).filteredOn(m -> !m.required())
                .extracting(ServiceItem.Material::name).containsExactly("住所使用证明");
    }

    @Test
    void mapsAPage() throws IOException {
        ServiceItem.Page page = ItemLibraryMapper.toPage(200, stub("items-page-1.json"));

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.page()).isEqualTo(1);
        assertThat(page.items()).hasSize(2).first().extracting(ServiceItem.Summary::name).isEqualTo("居民身份证换领");
    }

    @Test
    void errorCodeInsideA200BodyIsADepartmentError() throws IOException {
        JsonNode busy = json.readTree("{\"code\":\"500\",\"msg\":\"系统繁忙,请稍后再试\",\"data\":null}");
        assertThatThrownBy(() -> ItemLibraryMapper.toItem(200, busy))
                .isInstanceOfSatisfying(DepartmentException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DepartmentException.Kind.ERROR);
                    assertThat(e.departmentCode()).isEqualTo("500");
                });
    }

    @Test
    void unknownItemIsRecordNotFound() throws IOException {
        JsonNode missing = json.readTree("{\"code\":\"404\",\"msg\":\"事项不存在或已注销\",\"data\":null}");
        assertThatThrownBy(() -> ItemLibraryMapper.toItem(200, missing))
                .isInstanceOfSatisfying(DepartmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(DepartmentException.Kind.RECORD_NOT_FOUND));
    }

    @Test
    void nonJsonGatewayPageAndUnavailableAreClassifiedByStatus() {
        assertThatThrownBy(() -> ItemLibraryMapper.toItem(502, null))
                .isInstanceOfSatisfying(DepartmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(DepartmentException.Kind.ERROR));
        assertThatThrownBy(() -> ItemLibraryMapper.toPage(503, null))
                .isInstanceOfSatisfying(DepartmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(DepartmentException.Kind.UNAVAILABLE));
    }

    @Test
    void unreadableTimeLimitIsADepartmentErrorNotASilentNull() throws IOException {
        assertThat(ItemLibraryMapper.days(json.readTree("\"\""))).isNull();
        assertThatThrownBy(() -> ItemLibraryMapper.days(json.readTree("\"三十\"")))
                .isInstanceOf(DepartmentException.class);
    }
}
