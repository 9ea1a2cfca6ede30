package tongban.hub.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.marcnuri.helm.Helm;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tongban.hub.support.HubTestBase;
import tongban.hub.support.ProjectRoot;
import tongban.hub.support.Tokens;
import tongban.mocks.MockDepartment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A department added the way docs/adding-an-adapter.md says — a descriptor and a folder of stubs (with their
 * contracts and demo settings), in a temporary folder, nothing else written anywhere — shows up everywhere a
 * department does: the port plan of {@code ./tongban run}, the services list of a granted client, the exchange with
 * its canonical answers and problems (its stubs' contracts replayed through the hub), the metrics the ops console
 * reads, and the Helm chart's environment.
 */
class NewDepartmentEndToEndTest extends HubTestBase {

    private static final Path FOLDER = tempDir();
    private static final WireMockServer WATER;
    private static final Map<String, String> DEMO_SETTINGS;

    static {
        write("departments/water.yaml", """
                # yaml-language-server: $schema=department.schema.json
                # 海口水务集团 抄表系统 — bh 表号 · ds 读数 · cbrq 抄表日期 · zt 状态 (1 正常 2 停用)
                department: water
                title: 海口水务集团
                auth: { style: api-key, header: X-Sw-Key }
                result: { code: /retCode, ok: ["0"], not-found: ["404"], message: /retMsg, data: /data }
                services:
                  - name: meter-reading
                    title: 水表读数
                    method: GET
                    path: /api/meters/{meterNo}/readings
                    query: { month: "{month}" }
                    inputs:
                      meterNo: { type: code, pattern: "[0-9]{10}" }
                      month: { type: month, format: yyyyMM }
                    output:
                      meterNo: bh
                      reading: { from: ds, type: decimal }
                      readOn: { from: cbrq, type: date, format: yyyyMMdd }
                      status: { from: zt, codes: { "1": NORMAL, "2": STOPPED } }
                """);
        write("mocks/water/demo-settings.properties", "api-key=demo-only-water-key\n");
        write("mocks/water/mappings/water.json", """
                { "mappings": [
                  { "name": "抄表 正常", "priority": 5,
                    "request": { "method": "GET", "urlPath": "/api/meters/4601000001/readings",
                                 "headers": { "X-Sw-Key": { "equalTo": "demo-only-water-key" } } },
                    "response": { "status": 200, "jsonBody": { "retCode": "0", "retMsg": "成功",
                      "data": { "bh": "4601000001", "ds": "1234.5", "cbrq": "20200630", "zt": "1" } } },
                    "metadata": { "contract": { "service": "meter-reading",
                      "input": { "meterNo": "4601000001", "month": "2020-06" },
                      "expect": { "data": { "meterNo": "4601000001", "reading": 1234.5, "readOn": "2020-06-30",
                                            "status": "NORMAL" } } } } },
                  { "name": "未知状态码", "priority": 5,
                    "request": { "method": "GET", "urlPath": "/api/meters/4601000009/readings" },
                    "response": { "status": 200, "jsonBody": { "retCode": "0",
                      "data": { "bh": "4601000009", "ds": "1", "cbrq": "20200630", "zt": "7" } } },
                    "metadata": { "contract": { "service": "meter-reading",
                      "input": { "meterNo": "4601000009", "month": "2020-06" },
                      "expect": { "problem": "DEPARTMENT_ERROR" } } } },
                  { "name": "表号不存在", "priority": 9,
                    "request": { "method": "GET", "urlPathPattern": "/api/meters/[0-9]+/readings" },
                    "response": { "status": 200, "jsonBody": { "retCode": "404", "retMsg": "表号不存在" } },
                    "metadata": { "contract": { "service": "meter-reading",
                      "input": { "meterNo": "4601009999", "month": "2020-06" },
                      "expect": { "problem": "RECORD_NOT_FOUND" } } } }
                ] }
                """);
        // the mocks read their folder from this property, as ./tongban run sets it; only while this department starts
        String before = System.getProperty(MockDepartment.STUBS_DIR_PROPERTY);
        System.setProperty(MockDepartment.STUBS_DIR_PROPERTY, FOLDER.resolve("mocks").toString());
        try {
            assertThat(MockDepartment.all()).containsExactly("water");
            WATER = MockDepartment.start("water", 0);
            DEMO_SETTINGS = MockDepartment.hubSettings("water");
        } finally {
            if (before == null) {
                System.clearProperty(MockDepartment.STUBS_DIR_PROPERTY);
            } else {
                System.setProperty(MockDepartment.STUBS_DIR_PROPERTY, before);
            }
        }
    }

    @DynamicPropertySource
    static void newDepartment(DynamicPropertyRegistry registry) {
        registry.add("tongban.data-dir", () -> FOLDER.resolve("hub").toString());
        registry.add("tongban.adapters.descriptors-dir", () -> FOLDER.resolve("departments").toString());
        // what ./tongban run passes: the mock's URL and the demo settings beside its stubs
        registry.add("tongban.departments.water.url", WATER::baseUrl);
        DEMO_SETTINGS.forEach((name, value) -> registry.add(name, () -> value));
        // the demo client as its own rights file grants it in the embedded default (the base narrows it)
        registry.add(EXTRA_CLI_GRANT, () -> "*/*");
    }

    @Test
    void theRunScriptGivesTheNewMockDepartmentAPort() throws Exception {
        ProcessBuilder withWater = new ProcessBuilder("bash", ProjectRoot.path().resolve("tongban").toString(), "ports")
                .redirectErrorStream(true);
        withWater.environment().put("TONGBAN_MOCKS_DIR", FOLDER.resolve("mocks").toString());
        withWater.environment().put("TONGBAN_MOCK_PORT_BASE", "9300");
        Process run = withWater.start();
        String waterPlan = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor()).isZero();
        // water declares no port offset: the first free one from 20, moving no shipped department
        assertThat(waterPlan).containsPattern("department water +9320");
    }

    @Test
    void aGrantedClientSeesItAndItsStubsContractsHoldThroughTheHub() throws Exception {
        JsonNode services = read(http.exchange("/api/v1/services", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(bearer()), String.class));
        assertThat(services.toString()).contains("water/meter-reading", "水表读数");

        List<StubMapping> stubs = WATER.listAllStubMappings().getMappings();
        assertThat(stubs).hasSize(3);
        for (StubMapping stub : stubs) {
            JsonNode contract = json.valueToTree(stub.getMetadata().getMetadata("contract"));
            ResponseEntity<String> answer = call("zhangsan", "water/" + contract.get("service").asText(),
                    contract.get("input").toString());
            JsonNode expect = contract.get("expect");
            if (expect.has("problem")) {
                assertThat(read(answer).path("code").asText()).as(stub.getName())
                        .isEqualTo(expect.get("problem").asText());
            } else {
                assertThat(answer.getStatusCode().value()).as(stub.getName() + ": " + answer.getBody()).isEqualTo(200);
                JsonNode data = read(answer).get("data");
                expect.get("data").fields().forEachRemaining(field ->
                        assertThat(data.get(field.getKey()).asText()).as(field.getKey()).isEqualTo(field.getValue().asText()));
            }
        }
    }

    @Test
    void itsCallsAndQueueAreInTheMetricsTheOpsConsoleReads() {
        call("zhangsan", "water/meter-reading", "{\"meterNo\":\"4601000001\",\"month\":\"2020-06\"}");

        String scraped = http.getForObject("/actuator/prometheus", String.class);

        assertThat(scraped).contains("tongban_exchange_calls_total{department=\"water\",outcome=\"OK\"",
                "tongban_queue_depth{department=\"water\"", "resilience4j_circuitbreaker_state{name=\"water\"");
    }

    @Test
    void theChartSetsItsUrlAndTakesItsSecretFromTheDepartmentsSecret() {
        String manifest = new Helm(ProjectRoot.path().resolve("helm/tongban")).template().withName("tongban")
                .set("departments.urls.water", "http://sw.haikou.example.invalid").call();

        assertThat(manifest).contains("TONGBAN_DEPARTMENTS_WATER_URL: \"http://sw.haikou.example.invalid\"")
                .contains("secretRef:\n                name: tongban-department-secrets");
        assertThat(DEMO_SETTINGS).containsKey("tongban.departments.water.api-key");
    }

    private static org.springframework.http.HttpHeaders bearer() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(Tokens.of("zhangsan"));
        return headers;
    }

    private static void write(String path, String text) {
        try {
            Path file = FOLDER.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
