package tongban.hub.architecture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YAML file a person maintains in the hub — items, bundles, calendars, access rights — names its JSON Schema on
 * its first line (so an editor with the YAML language server completes and checks it as it is typed) and satisfies
 * it. The hub's own loaders check the names the files refer to; the schemas check the shape.
 */
class DataFileSchemasTest {

    private static final Path RESOURCES = Path.of("src", "main", "resources");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A data folder and the schema beside its files. */
    record Folder(String dir, String schema, boolean recursive) {
        @Override
        public String toString() {
            return dir;
        }
    }

    static Stream<Folder> folders() {
        return Stream.of(new Folder("cases/items", "cases/items/item.schema.json", false),
                new Folder("cases/bundles", "cases/bundles/bundle.schema.json", false),
                new Folder("calendar", "calendar/calendar.schema.json", false),
                new Folder("halls", "halls/halls.schema.json", false),
                new Folder("access-rights", "access-rights/access-rights.schema.json", true));
    }

    private static Schema schema(String location) throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.readTree(RESOURCES.resolve(location).toFile()));
    }

    private static List<Path> yamlFiles(Folder folder) throws IOException {
        try (Stream<Path> files = folder.recursive() ? Files.walk(RESOURCES.resolve(folder.dir()))
                : Files.list(RESOURCES.resolve(folder.dir()))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("folders")
    void everyFileNamesItsSchemaAndSatisfiesIt(Folder folder) throws IOException {
        Schema schema = schema(folder.schema());
        List<Path> files = yamlFiles(folder);
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String firstLine = Files.readAllLines(file).get(0);
            Path named = file.getParent().resolve(firstLine.replaceFirst("^# yaml-language-server: \\$schema=", ""))
                    .normalize();
            assertThat(firstLine).as(file + ": first line").startsWith("# yaml-language-server: $schema=");
            assertThat(named).as(file + ": the schema it names").isEqualTo(RESOURCES.resolve(folder.schema()).normalize());
            List<Error> errors = schema.validate(YAML.readTree(file.toFile()));
            assertThat(errors).as(file.toString()).isEmpty();
        }
    }

    @Test
    void aMistakeAnEditorWouldMakeIsCaught() throws IOException {
        JsonNode item = YAML.readTree("""
                code: 11460100008256395K4000108001000
                department: traffic-police
                form:
                  reason: { label: 换证原因, type: choise }
                  plate: { type: text }
                shared:
                  - material: 交通违法记录
                    department: traffic-police
                """);
        List<Error> errors = schema("cases/items/item.schema.json").validate(item);
        assertThat(errors).extracting(Error::getMessage)
                .anyMatch(m -> m.contains("enumeration"))        // type: choise
                .anyMatch(m -> m.contains("'label'"))            // a field without its label
                .anyMatch(m -> m.contains("'service'"))          // a shared material without its service
                .anyMatch(m -> m.contains("'request'"));         // … and without its request

        JsonNode grants = YAML.readTree("name: 某系统\ngrants: [\"tax\", \"tax/tax-clearance\"]\n");
        assertThat(schema("access-rights/access-rights.schema.json").validate(grants)).hasSize(1);
    }
}
