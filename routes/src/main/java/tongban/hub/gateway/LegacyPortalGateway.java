package tongban.hub.gateway;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.stripPrefix;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.contentType;
import static org.springframework.web.servlet.function.RequestPredicates.method;
import static org.springframework.web.servlet.function.RequestPredicates.path;

/**
 * {@code /portals/{department}/**} — a legacy department portal seen through the hub, one Spring Cloud Gateway
 * (Server MVC) route per portal: the citizen is signed in here (the hub's own Keycloak session), and the request goes
 * on to the portal with a fresh identity header signed for it. Only a fixed set of harmless headers goes on — never
 * cookies, tokens, or an identity header from the browser — and only the answer's type and its redirect come back.
 * Pages (GET) and the portals' own forms (POST, form-encoded, up to 64 KB): a POST is taken only from a page of the
 * hub itself — its {@code Origin} (or, without one, its {@code Referer}) must be the host the browser asked — the
 * usual defence for forms that cannot carry the hub's CSRF token; the session cookie is {@code SameSite=Lax} as well.
 * A redirect the portal answers with is kept inside {@code /portals/{department}}. Every refusal, and a portal that
 * does not answer, is a page in Chinese.
 */
@Configuration(proxyBeanMethods = false)
class LegacyPortalGateway {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyPortalGateway.class);
    static final int MAX_FORM_BYTES = 64 * 1024;
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9._~%-]*)*");
    /** What of the browser's request a legacy portal may see (the gateway adds its identity header). */
    private static final Set<String> FORWARDED = Set.of("accept", "accept-language", "content-type", "content-length");
    /** What of the portal's answer the browser may see: no cookie of the portal's, no header naming its host. */
    private static final Set<String> RETURNED = Set.of("content-type", "location");

    @Bean
    RouterFunction<ServerResponse> legacyPortals(GatewayProperties properties) {
        RouterFunction<ServerResponse> routes = route("legacy-portal-unknown")
                .route(path("/portals/**"), request -> page(HttpStatus.NOT_FOUND, "没有这个部门门户")).build();
        for (var portal : properties.portals().entrySet()) {
            routes = portalRoute(portal.getKey(), portal.getValue(), properties.identityTtl()).and(routes);
        }
        return routes;
    }

    private static RouterFunction<ServerResponse> portalRoute(String department, GatewayProperties.Portal portal,
                                                              Duration identityTtl) {
        String prefix = "/portals/" + department;
        return route("legacy-portal-" + department)
                .route(path(prefix + "/**").and(method(HttpMethod.GET)), http())
                .route(path(prefix + "/**").and(method(HttpMethod.POST))
                        .and(contentType(MediaType.APPLICATION_FORM_URLENCODED)), http())
                .route(path(prefix + "/**"), request -> page(HttpStatus.METHOD_NOT_ALLOWED, "不支持这种请求"))
                .filter(guard(department, prefix)) // first declared, outermost: before anything reads the request
                .before(uri(portal.url()))
                .before(stripPrefix(2))
                .before(onlyHarmlessHeaders())
                .before(identity(portal, identityTtl))
                .after(keptBehindGateway(portal.url(), prefix))
                .build();
    }

    /**
     * The path is plain, a form comes from this host and is small; a portal that does not answer is a page. A form's
     * bytes are read here, before anything could parse them as parameters (which would leave nothing to pass on),
     * and travel on as they came.
     */
    private static HandlerFilterFunction<ServerResponse, ServerResponse> guard(String department, String prefix) {
        return (request, next) -> {
            String path = request.servletRequest().getRequestURI().substring(prefix.length());
            if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
                return page(HttpStatus.BAD_REQUEST, "无效的地址");
            }
            if (!(request.principal().orElse(null) instanceof AbstractAuthenticationToken signedIn)
                    || !(signedIn.getPrincipal() instanceof OidcUser)) {
                return page(HttpStatus.UNAUTHORIZED, "请先登录");
            }
            ServerRequest forwarded = request;
            if (HttpMethod.POST.equals(request.method())) {
                if (!fromThisHost(request.servletRequest())) {
                    return page(HttpStatus.FORBIDDEN, "请从本平台的页面提交");
                }
                byte[] form = request.servletRequest().getInputStream().readNBytes(MAX_FORM_BYTES + 1);
                if (form.length > MAX_FORM_BYTES) {
                    return page(HttpStatus.PAYLOAD_TOO_LARGE, "提交的内容过大");
                }
                forwarded = ServerRequest.create(new ReadForm(request.servletRequest(), form),
                        request.messageConverters());
            }
            try {
                return next.handle(forwarded);
            } catch (Exception e) {
                LOG.warn("legacy portal {} did not answer: {}", department, e.toString());
                return page(HttpStatus.BAD_GATEWAY, "部门门户暂时无法访问，请稍后再试");
            }
        };
    }

    /** Everything else the browser sent stays here: cookies, tokens, forwarding headers, an identity from outside. */
    private static Function<ServerRequest, ServerRequest> onlyHarmlessHeaders() {
        return request -> ServerRequest.from(request).headers(headers -> keepOnly(headers, FORWARDED)).build();
    }

    private static Function<ServerRequest, ServerRequest> identity(GatewayProperties.Portal portal, Duration ttl) {
        return request -> {
            OidcUser user = (OidcUser) ((AbstractAuthenticationToken) request.principal().orElseThrow()).getPrincipal();
            return ServerRequest.from(request)
                    .headers(headers -> headers.set(IdentityHeader.NAME, IdentityHeader.sign(user, portal, ttl))).build();
        };
    }

    private static BiFunction<ServerRequest, ServerResponse, ServerResponse> keptBehindGateway(String portalUrl,
                                                                                            String prefix) {
        return (request, response) -> {
            HttpHeaders headers = response.headers();
            String location = headers.getFirst(HttpHeaders.LOCATION);
            keepOnly(headers, RETURNED);
            if (location != null) {
                headers.set(HttpHeaders.LOCATION, insideGateway(location, portalUrl, prefix));
            }
            return response;
        };
    }

    /** Drops every header not named in {@code allowed} (lower-case names). */
    private static void keepOnly(HttpHeaders headers, Set<String> allowed) {
        for (String name : new ArrayList<>(headers.headerNames())) {
            if (!allowed.contains(name.toLowerCase(Locale.ROOT))) {
                headers.remove(name);
            }
        }
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

    private static ServerResponse page(HttpStatus status, String message) {
        String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>通办</title></head>"
                + "<body><h1 id=\"gateway-error\">" + message + "</h1><p><a href=\"/portal\">返回我的门户</a></p></body></html>";
        return ServerResponse.status(status).contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                .body(html.getBytes(StandardCharsets.UTF_8));
    }
}
