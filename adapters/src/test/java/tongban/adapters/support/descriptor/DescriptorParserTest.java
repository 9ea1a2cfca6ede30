package tongban.adapters.support.descriptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A wrong descriptor is refused with the file and the field named; a right one reads completely. */
class DescriptorParserTest {

    private static final String GOOD = """
            department: water
            auth: { style: api-key }
            result: { code: /code, ok: ["0"], data: /data }
            services:
              - name: meter
                method: GET
                path: /meters/{meterNo}
                inputs:
                  meterNo: { type: code, pattern: "[0-9]{8}" }
                output:
                  reading: { from: ds, type: decimal }
            """;

    private static AdapterDescriptor parse(String yaml) {
        return DescriptorParser.parse("departments/water.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aGoodDescriptorIsReadCompletely() {
        AdapterDescriptor descriptor = parse(GOOD);

        assertThat(descriptor.department()).isEqualTo("water");
        assertThat(descriptor.auth().style()).isEqualTo(AdapterDescriptor.AuthStyle.API_KEY);
        assertThat(descriptor.auth().header()).isEqualTo("X-Api-Key");
        AdapterDescriptor.Service meter = descriptor.services().get(0);
        assertThat(meter.idempotent()).as("a GET is a read").isTrue();
        assertThat(meter.output()).extracting(AdapterDescriptor.OutputField::from).containsExactly("/ds");
    }

    static Stream<Arguments> wrongDescriptors() {
        return Stream.of(
                Arguments.of("missing department", "department: water\n", "", ": department: is required"),
                Arguments.of("department not kebab case", "department: water", "department: Water_Works",
                        "department: 'Water_Works' must be kebab case"),
                Arguments.of("a property name where the convention rules", "auth: { style: api-key }",
                        "auth: { style: api-key, key-property: tongban.water.key }",
                        "auth.key-property: unknown field (allowed: style, header)"),
                Arguments.of("unknown output type", "type: decimal", "type: money",
                        "services[0].output.reading.type: unknown value 'money' (one of text, integer, decimal"),
                Arguments.of("unknown auth style", "style: api-key", "style: kerberos",
                        "auth.style: unknown value 'kerberos'"),
                Arguments.of("typo in a field name", "method: GET", "methd: GET", "services[0].methd: unknown field"),
                Arguments.of("placeholder not an input", "path: /meters/{meterNo}", "path: /meters/{meterNumber}",
                        "services[0].path: {meterNumber} is not one of the inputs"),
                Arguments.of("unknown input type", "type: code,", "type: barcode,",
                        "services[0].inputs.meterNo.type: unknown value 'barcode'"),
                Arguments.of("bad regular expression", "pattern: \"[0-9]{8}\"", "pattern: \"[0-9\"",
                        "services[0].inputs.meterNo.pattern: is not a regular expression"),
                Arguments.of("code without a pattern", ", pattern: \"[0-9]{8}\"", "",
                        "services[0].inputs.meterNo.pattern: is required"),
                Arguments.of("GET with a body", "    path: /meters/{meterNo}\n",
                        "    path: /meters/{meterNo}\n    body: { a: 1 }\n", "services[0].body: a GET sends no body"),
                Arguments.of("ok codes missing", "ok: [\"0\"], ", "", "result.ok: is required"),
                Arguments.of("bad duration", "department: water", "department: water\ntimeout: soon",
                        "timeout: 'soon' is not a duration"),
                Arguments.of("callback without event id", "services:", "callbacks:\n  - name: read\n"
                                + "    client: water-system\n    fields: { a: b }\nservices:",
                        "callbacks[0].event-id: is required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongDescriptors")
    void aWrongDescriptorNamesFileAndField(String caseName, String good, String bad, String message) {
        String yaml = GOOD.replace(good, bad);
        assertThat(yaml).as("the case must change the descriptor").isNotEqualTo(GOOD);

        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(DescriptorException.class)
                .hasMessageStartingWith("departments/water.yaml: ")
                .hasMessageContaining(message);
    }

    @Test
    void aDuplicateServiceIsNamed() {
        String twice = GOOD + """
                  - name: meter
                    method: GET
                    path: /m
                    output: { a: b }
                """;

        assertThatThrownBy(() -> parse(twice))
                .hasMessage("departments/water.yaml: services[1].name: duplicate service 'meter'");
    }

    @Test
    void anInputThatIsNeverSentIsAnError() {
        String unused = GOOD.replace("      meterNo: { type: code, pattern: \"[0-9]{8}\" }",
                "      meterNo: { type: code, pattern: \"[0-9]{8}\" }\n      month: { type: month }");

        assertThatThrownBy(() -> parse(unused)).hasMessageContaining("services[0].inputs.month: is never sent");
    }

    @Test
    void theSubjectMustBeAnIdNumberInput() {
        String subject = GOOD.replace("    method: GET", "    method: GET\n    subject: meterNo");

        assertThatThrownBy(() -> parse(subject))
                .hasMessageContaining("services[0].subject: must name a required input of type id-number");
    }

    @Test
    void notYamlAtAllIsNamed() {
        assertThatThrownBy(() -> parse("department: [unclosed"))
                .hasMessageStartingWith("departments/water.yaml: not valid YAML");
    }
}
