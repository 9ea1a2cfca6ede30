package tongban.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import tongban.hub.problem.WordedFailure;

import java.util.List;

/**
 * A person's browser gets a page, never problem JSON: a wrong address, a missing case, a refused action or a
 * failure on any page of the hub — portal, window, ops console, the bureau's statistics — is answered with the
 * readable Chinese page ({@code templates/error.html}) and the right status, the failure's own words where it has
 * them. API clients ({@code /api/**}, {@code /actuator/**}, or anything that does not ask for HTML) keep their
 * problem JSON from {@link ProblemAdvice}: this resolver runs first and steps aside for them.
 */
@Component
class PageErrors implements HandlerExceptionResolver, Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(PageErrors.class);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception failure) {
        if (!wantsPage(request)) {
            return null;
        }
        HttpStatus status = statusOf(failure);
        if (status.is5xxServerError()) {
            LOG.error("page {} failed", request.getRequestURI(), failure);
        }
        ModelAndView page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("requestId", RequestIdFilter.current());
        if (failure instanceof WordedFailure worded) {
            page.addObject("words", worded.words());
        }
        return page;
    }

    /** A page path, asked for by something that accepts HTML (a browser's navigation does). */
    static boolean wantsPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")) {
            return false;
        }
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            return types.stream().anyMatch(t -> !t.isWildcardType() && t.isCompatibleWith(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException garbled) {
            return false;
        }
    }

    private static HttpStatus statusOf(Exception failure) {
        if (failure instanceof WordedFailure worded) {
            return worded.status();
        }
        if (failure instanceof ErrorResponse spring) {
            HttpStatus status = HttpStatus.resolve(spring.getStatusCode().value());
            return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
