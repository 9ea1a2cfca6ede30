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
 * browser. Pages only (GET); the legacy portals' forms are for a later step.
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

    @GetMapping("/portals/{department}/**")
    ResponseEntity<byte[]> forward(@PathVariable String department, @AuthenticationPrincipal OidcUser user,
                                   HttpServletRequest request) {
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
        try {
            HttpResponse<byte[]> answer = HTTP.send(forwarded.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.statusCode());
            answer.headers().firstValue("Content-Type").ifPresent(type -> response.header("Content-Type", type));
            return response.body(answer.body());
        } catch (Exception e) {
            LOG.warn("legacy portal {} did not answer: {}", department, e.toString());
            return page(HttpStatus.BAD_GATEWAY, "部门门户暂时无法访问，请稍后再试");
        }
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
