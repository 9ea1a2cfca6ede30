package tongban.hub.workorders;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tongban.hub.exchange.ServiceRegistry;

import java.util.List;

/**
 * 工单督办 — the operators' view of the work orders: escalated ones first (督办), then open ones by their response
 * deadline; the callers' words masked; transfer requests decided here by the platform's dispatcher.
 */
@Controller
class WorkOrderPages {

    private final WorkOrders orders;
    private final WorkOrderViews views;
    private final ServiceRegistry registry;

    WorkOrderPages(WorkOrders orders, WorkOrderViews views, ServiceRegistry registry) {
        this.orders = orders;
        this.views = views;
        this.registry = registry;
    }

    @GetMapping("/ops/work-orders")
    String list(@RequestParam(required = false) String department,
                @RequestParam(defaultValue = "true") boolean open,
                @AuthenticationPrincipal OidcUser user, Model model) {
        String only = department == null || department.isBlank() ? null : department;
        List<WorkOrderViews.Summary> list = orders.list(only, null, open, 300).stream()
                .map(o -> views.summary(o, false)).toList();
        model.addAttribute("operator", user.getPreferredUsername());
        model.addAttribute("orders", list);
        model.addAttribute("open", open);
        model.addAttribute("department", only == null ? "" : only);
        model.addAttribute("departments", registry.departments().stream()
                .map(d -> new String[]{d, registry.title(d)}).toList());
        model.addAttribute("figures", orders.openByDepartment());
        return "ops/work-orders";
    }

    @PostMapping("/ops/work-orders/{orderNumber}/transfer-decision")
    String decide(@PathVariable String orderNumber, @RequestParam boolean approve,
                  @RequestParam(required = false) String department, @RequestParam(required = false) String note,
                  @AuthenticationPrincipal OidcUser user, RedirectAttributes flash) {
        try {
            orders.decideTransfer(orderNumber, approve, department == null || department.isBlank() ? null : department,
                    note == null || note.isBlank() ? null : note.strip(), user.getPreferredUsername());
            flash.addFlashAttribute("notice", orderNumber + (approve ? " 已转办" : " 转办申请已退回原部门"));
        } catch (WorkOrderFailure failure) {
            flash.addFlashAttribute("failure", orderNumber + "：" + failure.words());
        }
        return "redirect:/ops/work-orders";
    }
}
