package tongban.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Construction-approval submissions to hub processes as zhangsan, for the crash and many-hub tests. */
public final class Submissions {

    public static final String PROJECT = "2020-460100-47-01-000123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Submissions() {
    }

    /** Submits with this idempotency key; returns the submission id of the 202. */
    public static String submit(HubProcess hub, String key, String projectCode) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(hub.url() + "/api/v1/services/construction-approval/project-status/submissions"))
                .header("Authorization", "Bearer " + Tokens.of("zhangsan"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"projectCode\": \"" + projectCode + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("submissionId").asText();
    }

    /** {@code count} submissions of {@link #PROJECT} (keys {@code <prefix><i>}), spread over the hubs, 4 at a time. */
    public static List<String> submitAll(List<HubProcess> hubs, int count, String keyPrefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                HubProcess hub = hubs.get(i % hubs.size());
                String key = keyPrefix + i;
                sent.add(pool.submit(() -> submit(hub, key, PROJECT)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : sent) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    /** Whether the hub reports every one of these submissions SUCCEEDED to the person who submitted them. */
    public static boolean allSucceeded(HubProcess hub, List<String> ids) throws Exception {
        return succeeded(hub, ids) == ids.size();
    }

    /** How many of these submissions the hub reports SUCCEEDED to the person who submitted them. */
    public static int succeeded(HubProcess hub, List<String> ids) throws Exception {
        int succeeded = 0;
        for (String id : ids) {
            JsonNode view = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                            URI.create(hub.url() + "/api/v1/submissions/" + id))
                    .header("Authorization", "Bearer " + Tokens.of("zhangsan")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if ("SUCCEEDED".equals(view.path("status").asText())) {
                succeeded++;
            }
        }
        return succeeded;
    }

    /** The first column of the first row of a counting query with at most one parameter. */
    public static int count(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
