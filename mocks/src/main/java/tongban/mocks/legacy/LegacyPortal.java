package tongban.mocks.legacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * 市场监管局 企业服务 — a department portal from before single sign-on: it knows no OIDC. It sits behind the hub's
 * gateway ({@code /portals/market-regulation/}) and trusts only the short-lived identity header the hub signs
 * for it: HS256 with the secret it shares with the hub, issuer {@code tongban-hub}, audience its own name, not
 * expired. Anything else is "not signed in". Written independently of the hub's signer on purpose.
 */
public final class LegacyPortal implements AutoCloseable {

    public static final String HEADER = "X-Tongban-Identity";
    public static final String AUDIENCE = "legacy-market-regulation";
    /** DEMO ONLY: the secret this portal shares with the hub's gateway (the hub's application.yml has the same). */
    public static final String DEMO_SECRET = "demo-only-legacy-market-regulation-gateway-secret";
    private static final long SKEW_SECONDS = 5;

    private final HttpServer server;
    private final byte[] secret;
    private final ObjectMapper json = new ObjectMapper();

    private LegacyPortal(int port, String secret) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
    }

    public static LegacyPortal start(int port, String secret) throws IOException {
        LegacyPortal portal = new LegacyPortal(port, secret);
        portal.server.start();
        return portal;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode person = verified(exchange.getRequestHeaders().getFirst(HEADER));
        if (person == null) {
            send(exchange, 401, "<html><body><h1 id=\"not-signed-in\">未登录</h1><p>请通过一网通办平台访问本系统。</p></body></html>");
            return;
        }
        String name = escape(person.path("name").asText(person.path("preferred_username").asText()));
        String path = exchange.getRequestURI().getRawPath();
        if (path.endsWith("/name-check") && "POST".equals(exchange.getRequestMethod())) {
            nameCheckReceived(exchange, name);
            return;
        }
        if (path.endsWith("/name-check")) {
            // 企业名称自主申报: the old system's form, posting back to itself (a relative action, as old systems do)
            send(exchange, 200, page("企业名称自主申报", "<p>申报人：<strong id=\"name\">" + name + "</strong></p>"
                    + "<form id=\"name-check\" method=\"post\" action=\"name-check\">"
                    + "<label>拟用企业名称 <input id=\"qymc\" name=\"qymc\" maxlength=\"50\"></label> "
                    + "<button id=\"submit-name\" type=\"submit\">提交申报</button></form>"));
            return;
        }
        send(exchange, 200, page("企业服务", "<p>欢迎，<strong id=\"name\">" + name + "</strong></p>"
                + "<p>请求路径：<code id=\"path\">" + escape(path) + "</code></p>"
                + "<p><a id=\"to-name-check\" href=\"name-check\">企业名称自主申报</a></p>"));
    }

    /** The form's answer: a receipt naming the applicant the hub vouched for and the name they asked for. */
    private void nameCheckReceived(HttpExchange exchange, String applicant) throws IOException {
        String form = new String(exchange.getRequestBody().readNBytes(8192), StandardCharsets.UTF_8);
        String proposed = null;
        for (String pair : form.split("&")) {
            if (pair.startsWith("qymc=")) {
                proposed = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8).strip();
            }
        }
        if (proposed == null || proposed.isEmpty()) {
            send(exchange, 400, page("申报失败", "<p id=\"refused\">请填写拟用企业名称</p>"));
            return;
        }
        send(exchange, 200, page("申报已受理", "<p id=\"receipt\">已受理：" + applicant + " 申报的企业名称「"
                + escape(proposed) + "」</p>"));
    }

    private static String page(String title, String body) {
        return "<html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>" + title + "（旧系统）</title></head><body>"
                + "<h1>海口市市场监督管理局 · " + title + "</h1>" + body + "</body></html>";
    }

    /** The person the hub vouches for, or null if the header is missing, forged, stale or meant for someone else. */
    JsonNode verified(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) {
                return null;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = System.currentTimeMillis() / 1000;
            boolean forUs = claims.path("aud").asText().equals(AUDIENCE);
            boolean fromHub = claims.path("iss").asText().equals("tongban-hub");
            boolean fresh = claims.path("exp").asLong(0) + SKEW_SECONDS >= now && claims.path("iat").asLong(Long.MAX_VALUE) <= now + SKEW_SECONDS;
            return forUs && fromHub && fresh ? claims : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
        // what an old portal says of itself and keeps for itself: none of it is the browser's business
        exchange.getResponseHeaders().add("Set-Cookie", "ASP.NET_SessionId=legacy" + Integer.toHexString(html.hashCode())
                + "; path=/; HttpOnly");
        exchange.getResponseHeaders().set("X-Powered-By", "ASP.NET");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
