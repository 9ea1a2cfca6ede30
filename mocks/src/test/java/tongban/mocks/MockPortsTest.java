package tongban.mocks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A department added to mocks/ takes a port of its own and moves no one else's. */
class MockPortsTest {

    @TempDir
    Path mocks;

    @AfterEach
    void clear() {
        System.clearProperty(MockDepartment.STUBS_DIR_PROPERTY);
    }

    @Test
    void theShippedDepartmentsKeepTheirPortsWhateverIsAdded() throws IOException {
        Map<String, Integer> shipped = MockPorts.offsets(MockDepartment.all());
        assertThat(shipped).containsEntry("item-library", 3).containsEntry("tax", 8).containsEntry("traffic-police", 9);
        assertThat(shipped.keySet()).allSatisfy(d -> assertThat(MockPorts.declared(d)).as(d).isTrue());

        // the same departments plus two new ones whose names sort first and in the middle
        for (String department : shipped.keySet()) {
            department(department, "mock.port-offset=" + shipped.get(department));
        }
        department("aaa-housing-fund", null);
        department("land-registry", null);
        System.setProperty(MockDepartment.STUBS_DIR_PROPERTY, mocks.toString());

        Map<String, Integer> after = MockPorts.offsets(MockDepartment.all());
        shipped.forEach((department, offset) -> assertThat(after).containsEntry(department, offset));
        // the first free offsets from 20 on, in the order of the names
        int first = 20;
        while (shipped.containsValue(first)) {
            first++;
        }
        int second = first + 1;
        while (shipped.containsValue(second)) {
            second++;
        }
        assertThat(after).containsEntry("aaa-housing-fund", first).containsEntry("land-registry", second);
        assertThat(MockPorts.declared("land-registry")).isFalse();
    }

    @Test
    void twoDepartmentsOnOneOffsetOrAnOffsetOfThePortalsAreRefusedByName() throws IOException {
        department("housing-fund", "mock.port-offset=22");
        department("land-registry", "mock.port-offset=22");
        System.setProperty(MockDepartment.STUBS_DIR_PROPERTY, mocks.toString());
        assertThatThrownBy(() -> MockPorts.offsets(MockDepartment.all()))
                .hasMessage("mocks/housing-fund and mocks/land-registry both declare mock.port-offset=22; "
                        + "give one of them a free offset");

        department("land-registry", "mock.port-offset=12");
        assertThatThrownBy(() -> MockPorts.offsets(MockDepartment.all()))
                .hasMessageContaining("mocks/land-registry: mock.port-offset=12 is outside 0–9 and 20–99");
    }

    private void department(String name, String settings) throws IOException {
        Files.createDirectories(mocks.resolve(name).resolve("mappings"));
        Files.writeString(mocks.resolve(name).resolve("mappings").resolve("a.json"), "{\"mappings\": []}");
        if (settings != null) {
            Files.writeString(mocks.resolve(name).resolve(MockDepartment.SETTINGS_FILE), settings + "\n");
        }
    }
}
