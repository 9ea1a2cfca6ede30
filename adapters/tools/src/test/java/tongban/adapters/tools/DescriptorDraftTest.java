package tongban.adapters.tools;

import tongban.adapters.support.descriptor.DescriptorParser;
import tongban.adapters.support.descriptor.AdapterDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Drafting a descriptor from recorded stubs: the mocks' own recordings of two departments, re-read blind. */
class DescriptorDraftTest {

    private static AdapterDescriptor draft(String department, String recordedAs) throws Exception {
        String yaml = DescriptorDraft.draft(department, Path.of("..", "..", "mocks", recordedAs));
        return DescriptorParser.parse(department + ".yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPathWithAnIdBecomesAServiceWithATypedInputAndTheSampleAnswerItsOutput() throws Exception {
        AdapterDescriptor water = draft("market", "enterprise-registration");

        assertThat(water.auth().style()).isEqualTo(AdapterDescriptor.AuthStyle.API_KEY);
        assertThat(water.result().codePointer()).isEqualTo("/code");
        assertThat(water.result().ok()).containsExactly("00000");
        assertThat(water.result().dataPointer()).isEqualTo("/data");
        assertThat(water.services()).extracting(AdapterDescriptor.Service::method).containsExactly("GET", "POST", "POST");
        assertThat(water.services()).extracting(AdapterDescriptor.Service::pathTemplate)
                .as("the application intake and the work-order intake, each its own shape")
                .contains("/qydj/api/v2/sqsl/slsq", "/qydj/api/v2/gd/jsgd");
        AdapterDescriptor.Service service = water.services().get(0);
        assertThat(water.services().get(1).inputs()).as("the application intake's body fields, from its patterns")
                .containsKeys("wbywh", "qymc");
        assertThat(service.pathTemplate()).isEqualTo("/qydj/api/v2/qyxx/{qyxxId}");
        assertThat(service.inputs().get("qyxxId").type()).as("every recorded value is a credit code")
                .isEqualTo(AdapterDescriptor.InputType.CREDIT_CODE);
        assertThat(service.output()).extracting(AdapterDescriptor.OutputField::from).contains("/qymc", "/tyshxydm");
        assertThat(water.statusKinds()).containsEntry(429, tongban.adapters.support.DepartmentException.Kind.UNAVAILABLE);
    }

    @Test
    void queryParametersAndJsonBodyFieldsBecomeInputsAndOneShapeIsOneService() throws Exception {
        AdapterDescriptor tax = draft("tax-bureau", "tax");

        assertThat(tax.services()).extracting(AdapterDescriptor.Service::method).startsWith("POST", "GET");
        assertThat(tax.services()).extracting(AdapterDescriptor.Service::pathTemplate)
                .as("one service per request shape recorded, the application intakes too")
                .contains("/openapi/tax/v1/xbnsr/sq", "/openapi/tax/v1/qs/sb");
        AdapterDescriptor.Service query = tax.services().get(0);
        assertThat(query.inputs().get("nsrsbh").type()).as("recorded with id numbers only")
                .isEqualTo(AdapterDescriptor.InputType.ID_NUMBER);
        assertThat(query.bodyTemplate()).contains("\"nsrsbh\":\"{nsrsbh}\"");
        AdapterDescriptor.Service status = tax.services().get(1);
        assertThat(status.query()).containsEntry("nsrsbh", "{nsrsbh}");
        assertThat(status.inputs().get("nsrsbh").type()).isEqualTo(AdapterDescriptor.InputType.CREDIT_CODE);
    }

    /**
     * A department the project has never seen, recorded as it answers: a static token header, pinyin field names,
     * its result code and message inside HTTP 200, a service about a person, and a README beside the stubs.
     */
    @Test
    void aRecordingsKeyHeaderResultCodesAndPersonAreDraftedAndOnlyItsStubsAreCopied(@TempDir Path project)
            throws Exception {
        Path recording = Path.of("src/test/resources/recorded/housing-fund");
        String yaml = DescriptorDraft.draft("housing-fund", recording);
        AdapterDescriptor fund = DescriptorParser.parse("housing-fund.yaml",
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));

        assertThat(fund.auth().style()).isEqualTo(AdapterDescriptor.AuthStyle.API_KEY);
        assertThat(fund.auth().header()).isEqualTo("X-Gjj-Token");
        assertThat(fund.result().codePointer()).isEqualTo("/fhdm");
        assertThat(fund.result().ok()).containsExactly("0000");
        assertThat(fund.result().messagePointer()).isEqualTo("/fhxx");
        assertThat(fund.result().dataPointer()).isEqualTo("/sj");
        assertThat(fund.result().notFound()).as("无此缴存人").containsExactly("1001");
        assertThat(fund.result().unavailable()).as("系统维护中，请稍后再试").containsExactly("9999");
        AdapterDescriptor.Service account = fund.services().get(0);
        assertThat(account.subjectInput()).isEqualTo("sfzhm");
        assertThat(account.output()).extracting(AdapterDescriptor.OutputField::from).contains("/grzh", "/ye");

        Path mocks = project.resolve("mocks");
        Files.createDirectories(mocks.resolve("tax"));
        Files.writeString(mocks.resolve("tax").resolve("demo-settings.properties"), "mock.port-offset=20\n");
        DescriptorDraft.copyStubs(recording, mocks.resolve("housing-fund"));
        assertThat(mocks.resolve("housing-fund").resolve("mappings").resolve("account.json")).exists();
        assertThat(mocks.resolve("housing-fund").resolve("README.md")).as("not a stub").doesNotExist();
        assertThat(DescriptorDraft.nextFreeOffset(mocks)).isEqualTo(21);
    }
}
