package tongban.sso.keycloak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The realms as code: {@code sso/realm/<realm>-realm.json} — {@code tongban}, the production realm, and
 * {@code province}, the stand-in for the provincial identity platform that the local run and the tests broker; the
 * files in {@code sso/realm/demo/} add what only a local run may have (demo users and passwords, demo client
 * secrets, the password-grant CLI client), each to the realm its name begins with ({@code tongban-demo.json},
 * {@code province-demo.json}); tests add an overlay of their own (a signing key generated for the run). Merging them
 * here keeps the production file free of demo and test data.
 */
public final class RealmFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEMO = "demo";
    /** The hub's address as the realm files write it. */
    public static final String HUB_URL = "http://localhost:8080";
    /** Keycloak's own address as the realm files write it (the province's endpoints, the broker's redirect URI). */
    public static final String KEYCLOAK_URL = "http://localhost:8180";
    private static final String REALM_FILE_SUFFIX = "-realm.json";
    private static final int PBKDF2_ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RealmFiles() {
    }

    /**
     * @param realmDir the {@code sso/realm} folder
     * @param demo     whether to merge the demo overlay
     * @param hubUrl   the hub's base URL; the realm's redirect URIs are written for {@code http://localhost:8080}
     *                 and follow it when the port is overridden
     */
    public static String merged(Path realmDir, boolean demo, String hubUrl) throws IOException {
        return merged(realmDir, "tongban", demo ? List.of(DEMO) : List.of(),
                hubUrl == null ? Map.of() : Map.of(HUB_URL, hubUrl));
    }

    /** The realms {@code realmDir} holds, by name ({@code tongban}, {@code province}). */
    public static List<String> realms(Path realmDir) throws IOException {
        try (var files = Files.list(realmDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(REALM_FILE_SUFFIX))
                    .map(n -> n.substring(0, n.length() - REALM_FILE_SUFFIX.length())).sorted().toList();
        }
    }

    /**
     * @param realmName   which realm: {@code <realmName>-realm.json} and the overlays whose names begin with
     *                    {@code <realmName>-}
     * @param overlayDirs folders whose JSON files are merged, in this order: relative to {@code realmDir}
     *                    (e.g. {@code demo}) or absolute
     */
    public static String merged(Path realmDir, String realmName, List<String> overlayDirs, Map<String, String> urls)
            throws IOException {
        ObjectNode realm = (ObjectNode) JSON.readTree(realmDir.resolve(realmName + REALM_FILE_SUFFIX).toFile());
        realm.properties().removeIf(field -> field.getKey().startsWith("_")); // comments, which Keycloak refuses
        for (String dir : overlayDirs) {
            try (var overlays = Files.list(realmDir.resolve(dir))) {
                for (Path overlay : overlays.filter(p -> p.getFileName().toString().startsWith(realmName + "-")
                        && p.toString().endsWith(".json")).sorted().toList()) {
                    merge(realm, (ObjectNode) JSON.readTree(overlay.toFile()));
                }
            }
        }
        hashPasswords(realm);
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm);
        for (Map.Entry<String, String> url : urls.entrySet()) {
            // whole origins only: "http://localhost:8080" must not also rewrite "http://localhost:80801"
            text = text.replaceAll(Pattern.quote(url.getKey()) + "(?![0-9])",
                    Matcher.quoteReplacement(url.getValue()));
        }
        return text;
    }

    /**
     * Keycloak checks the realm's password policy when it imports a password given in clear, and the demo
     * passwords ({@code demo}, DEMO ONLY) are far shorter than the policy a city sets. So they are imported as Keycloak
     * itself stores them — PBKDF2-SHA512, its default 210,000 iterations, a fresh salt — and the policy stays the
     * production one for every password set afterwards (registration included).
     */
    static void hashPasswords(ObjectNode realm) {
        for (JsonNode user : realm.path("users")) {
            for (JsonNode credential : user.path("credentials")) {
                if ("password".equals(credential.path("type").asText()) && credential.has("value")) {
                    ObjectNode stored = (ObjectNode) credential;
                    byte[] salt = new byte[16];
                    RANDOM.nextBytes(salt);
                    stored.put("secretData", JSON.createObjectNode()
                            .put("value", Base64.getEncoder().encodeToString(pbkdf2(stored.path("value").asText(), salt)))
                            .put("salt", Base64.getEncoder().encodeToString(salt))
                            .set("additionalParameters", JSON.createObjectNode()).toString());
                    stored.put("credentialData", JSON.createObjectNode().put("hashIterations", PBKDF2_ITERATIONS)
                            .put("algorithm", "pbkdf2-sha512")
                            .set("additionalParameters", JSON.createObjectNode()).toString());
                    stored.remove("value");
                }
            }
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, PBKDF2_ITERATIONS, 512)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Clients are merged by clientId (overlay fields win); identity providers by alias, key by key (an overlay adds a
     * demo secret to the provider's config); users and other arrays are appended; objects (such as
     * {@code components}) are merged key by key the same way.
     */
    static void merge(ObjectNode realm, ObjectNode overlay) {
        overlay.fields().forEachRemaining(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.startsWith("_")) {
                return; // comments
            }
            if (name.equals("clients")) {
                ArrayNode clients = realm.withArray("clients");
                for (JsonNode client : value) {
                    ObjectNode existing = find(clients, "clientId", client.path("clientId").asText());
                    if (existing == null) {
                        clients.add(client);
                    } else {
                        existing.setAll((ObjectNode) client);
                    }
                }
            } else if (name.equals("identityProviders")) {
                ArrayNode providers = realm.withArray("identityProviders");
                for (JsonNode provider : value) {
                    ObjectNode existing = find(providers, "alias", provider.path("alias").asText());
                    if (existing == null) {
                        providers.add(provider);
                    } else {
                        merge(existing, (ObjectNode) provider);
                    }
                }
            } else if (value.isArray() && realm.path(name).isArray()) {
                realm.withArray(name).addAll((ArrayNode) value);
            } else if (value.isObject() && realm.path(name).isObject()) {
                merge((ObjectNode) realm.get(name), (ObjectNode) value);
            } else {
                realm.set(name, value);
            }
        });
    }

    private static ObjectNode find(ArrayNode items, String key, String value) {
        for (JsonNode item : items) {
            if (value.equals(item.path(key).asText())) {
                return (ObjectNode) item;
            }
        }
        return null;
    }
}
