package tongban.hub.statistics;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tongban.hub.problem.ExchangeFailure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * 统计分析 — the statistics page for operators and the bureau: the figures of a range as charts and a table, linking
 * the CSV and Excel exports and the case ledger ({@link StatisticsController}). A bad range is said on the page, in words.
 */
@Controller
class StatisticsPage {

    /** One month's columns: accepted and finished, as heights in a 0..100 box. */
    record MonthColumn(String label, long accepted, long finished, double acceptedHeight, double finishedHeight) {
    }

    /** One department's rate as a bar (0..100 %), or no bar when nothing was counted. */
    record RateBar(String name, BigDecimal percent, String detail) {
    }

    private final Statistics statistics;

    StatisticsPage(Statistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/ops/statistics")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String department, @AuthenticationPrincipal OidcUser user,
                Model model) {
        model.addAttribute("operator", user.getPreferredUsername());
        model.addAttribute("departments", statistics.departments().stream()
                .map(d -> new String[]{d, statistics.title(d)}).toList());
        model.addAttribute("department", department == null ? "" : department);
        try {
            StatisticsController.Range range = StatisticsController.Range.of(from, to, department);
            Report report = statistics.report(range.from(), range.to(), range.department());
            model.addAttribute("report", report);
            model.addAttribute("months", columns(report));
            List<Report.Scope> rows = new ArrayList<>();
            rows.add(report.total());
            rows.addAll(report.departments());
            rows.addAll(report.months());
            model.addAttribute("rows", rows);
            model.addAttribute("early", bars(report, s -> s.cases().earlyRate(),
                    s -> s.cases().finishedEarly() + " / " + s.cases().finished()));
            model.addAttribute("good", bars(report, s -> s.ratings().goodRate(),
                    s -> s.ratings().good() + " / " + s.ratings().total()));
            model.addAttribute("responded", bars(report, s -> s.workOrders().respondedInTimeRate(),
                    s -> s.workOrders().respondedInTime() + " / " + s.workOrders().received()));
            model.addAttribute("query", "from=" + range.from() + "&to=" + range.to()
                    + (range.department() == null ? "" : "&department=" + range.department()));
        } catch (ExchangeFailure bad) {
            model.addAttribute("error", "统计范围不正确：" + bad.getMessage());
        }
        return "ops/statistics";
    }

    private static List<MonthColumn> columns(Report report) {
        long max = 1;
        for (Report.Scope m : report.months()) {
            max = Math.max(max, Math.max(m.cases().accepted(), m.cases().finished()));
        }
        List<MonthColumn> columns = new ArrayList<>();
        for (Report.Scope m : report.months()) {
            columns.add(new MonthColumn(m.name(), m.cases().accepted(), m.cases().finished(),
                    100.0 * m.cases().accepted() / max, 100.0 * m.cases().finished() / max));
        }
        return columns;
    }

    private static List<RateBar> bars(Report report, Function<Report.Scope, BigDecimal> rate,
                                      Function<Report.Scope, String> detail) {
        List<RateBar> bars = new ArrayList<>();
        bars.add(new RateBar("合计", rate.apply(report.total()), detail.apply(report.total())));
        report.departments().forEach(s -> bars.add(new RateBar(s.name(), rate.apply(s), detail.apply(s))));
        return bars;
    }
}
