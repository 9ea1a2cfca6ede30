package tongban.hub.statistics;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tongban.hub.problem.ExchangeFailure;
import tongban.hub.web.BeijingTime;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/v1/statistics?from=&to=&department=} (roles ops and bureau; from the first of this month to today
 * when not given), and its exports: {@code /api/v1/statistics/export.csv}, {@code export.xlsx} (the figures) and
 * {@code /api/v1/statistics/ledger.csv} (the case ledger, streamed), {@code channels.csv} (the figures by channel,
 * hall, window and staff member). The exports answer the statistics page too, under
 * {@code /ops/statistics/…} (its session instead of a bearer token; the same roles).
 */
@RestController
class StatisticsController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final Statistics statistics;
    private final StatisticsExports exports;

    StatisticsController(Statistics statistics, StatisticsExports exports) {
        this.statistics = statistics;
        this.exports = exports;
    }

    @GetMapping("/api/v1/statistics")
    Report report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String department) {
        Range range = Range.of(from, to, department);
        return statistics.report(range.from(), range.to(), range.department());
    }

    @GetMapping({"/api/v1/statistics/export.csv", "/ops/statistics/export.csv"})
    void csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
             @RequestParam(required = false) String department, HttpServletResponse response) throws IOException {
        Range range = Range.of(from, to, department);
        Report report = statistics.report(range.from(), range.to(), range.department());
        download(response, CSV, range.fileName("政务服务统计", "csv"));
        exports.figuresCsv(report, writer(response));
    }

    @GetMapping({"/api/v1/statistics/export.xlsx", "/ops/statistics/export.xlsx"})
    void xlsx(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
              @RequestParam(required = false) String department, HttpServletResponse response) throws IOException {
        Range range = Range.of(from, to, department);
        Report report = statistics.report(range.from(), range.to(), range.department());
        download(response, XLSX, range.fileName("政务服务统计", "xlsx"));
        exports.figuresXlsx(report, response.getOutputStream());
    }

    @GetMapping({"/api/v1/statistics/channels.csv", "/ops/statistics/channels.csv"})
    void channelsCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                     HttpServletResponse response) throws IOException {
        Range range = Range.of(from, to, null);
        Report report = statistics.report(range.from(), range.to(), null);
        download(response, CSV, range.fileName("渠道与窗口统计", "csv"));
        exports.channelsCsv(report, writer(response));
    }

    @GetMapping({"/api/v1/statistics/ledger.csv", "/ops/statistics/ledger.csv"})
    void ledger(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String department, HttpServletResponse response) throws IOException {
        Range range = Range.of(from, to, department);
        statistics.check(range.from(), range.to(), range.department());
        download(response, CSV, range.fileName("办件台账", "csv"));
        exports.ledgerCsv(range.from(), range.to(), range.department(), writer(response));
    }

    static Writer writer(HttpServletResponse response) throws IOException {
        return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** A download named in Chinese (RFC 6266 / 5987), with an ASCII name for old clients. */
    static void download(HttpServletResponse response, MediaType type, String fileName) {
        response.setContentType(type.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statistics."
                + fileName.substring(fileName.lastIndexOf('.') + 1) + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** The range asked for: ISO dates, this month so far when not given. */
    record Range(LocalDate from, LocalDate to, String department) {

        static Range of(String from, String to, String department) {
            LocalDate today = LocalDate.now(BeijingTime.ZONE);
            LocalDate end = parse(to, "to", today);
            LocalDate start = parse(from, "from", end.withDayOfMonth(1));
            return new Range(start, end, department == null || department.isBlank() ? null : department.strip());
        }

        private static LocalDate parse(String value, String name, LocalDate otherwise) {
            if (value == null || value.isBlank()) {
                return otherwise;
            }
            try {
                return LocalDate.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw ExchangeFailure.invalid("'" + name + "' must be a date as yyyy-MM-dd");
            }
        }

        String fileName(String what, String extension) {
            return what + "_" + (department == null ? "" : department + "_") + from + "_" + to + "." + extension;
        }
    }
}
