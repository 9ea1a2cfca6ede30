package tongban.hub.statistics;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Component;
import tongban.hub.exchange.ServiceRegistry;
import tongban.hub.halls.Halls;
import tongban.hub.web.BeijingTime;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exports beside the statistics: the figures (合计, each department, each month) as CSV and as an Excel
 * workbook, and the case ledger (办件台账: every case accepted in the range, one line each, without the applicant's
 * personal data) as CSV streamed from the database as it is read — a million lines never sit in memory.
 *
 * <p>CSV (Commons CSV, RFC 4180) is UTF-8 with a byte-order mark and CRLF lines, which Excel and WPS open as Chinese;
 * a cell that a spreadsheet would read as a formula ({@code = + - @}) is written as text. The workbook is POI's
 * streaming SXSSF: only a window of rows is held, its text cells are strings and never formulas.
 */
@Component
class StatisticsExports {

    static final List<String> HEADER = List.of("范围", "名称", "受理", "不予受理", "办结", "提前办结", "按时办结", "逾期办结",
            "提前办结率(%)", "按时办结率(%)", "平均办理工作日", "评价数", "非常满意", "满意", "基本满意", "不满意", "非常不满意",
            "好评率(%)", "差评回访率(%)", "差评答复率(%)", "差评按时整改率(%)", "工单受理", "30分钟内响应", "响应率(%)",
            "工单办结", "工单按时办结", "工单按时办结率(%)", "回访数", "满意数", "满意率(%)");
    static final List<String> LEDGER_HEADER = List.of("办件编号", "所属一件事", "事项编码", "事项名称", "承办部门", "渠道",
            "受理窗口", "受理日期", "承诺办结日期", "办结时间", "状态", "办理结果", "办理工作日", "时效", "评价");
    static final List<String> CHANNEL_HEADER = List.of("分类", "名称", "指标", "数值");
    private static final Map<String, String> CHANNELS = Map.of("ONLINE", "网上办", "WINDOW", "窗口办", "MOBILE", "掌上办",
            "HOTLINE", "热线");
    private static final Map<String, String> STATUSES = Map.of("SUBMITTED", "已提交", "ACCEPTED", "已受理",
            "NOT_ACCEPTED", "不予受理", "IN_PROGRESS", "办理中", "CORRECTION_REQUESTED", "待补正", "FINISHED", "已办结",
            "WITHDRAWN", "已撤回");
    private static final Map<String, String> OUTCOMES = Map.of("APPROVED", "准予", "REFUSED", "不予许可",
            "REVOKED", "已撤销（承诺不实）");
    private static final String[] LEVELS = {"", "非常不满意", "不满意", "基本满意", "满意", "非常满意"};
    /** How a case ended against its due date, by {@code case_fact.outcome}. */
    private static final String[] TIMELINESS = {null, null, "提前办结", "按时办结", "逾期办结", null, null};

    private final StatisticsStore store;
    private final ServiceRegistry registry;
    private final Halls halls;

    StatisticsExports(StatisticsStore store, ServiceRegistry registry, Halls halls) {
        this.halls = halls;
        this.store = store;
        this.registry = registry;
    }

    List<List<Object>> rows(Report report) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row("合计", report.departmentName(), report.total()));
        report.departments().forEach(s -> rows.add(row("部门", s.name(), s)));
        report.months().forEach(s -> rows.add(row("月份", s.name(), s)));
        return rows;
    }

    private static List<Object> row(String scope, String name, Report.Scope s) {
        Report.CaseFigures c = s.cases();
        Report.RatingFigures r = s.ratings();
        Report.WorkOrderFigures w = s.workOrders();
        List<Object> row = new ArrayList<>(List.of(scope, name, c.accepted(), c.notAccepted(), c.finished(),
                c.finishedEarly(), c.finishedOnTime(), c.overdue()));
        row.add(c.earlyRate());
        row.add(c.onTimeRate());
        row.add(c.averageWorkingDays());
        row.add(r.total());
        for (long n : r.byLevel()) {
            row.add(n);
        }
        row.add(r.goodRate());
        row.add(r.callBackRate());
        row.add(r.replyRate());
        row.add(r.followedUpOnTimeRate());
        row.add(w.received());
        row.add(w.respondedInTime());
        row.add(w.respondedInTimeRate());
        row.add(w.finished());
        row.add(w.finishedOnTime());
        row.add(w.finishedOnTimeRate());
        row.add(w.asked());
        row.add(w.satisfied());
        row.add(w.satisfiedRate());
        return row;
    }

    /**
     * The channel figures as rows of 分类 · 名称 · 指标 · 数值: the source's headline figures first (网上申报, 窗口接件,
     * 网上预约, 审批结果邮寄, 大厅日均受理, 告知承诺), then each hall, window and staff member.
     */
    List<List<Object>> channelRows(ChannelFigures c) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("渠道", "全平台", "网上申报", c.applications().online()));
        rows.add(List.of("渠道", "全平台", "其中掌上办", c.applications().mobile()));
        rows.add(List.of("渠道", "全平台", "窗口接件", c.applications().window()));
        rows.add(List.of("渠道", "全平台", "热线受理", c.applications().hotline()));
        rows.add(List.of("渠道", "全平台", "网上预约", c.appointments().booked()));
        rows.add(List.of("渠道", "全平台", "预约已到", c.appointments().kept()));
        rows.add(List.of("渠道", "全平台", "预约爽约", c.appointments().notKept()));
        rows.add(List.of("渠道", "全平台", "审批结果邮寄", c.results().posted()));
        rows.add(List.of("渠道", "全平台", "窗口领取", c.results().collectedAtHall()));
        rows.add(List.of("渠道", "全平台", "告知承诺审批", c.pledges().approved()));
        rows.add(List.of("渠道", "全平台", "告知承诺核查", c.pledges().checked()));
        rows.add(List.of("渠道", "全平台", "按时核查", c.pledges().checkedOnTime()));
        rows.add(List.of("渠道", "全平台", "承诺不实撤销", c.pledges().revoked()));
        rows.add(List.of("渠道", "全平台", "工作日", c.workingDays()));
        for (ChannelFigures.HallLine h : c.halls()) {
            rows.add(List.of("大厅", h.name(), "窗口接件", h.windowIntake()));
            rows.add(nullable("大厅", h.name(), "大厅日均受理", h.dailyAverageIntake()));
            rows.add(List.of("大厅", h.name(), "网上预约", h.appointmentsBooked()));
            rows.add(List.of("大厅", h.name(), "预约已到", h.appointmentsKept()));
            rows.add(List.of("大厅", h.name(), "预约爽约", h.appointmentsNotKept()));
        }
        for (ChannelFigures.WindowLine w : c.windows()) {
            rows.add(List.of("窗口", w.name(), "收件", w.received()));
            rows.add(List.of("窗口", w.name(), "办结", w.finished()));
            rows.add(List.of("窗口", w.name(), "提前办结", w.finishedEarly()));
            rows.add(List.of("窗口", w.name(), "逾期办结", w.overdue()));
            rows.add(List.of("窗口", w.name(), "评价数", w.ratings()));
            rows.add(nullable("窗口", w.name(), "好评率(%)", w.goodRate()));
            rows.add(nullable("窗口", w.name(), "评价覆盖率(%)", w.ratingCoverage()));
        }
        for (ChannelFigures.StaffLine s : c.staff()) {
            rows.add(List.of("工作人员", s.staff(), "收件", s.received()));
            rows.add(List.of("工作人员", s.staff(), "评价数", s.ratings()));
            rows.add(nullable("工作人员", s.staff(), "好评率(%)", s.goodRate()));
        }
        for (ChannelFigures.DepartmentResults d : c.resultsByDepartment()) {
            rows.add(List.of("部门", d.name(), "审批结果邮寄", d.posted()));
            rows.add(List.of("部门", d.name(), "窗口领取", d.collectedAtHall()));
        }
        return rows;
    }

    private static List<Object> nullable(String scope, String name, String figure, Object value) {
        List<Object> row = new ArrayList<>(List.of(scope, name, figure));
        row.add(value);
        return row;
    }

    void channelsCsv(Report report, Writer out) throws IOException {
        CSVPrinter csv = csv(out);
        line(csv, new ArrayList<>(CHANNEL_HEADER));
        if (report.channels() != null) {
            for (List<Object> row : channelRows(report.channels())) {
                line(csv, new ArrayList<>(row));
            }
        }
        csv.flush();
    }

    void figuresCsv(Report report, Writer out) throws IOException {
        CSVPrinter csv = csv(out);
        line(csv, new ArrayList<>(HEADER));
        for (List<Object> row : rows(report)) {
            line(csv, row);
        }
        csv.flush();
    }

    void figuresXlsx(Report report, OutputStream out) throws IOException {
        try (SpreadsheetOut xlsx = new SpreadsheetOut("统计 " + report.from() + " 至 " + report.to())) {
            xlsx.header(HEADER);
            rows(report).forEach(xlsx::row);
            if (report.channels() != null) {
                xlsx.sheet("渠道与窗口");
                xlsx.header(CHANNEL_HEADER);
                channelRows(report.channels()).forEach(xlsx::row);
            }
            xlsx.writeTo(out);
        }
    }

    /** The ledger of cases accepted in the range, streamed line by line as the database hands them over. */
    long ledgerCsv(LocalDate from, LocalDate to, String department, Writer out) throws IOException {
        CSVPrinter csv = csv(out);
        line(csv, new ArrayList<>(LEDGER_HEADER));
        long[] lines = {0};
        List<Object> row = new ArrayList<>(LEDGER_HEADER.size());
        store.ledger(from, to, department, l -> {
            row.clear();
            row.add(l.caseNumber());
            row.add(l.bundleTitle());
            row.add(l.itemCode());
            row.add(l.title());
            row.add(registry.title(l.department()));
            row.add(CHANNELS.getOrDefault(l.channel(), l.channel()));
            row.add(halls.windowName(l.serviceWindow()));
            row.add(l.acceptedOn() == null ? null : l.acceptedOn().toString());
            row.add(l.dueOn() == null ? null : l.dueOn().toString());
            row.add(l.finishedAt() == null ? null : BeijingTime.seconds(l.finishedAt()));
            row.add(STATUSES.getOrDefault(l.status(), l.status()));
            row.add(l.outcome() == null ? null : OUTCOMES.getOrDefault(l.outcome(), l.outcome()));
            row.add(l.workingDays());
            row.add(TIMELINESS[l.timeliness()]);
            row.add(l.ratingLevel() == null ? null : LEVELS[l.ratingLevel()]);
            try {
                line(csv, row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines[0]++;
        });
        csv.flush();
        return lines[0];
    }

    /** RFC 4180 with CRLF lines, after the byte-order mark that makes Excel and WPS read UTF-8. */
    private static CSVPrinter csv(Writer out) throws IOException {
        out.write('\uFEFF');
        return new CSVPrinter(out, CSV);
    }

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private static void line(CSVPrinter csv, List<Object> cells) throws IOException {
        for (Object value : cells) {
            csv.print(cell(value));
        }
        csv.println();
    }

    /** A CSV cell's text: numbers as they are (no exponent); text never taken for a formula. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        String text = value.toString();
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
