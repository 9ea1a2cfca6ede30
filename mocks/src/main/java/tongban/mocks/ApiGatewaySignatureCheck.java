package tongban.mocks;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API gateway in front of a department's open platform (switched on by {@code mock.api-gateway-signature=true} in
 * its demo settings), as such gateways behave (Alibaba Cloud API Gateway
 * scheme): every request must carry {@code X-Ca-Key}, {@code X-Ca-Timestamp} (ms, within 15 minutes),
 * a never-seen {@code X-Ca-Nonce}, a {@code Content-MD5} of any body and an HMAC-SHA256 {@code X-Ca-Signature}.
 * A refusal is HTTP 400 with an empty body and the reason in {@code X-Ca-Error-Message} / {@code X-Ca-Error-Code}.
 * Written independently of the hub's signer on purpose: the two must agree on the scheme, not share a bug.
 */
public final class ApiGatewaySignatureCheck implements StubRequestFilterV2 {

    private static final long MAX_SKEW_MS = 15 * 60 * 1000;

    private final String appKey;
    private final byte[] secret;
    private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();

    public ApiGatewaySignatureCheck(String appKey, String secret) {
        this.appKey = appKey;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String getName() {
        return "api-gateway-signature";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        String key = request.getHeader("X-Ca-Key");
        String signature = request.getHeader("X-Ca-Signature");
        String timestamp = request.getHeader("X-Ca-Timestamp");
        String nonce = request.getHeader("X-Ca-Nonce");
        if (key == null || signature == null || timestamp == null || nonce == null) {
            return refuse("A400MH", "Missing Header X-Ca-Key, X-Ca-Signature, X-Ca-Timestamp or X-Ca-Nonce");
        }
        if (!appKey.equals(key)) {
            return refuse("A400IK", "Invalid AppKey");
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return refuse("A400IT", "Invalid Timestamp");
        }
        long now = System.currentTimeMillis();
        if (Math.abs(now - sentAt) > MAX_SKEW_MS) {
            return refuse("A400IT", "Invalid Timestamp");
        }
        byte[] body = request.getBody();
        String md5 = body == null || body.length == 0 ? "" : md5(body);
        String sentMd5 = request.getHeader("Content-MD5");
        if (!md5.equals(sentMd5 == null ? "" : sentMd5)) {
            return refuse("A400IM", "Invalid Content-MD5");
        }
        String stringToSign = request.getMethod().value() + "\n"
                + nullToEmpty(request.getHeader("Accept")) + "\n"
                + md5 + "\n"
                + nullToEmpty(request.getHeader("Content-Type")) + "\n"
                + nullToEmpty(request.getHeader("Date")) + "\n"
                + "x-ca-key:" + key + "\n"
                + "x-ca-nonce:" + nonce + "\n"
                + "x-ca-timestamp:" + timestamp + "\n"
                + pathAndParameters(request.getUrl());
        if (!MessageDigest.isEqual(hmac(stringToSign).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8))) {
            return refuse("A400IS", "Invalid Signature, Server StringToSign:`" + stringToSign.replace("\n", "#") + "`");
        }
        seenNonces.values().removeIf(at -> now - at > MAX_SKEW_MS);
        if (seenNonces.putIfAbsent(nonce, now) != null) {
            return refuse("A400NR", "Nonce Used");
        }
        return RequestFilterAction.continueWith(request);
    }

    private static RequestFilterAction refuse(String code, String message) {
        return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition()
                .withStatus(400)
                .withHeaders(new HttpHeaders(
                        new HttpHeader("X-Ca-Error-Code", code),
                        new HttpHeader("X-Ca-Error-Message", message),
                        new HttpHeader("X-Ca-Request-Id", UUID.randomUUID().toString().toUpperCase())))
                .build());
    }

    private static String pathAndParameters(String url) {
        URI uri = URI.create(url);
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return uri.getRawPath();
        }
        Map<String, String> sorted = new TreeMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            sorted.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        StringBuilder out = new StringBuilder(uri.getRawPath()).append('?');
        sorted.forEach((k, v) -> out.append(k).append(v.isEmpty() ? "" : "=" + v).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String md5(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
