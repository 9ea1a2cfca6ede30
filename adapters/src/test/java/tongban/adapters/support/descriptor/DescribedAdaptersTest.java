package tongban.adapters.support.descriptor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tongban.adapters.AdapterTestApplication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Loading all descriptors, and what a broken one does to the start of the application. */
class DescribedAdaptersTest {

    private static final String WATER = """
            department: water
            services:
              - name: meter
                method: GET
                path: /meters
                output: { reading: ds }
            """;

    @Test
    void theShippedDescriptorsAllLoad() {
        assertThat(DescribedAdapters.load(null)).extracting(AdapterDescriptor::department)
                .contains("enterprise-registration", "construction-approval");
    }

    @Test
    void aDepartmentDescribedTwiceNamesBothFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("construction-approval.yaml"), WATER.replace("water", "construction-approval"));

        assertThatThrownBy(() -> DescribedAdapters.load(dir.toString()))
                .hasMessageContaining("construction-approval.yaml: department: 'construction-approval' is already described by departments/construction-approval.yaml");
    }

    @Test
    void theFileNameMustBeTheDepartment(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("waterworks.yaml"), WATER);

        assertThatThrownBy(() -> DescribedAdapters.load(dir.toString()))
                .hasMessageContaining("waterworks.yaml: department: 'water' must match the file name (water.yaml)");
    }

    @Test
    void aBrokenDescriptorStopsTheStartNamingFileAndField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("water.yaml"), WATER.replace("    method: GET\n", "    method: GET\n    auth: x\n"));

        Throwable failure = catchThrowable(() -> start(dir, "--tongban.departments.water.url=http://127.0.0.1:9"));

        assertThat(rootCause(failure)).isInstanceOf(DescriptorException.class)
                .hasMessageContaining("water.yaml: services[0].auth: unknown field");
    }

    @Test
    void aUrlThatIsNotSetStopsTheStartNamingTheVariable(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("water.yaml"), WATER);

        Throwable failure = catchThrowable(() -> start(dir));

        assertThat(rootCause(failure)).isInstanceOf(DescriptorException.class)
                .hasMessageContaining("water.yaml: department: setting 'tongban.departments.water.url' is not set "
                        + "(environment: TONGBAN_DEPARTMENTS_WATER_URL");
    }

    @Test
    void aSecretOfTheAuthStyleThatIsNotSetStopsTheStart(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("water.yaml"), WATER.replace("services:", "auth: { style: hmac-sha256 }\nservices:"));

        Throwable failure = catchThrowable(() -> start(dir, "--tongban.departments.water.url=http://127.0.0.1:9",
                "--tongban.departments.water.app-key=k"));

        assertThat(rootCause(failure)).isInstanceOf(DescriptorException.class)
                .hasMessageContaining("water.yaml: auth: setting 'tongban.departments.water.app-secret' is not set "
                        + "(environment: TONGBAN_DEPARTMENTS_WATER_APP_SECRET");
    }

    private static void start(Path dir, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--" + DescribedAdapters.EXTRA_DIR_PROPERTY + "=" + dir;
        all[1] = "--camel.main.auto-startup=false";
        System.arraycopy(args, 0, all, 2, args.length);
        new SpringApplicationBuilder(AdapterTestApplication.class).run(all).close();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t != null && !(t instanceof DescriptorException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
