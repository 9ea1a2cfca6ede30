package tongban.hub.deploy;

import org.junit.jupiter.api.Test;
import tongban.hub.support.ProjectRoot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's README lists every documented value ({@code # --} comments in values.yaml, as helm-docs reads them)
 * with its default: generated from values.yaml, so it cannot drift. After changing values.yaml run this test with
 * {@code -Dtongban.update-chart-readme=true} to write it again.
 */
class ChartReadmeTest {

    private static final Path CHART = ProjectRoot.path().resolve("helm/tongban");

    @Test
    void theChartReadmeIsTheDocumentedValues() throws IOException {
        String expected = readme(Files.readAllLines(CHART.resolve("values.yaml")));
        Path readme = CHART.resolve("README.md");
        if (Boolean.getBoolean("tongban.update-chart-readme")) {
            Files.writeString(readme, expected);
        }
        assertThat(readme).as("helm/tongban/README.md is generated from values.yaml; rerun with "
                + "-Dtongban.update-chart-readme=true").hasContent(expected);
        assertThat(expected).contains("| `secrets.existingSecret` |", "| `messageLog.archive.retention` | `180d` |");
    }

    static String readme(List<String> values) {
        StringBuilder out = new StringBuilder("""
                # Tongban hub chart

                The hub of Tongban — the city's integration hub and single-sign-on gateway — on Kubernetes: the hub's
                Deployment with its probes, Service, autoscaler and disruption budget, the message log's archive
                volume, and optionally an Ingress, a ServiceMonitor and alert rules. Keycloak, PostgreSQL and Artemis
                are installed beside it; every secret comes from an existing Secret. `values.schema.json` checks every
                value; `helm test` checks readiness and that the API port does not serve the metrics.

                Generated from the `# --` comments of `values.yaml` (ChartReadmeTest keeps it so).

                | Value | Default | What it is |
                |---|---|---|
                """);
        List<String> path = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        StringBuilder doc = null;
        for (String line : values) {
            String trimmed = line.strip();
            int indent = line.length() - line.stripLeading().length();
            if (trimmed.startsWith("# --")) {
                doc = new StringBuilder(trimmed.substring(4).strip());
                continue;
            }
            if (trimmed.startsWith("#")) {
                if (doc != null) {
                    doc.append(' ').append(trimmed.substring(1).strip());
                }
                continue;
            }
            if (trimmed.isEmpty() || trimmed.startsWith("-") || !trimmed.contains(":")) {
                continue;
            }
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            String key = trimmed.substring(0, trimmed.indexOf(':'));
            String value = trimmed.substring(trimmed.indexOf(':') + 1).strip();
            path.add(key);
            indents.add(indent);
            if (doc != null) {
                String shown = value.isEmpty() ? "" : "`" + value.replace("|", "\\|") + "`";
                out.append("| `").append(String.join(".", path)).append("` | ").append(shown).append(" | ")
                        .append(doc.toString().replace("|", "\\|")).append(" |\n");
                doc = null;
            }
        }
        return out.toString();
    }
}
