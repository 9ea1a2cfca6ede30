package tongban.adapters.support.descriptor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Signs a request the way the API gateways in front of provincial government open platforms expect
 * (the Alibaba Cloud API Gateway scheme they are mostly built on): app key, millisecond timestamp and a
 * one-time nonce in {@code X-Ca-*} headers, and an HMAC-SHA256 over
 * <pre>
 * METHOD \n Accept \n Content-MD5 \n Content-Type \n Date \n
 * x-ca-key:… \n x-ca-nonce:… \n x-ca-timestamp:… \n
 * path?sorted=query
 * </pre>
 * The gateway refuses a wrong signature, a timestamp more than 15 minutes off, and a nonce seen before.
 */
public final class ApiGatewaySigner {

    public static final String KEY = "X-Ca-Key";
    public static final String TIMESTAMP = "X-Ca-Timestamp";
    public static final String NONCE = "X-Ca-Nonce";
    public static final String SIGNATURE = "X-Ca-Signature";
    public static final String SIGNATURE_METHOD = "X-Ca-Signature-Method";
    public static final String SIGNATURE_HEADERS = "X-Ca-Signature-Headers";
    public static final String CONTENT_MD5 = "Content-MD5";

    private final String appKey;
    private final SecretKeySpec secret;

    public ApiGatewaySigner(String appKey, String secret) {
        if (appKey == null || appKey.isBlank() || secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("an app key and secret are required for hmac-sha256 signing");
        }
        this.appKey = appKey;
        this.secret = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** @return the headers to add to the request, signature included */
    public Map<String, String> sign(String method, String accept, String contentType, byte[] body, String path,
                                    String encodedQuery, long epochMillis) {
        return sign(method, accept, contentType, body, path, encodedQuery, epochMillis, UUID.randomUUID().toString());
    }

    Map<String, String> sign(String method, String accept, String contentType, byte[] body, String path,
                             String encodedQuery, long epochMillis, String nonce) {
        Map<String, String> headers = new LinkedHashMap<>();
        String md5 = body == null || body.length == 0 ? "" : md5(body);
        if (!md5.isEmpty()) {
            headers.put(CONTENT_MD5, md5);
        }
        headers.put(KEY, appKey);
        headers.put(TIMESTAMP, Long.toString(epochMillis));
        headers.put(NONCE, nonce);
        headers.put(SIGNATURE_METHOD, "HmacSHA256");
        headers.put(SIGNATURE_HEADERS, "x-ca-key,x-ca-nonce,x-ca-timestamp");
        String stringToSign = method + "\n" + nullToEmpty(accept) + "\n" + md5 + "\n" + nullToEmpty(contentType) + "\n"
                + "\n"
                + "x-ca-key:" + appKey + "\n"
                + "x-ca-nonce:" + nonce + "\n"
                + "x-ca-timestamp:" + epochMillis + "\n"
                + pathAndParameters(path, encodedQuery);
        headers.put(SIGNATURE, hmac(stringToSign));
        return headers;
    }

    /** The path, then the query parameters sorted by name, decoded ({@code a=1&b=2}). */
    static String pathAndParameters(String path, String encodedQuery) {
        if (encodedQuery == null || encodedQuery.isEmpty()) {
            return path;
        }
        Map<String, String> sorted = new TreeMap<>();
        for (String pair : encodedQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            sorted.put(name, value);
        }
        StringBuilder out = new StringBuilder(path).append('?');
        sorted.forEach((name, value) -> out.append(name).append(value.isEmpty() ? "" : "=" + value).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private String hmac(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
