package tongban.hub.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tongban.adapters.support.DepartmentSettings;
import tongban.adapters.support.descriptor.DescribedAdapters;
import tongban.hub.support.ProjectRoot;
import tongban.mocks.MockDepartment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code helm/tongban} linted and rendered by a real helm (helm-java bundles it), with the default values and with
 * the files in {@code ci/}; the assertions read the rendered Kubernetes objects.
 */
class HelmChartTest {

    private static final Path CHART = ProjectRoot.path().resolve("helm/tongban");

    private static List<Map<String, Object>> render(Helm helm) {
        return objects(helm.template().withName("tongban").withNamespace("gov").call());
    }

    private static List<Map<String, Object>> render(String valuesFile) {
        return objects(new Helm(CHART).template().withName("tongban").withNamespace("gov")
                .withValuesFile(CHART.resolve("ci").resolve(valuesFile)).call());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(String manifest) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(manifest)) {
            if (document instanceof Map<?, ?> map) {
                objects.add((Map<String, Object>) map);
            }
        }
        return objects;
    }

    private static Map<String, Object> only(List<Map<String, Object>> objects, String kind) {
        List<Map<String, Object>> found = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static List<String> kinds(List<Map<String, Object>> objects) {
        return objects.stream().map(o -> (String) o.get("kind")).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            current = step.matches("\\d+") ? ((List<Object>) current).get(Integer.parseInt(step))
                    : ((Map<String, Object>) current).get(step);
        }
        return (T) current;
    }

    @Test
    void lintsCleanEvenStrictly() {
        LintResult lint = new Helm(CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void theDeploymentRunsNonRootReadOnlyWithProbesOnTheActuatorGroups() {
        List<Map<String, Object>> objects = render(new Helm(CHART));
        Map<String, Object> pod = at(only(objects, "Deployment"), "spec", "template", "spec");
        Map<String, Object> hub = at(pod, "containers", "0");

        assertThat((Object) at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat((Object) at(hub, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat((Object) at(hub, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat((List<String>) at(hub, "securityContext", "capabilities", "drop")).containsExactly("ALL");
        assertThat((String) at(hub, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat((String) at(hub, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat((String) at(hub, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat((String) at(hub, probe, "httpGet", "port")).as("health is on the management port, apart from "
                    + "the API").isEqualTo("management");
        }
        assertThat((String) at(hub, "resources", "limits", "memory")).isEqualTo("1Gi");
        assertThat((String) at(hub, "volumeMounts", "0", "mountPath")).as("the only writable place").isEqualTo("/tmp");
        assertThat(kinds(objects)).contains("Service", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                "ServiceAccount").doesNotContain("Ingress", "ServiceMonitor", "PrometheusRule", "Secret");
        assertThat((Object) at(only(objects, "Deployment"), "spec", "replicas")).as("the autoscaler decides").isNull();
    }

    @Test
    void theAutoscalerAddsHubsEarlyOnCpuAndTakesThemAwaySlowly() {
        Map<String, Object> hpa = only(render(new Helm(CHART)), "HorizontalPodAutoscaler");

        assertThat((String) at(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat((Object) at(hpa, "spec", "minReplicas")).as("one hub may fail").isEqualTo(2);
        assertThat((String) at(hpa, "spec", "metrics", "0", "resource", "name")).isEqualTo("cpu");
        assertThat((Object) at(hpa, "spec", "metrics", "0", "resource", "target", "averageUtilization")).isEqualTo(70);
        assertThat((Object) at(hpa, "spec", "behavior", "scaleUp", "stabilizationWindowSeconds")).isEqualTo(0);
        assertThat((Object) at(hpa, "spec", "behavior", "scaleUp", "policies", "0", "value")).isEqualTo(2);
        assertThat((Object) at(hpa, "spec", "behavior", "scaleDown", "stabilizationWindowSeconds")).isEqualTo(600);
        assertThat((Object) at(hpa, "spec", "behavior", "scaleDown", "policies", "0", "value")).isEqualTo(1);
    }

    @Test
    void everySecretComesFromTheExistingSecretAndNoneIsInTheChart() {
        List<Map<String, Object>> objects = render(new Helm(CHART));
        List<Map<String, Object>> env = at(only(objects, "Deployment"), "spec", "template", "spec", "containers", "0", "env");

        assertThat(env).isNotEmpty().allSatisfy(variable ->
                assertThat((String) at(variable, "valueFrom", "secretKeyRef", "name")).isEqualTo("tongban-secrets"));
        Map<String, String> config = at(only(objects, "ConfigMap"), "data");
        assertThat(config.toString()).doesNotContainIgnoringCase("secret=").doesNotContain("password=");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableTheProdProfileNeedsIsSetByTheChart() throws IOException {
        List<Map<String, Object>> objects = render(new Helm(CHART));
        Set<String> provided = new HashSet<>(((Map<String, String>) at(only(objects, "ConfigMap"), "data")).keySet());
        List<Map<String, Object>> env = at(only(objects, "Deployment"), "spec", "template", "spec", "containers", "0", "env");
        env.forEach(variable -> provided.add((String) variable.get("name")));

        String prod = Files.readString(ProjectRoot.path().resolve("routes/src/main/resources/application-prod.yml"));
        Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+)}").matcher(prod); // no default: the hub needs it
        List<String> needed = new ArrayList<>();
        while (required.find()) {
            needed.add(required.group(1));
        }
        assertThat(needed).isNotEmpty();
        assertThat(provided).containsAll(needed);
        assertThat(provided).contains("SPRING_PROFILES_ACTIVE");
    }

    /**
     * The chart names no department: each one's URL comes from {@code departments.urls} and each one's secrets from
     * the departments' Secret, whole. Rendered with a URL for every department there is, the hub gets every variable
     * a descriptor requires — the URL from the ConfigMap, the secrets through the Secret.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyDepartmentsUrlAndSecretsHaveTheirPlaceInTheChart() {
        Helm helm = new Helm(CHART);
        var template = helm.template().withName("tongban").withNamespace("gov");
        List<String> departments = MockDepartment.all();
        for (String department : departments) {
            template.set("departments.urls." + department, "http://" + department + ".gov.example.invalid");
        }
        List<Map<String, Object>> objects = objects(template.call());
        Map<String, String> config = at(only(objects, "ConfigMap"), "data");
        List<Map<String, Object>> envFrom = at(only(objects, "Deployment"), "spec", "template", "spec", "containers", "0", "envFrom");
        List<String> secretsFromTheDepartmentsSecret = envFrom.stream().filter(e -> e.containsKey("secretRef"))
                .map(e -> (String) at(e, "secretRef", "name")).toList();

        assertThat(departments).contains("tax", "item-library");
        for (String department : departments) {
            assertThat(config).containsEntry(DepartmentSettings.environmentVariable(DepartmentSettings.of(department, "url")),
                    "http://" + department + ".gov.example.invalid");
        }
        List<String> secretVariables = DescribedAdapters.load(null).stream()
                .flatMap(d -> d.secretSettings().stream()).map(DepartmentSettings::environmentVariable).toList();
        assertThat(secretVariables).as("descriptors with secrets").contains("TONGBAN_DEPARTMENTS_TAX_APP_SECRET");
        assertThat(secretsFromTheDepartmentsSecret).as("where " + secretVariables + " come from")
                .containsExactly("tongban-department-secrets");
        assertThat(config.keySet()).as("no secret in the ConfigMap").doesNotContainAnyElementsOf(secretVariables);
    }

    @Test
    void theFullValuesTurnOnIngressMonitoringAndAlerts() {
        List<Map<String, Object>> objects = render("full-values.yaml");

        Map<String, Object> ingress = only(objects, "Ingress");
        assertThat((String) at(ingress, "spec", "rules", "0", "host")).isEqualTo("tongban.haikou.example.invalid");
        assertThat((String) at(ingress, "spec", "tls", "0", "secretName")).isEqualTo("tongban-tls");
        assertThat((String) at(only(objects, "ServiceMonitor"), "spec", "endpoints", "0", "path"))
                .isEqualTo("/actuator/prometheus");
        assertThat((String) at(only(objects, "ServiceMonitor"), "spec", "endpoints", "0", "port")).isEqualTo("management");
        assertThat((String) at(ingress, "spec", "rules", "0", "http", "paths", "0", "backend", "service", "port", "name"))
                .as("metrics and health are not routed from outside").isEqualTo("http");
        List<Map<String, Object>> rules = at(only(objects, "PrometheusRule"), "spec", "groups", "0", "rules");
        assertThat(rules).extracting(r -> r.get("alert"))
                .containsExactly("TongbanDeadLettersGrowing", "TongbanCircuitOpen", "TongbanQueueDepthHigh");
        assertThat((String) rules.get(2).get("expr")).contains("tongban_queue_depth", "> 200");
        List<Map<String, Object>> orders = at(only(objects, "PrometheusRule"), "spec", "groups", "1", "rules");
        assertThat(orders).extracting(r -> r.get("alert"))
                .containsExactly("TongbanWorkOrderEscalated", "TongbanWorkOrdersLate", "TongbanPostChecksOverdue");
        assertThat((String) orders.get(2).get("expr")).isEqualTo("max(tongban_post_checks_overdue) > 0");
        assertThat((String) orders.get(0).get("expr")).isEqualTo("max by (department) (tongban_work_orders_escalated) > 0");
        assertThat((String) orders.get(1).get("for")).isEqualTo("5m");
        List<Map<String, Object>> log = at(only(objects, "PrometheusRule"), "spec", "groups", "2", "rules");
        assertThat(log).extracting(r -> r.get("alert"))
                .containsExactly("TongbanMessageLogArchivingBehind", "TongbanMessageLogAnchorStale");
        assertThat((String) log.get(0).get("expr"))
                .isEqualTo("max(tongban_message_log_oldest_online_age_seconds) > 15724800");
        assertThat((Object) at(only(objects, "Deployment"), "spec", "replicas")).isEqualTo(3);
        assertThat((String) at(only(objects, "Deployment"), "spec", "template", "spec", "containers", "0", "image"))
                .endsWith(":2026.11.1");
        assertThat(kinds(objects)).doesNotContain("HorizontalPodAutoscaler");
    }

    @Test
    void theMinimalValuesRender() {
        assertThat(kinds(render("minimal-values.yaml"))).contains("Deployment", "Service");
    }

    @Test
    void withoutASecretNameTheChartRefusesToRender() {
        assertThatThrownBy(() -> new Helm(CHART).template().withName("tongban").set("secrets.existingSecret", "").call())
                .hasMessageContaining("secrets.existingSecret");
    }

    /** values.schema.json: a misspelt value or one of the wrong type stops the install, naming it. */
    @Test
    void valuesOfTheWrongNameOrTypeAreRefusedByTheSchema() {
        assertThatThrownBy(() -> new Helm(CHART).template().withName("tongban").set("replicaCount", "two").call())
                .hasMessageContaining("replicaCount");
        assertThatThrownBy(() -> new Helm(CHART).template().withName("tongban").set("replicas", "3").call())
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> new Helm(CHART).template().withName("tongban")
                .set("messageLog.archive.retention", "half a year").call())
                .hasMessageContaining("retention");
    }

    /**
     * The {@code helm test} pod (a hook: helm-java's template leaves hooks out, so its source is read; the strict lint
     * above renders it) and the archive volume every hub mounts.
     */
    @Test
    void helmTestChecksReadinessAndThatTheApiPortHidesTheMetrics() throws IOException {
        String test = Files.readString(CHART.resolve("templates/tests/api-and-health.yaml"));
        assertThat(test).contains("helm.sh/hook: test", ":9000/actuator/health/readiness",
                ":{{ .Values.service.port }}/actuator/prometheus", "exit 1");
        List<Map<String, Object>> objects = render(new Helm(CHART));
        Map<String, Object> claim = only(objects, "PersistentVolumeClaim");
        List<String> modes = at(claim, "spec", "accessModes");
        assertThat(modes).containsExactly("ReadWriteMany");
        assertThat((String) at(only(objects, "Deployment"), "spec", "template", "spec", "volumes", "1",
                "persistentVolumeClaim", "claimName")).isEqualTo((String) at(claim, "metadata", "name"));
    }

    /** The realm-sync hook Job (hooks are left out of helm-java's template: its source is read). */
    @Test
    void theRealmIsAppliedToKeycloakByAHookJobWhenAsked() throws IOException {
        String job = Files.readString(CHART.resolve("templates/realm-sync-job.yaml"));
        assertThat(job).contains("{{- if .Values.realmSync.enabled }}", "helm.sh/hook: post-install,pre-upgrade",
                "args: [\"apply\"", "KEYCLOAK_ADMIN_PASSWORD", "TONGBAN_PROVINCE_CLIENT_SECRET");
        // its values pass the schema (ci/full-values.yaml switches it on and renders)
        assertThat(kinds(render("full-values.yaml"))).contains("Deployment");
    }
}
