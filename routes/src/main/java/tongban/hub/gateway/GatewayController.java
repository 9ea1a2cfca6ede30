package tongban.hub.gateway;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code /portals/{department}/**} — a legacy department portal seen through the hub: the citizen is signed in
 * here (the hub's own Keycloak session), and the request goes on to the portal with a fresh identity header signed
 * for it. Only a fixed set of harmless headers is forwarded — never cookies, tokens, or an identity header from the
 * browser. Pages (GET) and the portals' own forms (POST, form-encoded, up to 64 KB): a POST is taken only from a
 * page of the hub itself — its {@code Origin} (or, without one, its {@code Referer}) must be the host the browser
 * asked — the usual defence for forms that cannot carry the hub's CSRF token; the session cookie is
 * {@code SameSite=Lax} as well. A redirect the portal answers with is kept inside {@code /portals/{department}}.
 */
@Controller
class GatewayController {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayController.class);
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9._~%-]*)*");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final GatewayProperties properties;

    GatewayController(GatewayProperties properties) {
        this.properties = properties;
    }

    static final int MAX_FORM_BYTES = 64 * 1024;

    @GetMapping("/portals/{department}/**")
    ResponseEntity<byte[]> show(@PathVariable String department, @AuthenticationPrincipal OidcUser user,
                                HttpServletRequest request) {
        return forward(department, user, request, null);
    }

    @PostMapping(path = "/portals/{department}/**", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<byte[]> form(@PathVariable String department, @AuthenticationPrincipal OidcUser user,
                                HttpServletRequest request) throws java.io.IOException {
        if (!fromThisHost(request)) {
            return page(HttpStatus.FORBIDDEN, "请从本平台的页面提交");
        }
        byte[] body = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
        if (body.length > MAX_FORM_BYTES) {
            return page(HttpStatus.PAYLOAD_TOO_LARGE, "提交的内容过大");
        }
        return forward(department, user, request, body);
    }

    /** A form posted from a page this host served: same-origin by Fetch metadata, and Origin or Referer naming it. */
    static boolean fromThisHost(HttpServletRequest request) {
        String host = request.getHeader("Host");
        String site = request.getHeader("Sec-Fetch-Site");
        if (host == null || site != null && !site.equals("same-origin")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        String source = origin != null && !origin.equals("null") ? origin : request.getHeader("Referer");
        if (source == null) {
            return false;
        }
        try {
            URI uri = URI.create(source);
            return uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host)
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private ResponseEntity<byte[]> forward(String department, OidcUser user, HttpServletRequest request,
                                           byte[] form) {
        GatewayProperties.Portal portal = properties.portals().get(department);
        if (portal == null) {
            return page(HttpStatus.NOT_FOUND, "没有这个部门门户");
        }
        String prefix = "/portals/" + department;
        String path = request.getRequestURI().substring(prefix.length());
        if (path.isEmpty()) {
            path = "/";
        }
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return page(HttpStatus.BAD_REQUEST, "无效的地址");
        }
        String query = request.getQueryString();
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(portal.url() + path
                        + (query == null ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(10))
                .header(IdentityHeader.NAME, IdentityHeader.sign(user, portal, properties.identityTtl()));
        copy(request, forwarded, "Accept");
        copy(request, forwarded, "Accept-Language");
        if (form != null) {
            forwarded.header("Content-Type", request.getContentType()).POST(HttpRequest.BodyPublishers.ofByteArray(form));
        } else {
            forwarded.GET();
        }
        try {
            HttpResponse<byte[]> answer = HTTP.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
            ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.statusCode());
            answer.headers().firstValue("Content-Type").ifPresent(type -> response.header("Content-Type", type));
            answer.headers().firstValue("Location").ifPresent(location ->
                    response.header("Location", insideGateway(location, portal.url(), prefix)));
            return response.body(answer.body());
        } catch (Exception e) {
            LOG.warn("legacy portal {} did not answer: {}", department, e.toString());
            return page(HttpStatus.BAD_GATEWAY, "部门门户暂时无法访问，请稍后再试");
        }
    }

    /** The portal's redirect, kept behind the gateway: its own absolute or root-relative URLs get the prefix. */
    static String insideGateway(String location, String portalUrl, String prefix) {
        if (location.startsWith(portalUrl)) {
            return prefix + location.substring(portalUrl.length());
        }
        if (location.startsWith("/") && !location.startsWith("//")) {
            return prefix + location;
        }
        return location.contains("://") || location.startsWith("//") ? prefix + "/" : location;
    }

    private static void copy(HttpServletRequest from, HttpRequest.Builder to, String header) {
        String value = from.getHeader(header);
        if (value != null) {
            to.header(header, value);
        }
    }

    private static ResponseEntity<byte[]> page(HttpStatus status, String message) {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>通办</title></head>"
                + "<body><h1 id=\"gateway-error\">" + message + "</h1><p><a href=\"/portal\">返回我的门户</a></p></body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
