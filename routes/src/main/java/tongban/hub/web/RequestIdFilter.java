package tongban.hub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Gives every request an id — the caller's {@code X-Request-Id} when it is well-formed, a new time-ordered UUID
 * ({@link RequestIds}) otherwise — echoes it in the response and puts it in the log context. Runs before security, so a
 * 401 carries the id too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    /** The case a staff call is for ({@code X-Case-Id}), on every log line of the request as {@code caseId}. */
    static final String CASE_MDC_KEY = "caseId";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** The id of the request this thread is serving, or {@code null} outside a request. */
    public static String current() {
        return CURRENT.get();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String offered = request.getHeader(HEADER);
        String id = offered != null && WELL_FORMED.matcher(offered).matches() ? offered : RequestIds.next();
        CURRENT.set(id);
        MDC.put(MDC_KEY, id);
        String caseId = request.getHeader("X-Case-Id");
        if (caseId != null && WELL_FORMED.matcher(caseId).matches()) {
            MDC.put(CASE_MDC_KEY, caseId);
        }
        response.setHeader(HEADER, id);
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
            MDC.remove(MDC_KEY);
            MDC.remove(CASE_MDC_KEY);
        }
    }
}
