package tongban.hub.ops;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tongban.hub.exchange.async.DeadLetters;
import tongban.hub.messagelog.ChainVerifier;
import tongban.hub.messagelog.MessageLogArchiving;
import tongban.hub.messagelog.MessageLogSearch;
import tongban.hub.monitoring.DepartmentMonitor;
import tongban.hub.web.BeijingTime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * 运维台 — the operations console: every department's queue, dead letters, circuit and latency at a glance; the
 * dead letters of one department to replay or discard; the message log to search and verify. Role {@code ops}
 * only (see the portal's security configuration); every replay and discard is recorded with the operator's name.
 */
@Controller
class OpsConsoleController {

    private static final int PAGE = 100;

    private final DepartmentMonitor monitor;
    private final DeadLetters deadLetters;
    private final MessageLogSearch search;
    private final ChainVerifier verifier;
    private final MessageLogArchiving archiving;

    OpsConsoleController(DepartmentMonitor monitor, DeadLetters deadLetters, MessageLogSearch search,
                         ChainVerifier verifier, MessageLogArchiving archiving) {
        this.monitor = monitor;
        this.deadLetters = deadLetters;
        this.search = search;
        this.verifier = verifier;
        this.archiving = archiving;
    }

    @GetMapping("/ops")
    String dashboard(@AuthenticationPrincipal OidcUser user, Model model) {
        model.addAttribute("operator", user.getPreferredUsername());
        model.addAttribute("departments", monitor.now());
        model.addAttribute("charts", new Sparklines());
        return "ops/dashboard";
    }

    @GetMapping("/ops/dead-letters/{department}")
    String deadLetters(@PathVariable String department, @AuthenticationPrincipal OidcUser user, Model model) {
        model.addAttribute("operator", user.getPreferredUsername());
        model.addAttribute("department", department);
        model.addAttribute("letters", deadLetters.browse(department, 200));
        model.addAttribute("actions", deadLetters.actions(department, 50));
        return "ops/dead-letters";
    }

    @PostMapping("/ops/dead-letters/{department}/{submissionId}/replay")
    String replay(@PathVariable String department, @PathVariable String submissionId,
                  @AuthenticationPrincipal OidcUser user, RedirectAttributes flash) {
        deadLetters.replay(department, submissionId, user.getPreferredUsername());
        flash.addFlashAttribute("notice", "已重新投递 " + submissionId);
        return "redirect:/ops/dead-letters/" + department;
    }

    @PostMapping("/ops/dead-letters/{department}/replay-all")
    String replayAll(@PathVariable String department, @AuthenticationPrincipal OidcUser user,
                     RedirectAttributes flash) {
        int replayed = deadLetters.replayAll(department, user.getPreferredUsername());
        flash.addFlashAttribute("notice", "已重新投递 " + replayed + " 条");
        return "redirect:/ops/dead-letters/" + department;
    }

    @PostMapping("/ops/dead-letters/{department}/{submissionId}/discard")
    String discard(@PathVariable String department, @PathVariable String submissionId,
                   @RequestParam(defaultValue = "") String reason, @AuthenticationPrincipal OidcUser user,
                   RedirectAttributes flash) {
        deadLetters.discard(department, submissionId, reason, user.getPreferredUsername());
        flash.addFlashAttribute("notice", "已丢弃 " + submissionId);
        return "redirect:/ops/dead-letters/" + department;
    }

    @GetMapping("/ops/message-log")
    String messageLog(@RequestParam(required = false) String requestId, @RequestParam(required = false) String caseId,
                      @RequestParam(required = false) String department,
                      @RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
                      @RequestParam(required = false) String to, @AuthenticationPrincipal OidcUser user,
                      Model model) {
        model.addAttribute("operator", user.getPreferredUsername());
        model.addAttribute("departments", monitor.departments());
        model.addAttribute("size", search.size());
        model.addAttribute("retention", archiving.status());
        MessageLogSearch.Criteria criteria;
        try {
            criteria = new MessageLogSearch.Criteria(blankToNull(requestId), blankToNull(caseId),
                    blankToNull(department), blankToNull(outcome), beijingTime(from), beijingTime(to));
        } catch (DateTimeParseException e) {
            model.addAttribute("error", "时间格式应为 2020-06-30T09:00（北京时间）：" + e.getParsedString());
            model.addAttribute("calls", List.of());
            return "ops/message-log";
        }
        model.addAttribute("calls", search.find(criteria, PAGE));
        model.addAttribute("page", PAGE);
        return "ops/message-log";
    }

    @PostMapping("/ops/message-log/verification")
    String verify(@AuthenticationPrincipal OidcUser user, Model model) {
        model.addAttribute("verification", verifier.verify());
        return messageLog(null, null, null, null, null, null, user, model);
    }

    @GetMapping("/ops/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "ops/denied";
    }

    @ExceptionHandler(DeadLetters.Refused.class)
    String refused(DeadLetters.Refused refused, Model model, HttpServletResponse response) {
        response.setStatus(refused.getMessage().startsWith("no department") ? 404 : 400);
        model.addAttribute("message", refused.getMessage());
        return "ops/refused";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant beijingTime(String value) {
        return value == null || value.isBlank() ? null
                : LocalDateTime.parse(value.strip()).atZone(BeijingTime.ZONE).toInstant();
    }
}
