package tongban.hub.statistics;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.support.ChannelFixtures;
import tongban.hub.support.HubTest;
import tongban.hub.support.StatisticsFixtures;
import tongban.hub.support.Tokens;
import tongban.hub.support.WindowCases;
import tongban.hub.web.BeijingTime;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figures the bureau reports, against values worked out by hand for a known quarter ({@link StatisticsFixtures}):
 * cases accepted, decided, finished early, on time and late, and their working days across the 2020 Spring Festival
 * (extended to 2 February); ratings and their follow-ups; work orders and their 30-minute responses — by department
 * and by month, with the leap day and a case finished just after midnight of 1 April in Beijing.
 */
class StatisticsEndToEndTest extends HubTest {

    private static final String QUARTER = "from=2020-01-01&to=2020-03-31";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    WorkingCalendar calendar;

    @BeforeEach
    void quarter() {
        StatisticsFixtures.insert(jdbc);
    }

    private ResponseEntity<String> get(String user, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of(user));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void theFixturesWorkingDaysAreTheCalendars() {
        // what the hand-worked fixture says each case took, as the hub's calendar counts it
        assertThat(calendar.workingDaysBetween(LocalDate.of(2020, 1, 20), LocalDate.of(2020, 2, 3))).isEqualTo(4);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2020, 1, 23), LocalDate.of(2020, 2, 7))).isEqualTo(5);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2020, 1, 31), LocalDate.of(2020, 3, 2))).isEqualTo(21);
        assertThat(calendar.workingDaysBetween(LocalDate.of(2019, 12, 31), LocalDate.of(2020, 1, 2))).isEqualTo(1);
        assertThat(calendar.dueDate(LocalDate.of(2020, 1, 20), 5)).isEqualTo(LocalDate.of(2020, 2, 4));
        assertThat(calendar.dueDate(LocalDate.of(2020, 1, 23), 5)).isEqualTo(LocalDate.of(2020, 2, 7));
    }

    @Test
    void eachCaseKeepsWhatTheStatisticsCountOfItAsItIsDecided() throws Exception {
        String todays = "/api/v1/statistics?from=" + LocalDate.now(BeijingTime.ZONE)
                + "&department=social-insurance";
        long finishedBefore = read(get("zhaoliu", todays)).at("/total/cases/finished").asLong();
        long notAcceptedBefore = read(get("zhaoliu", todays)).at("/total/cases/notAccepted").asLong();
        String finished = WindowCases.contributionCertificate(http, json, "wangwu", "460100199001011230", "张三");
        String refused = WindowCases.contributionCertificate(http, json, "wangwu", "460100199001011230", "张三");
        for (String[] step : new String[][]{{finished, "{\"decision\":\"accept\"}"},
                {finished, "{\"decision\":\"approve\",\"result\":\"JF1\"}"},
                {refused, "{\"decision\":\"not-accept\",\"reason\":\"不属于本窗口受理范围\"}"}}) {
            assertThat(WindowCases.post(http, Tokens.of("wangwu"), "/api/v1/cases/" + step[0] + "/decision", step[1])
                    .getStatusCode().value()).isEqualTo(200);
        }
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        LocalDate due = LocalDate.parse(read(get("wangwu", "/api/v1/cases/" + finished)).at("/summary/dueOn").asText());
        java.util.Map<String, Object> fact = jdbc.queryForMap("SELECT * FROM case_fact WHERE case_number = ?", finished);
        assertThat(fact.get("department")).isEqualTo("social-insurance");
        assertThat(((java.sql.Date) fact.get("accepted_on")).toLocalDate()).isEqualTo(today);
        assertThat(((java.sql.Date) fact.get("decided_on")).toLocalDate()).isEqualTo(today);
        assertThat(((Number) fact.get("working_days")).intValue()).isZero();
        assertThat(((Number) fact.get("outcome")).intValue()).isEqualTo(today.isBefore(due) ? 2 : 3);
        fact = jdbc.queryForMap("SELECT * FROM case_fact WHERE case_number = ?", refused);
        assertThat(((Number) fact.get("outcome")).intValue()).isEqualTo(1);
        assertThat(fact.get("accepted_on")).isNull();
        assertThat(fact.get("working_days")).isNull();
        // today is counted as it is now, never from what was kept
        JsonNode now = read(get("zhaoliu", todays));
        assertThat(now.at("/total/cases/finished").asLong()).isEqualTo(finishedBefore + 1);
        assertThat(now.at("/total/cases/notAccepted").asLong()).isEqualTo(notAcceptedBefore + 1);
    }

    @Test
    void aQuartersFiguresAreTheOnesWorkedOutByHand() throws Exception {
        JsonNode report = read(get("sunba", "/api/v1/statistics?" + QUARTER + "&department=construction-approval"));
        JsonNode cases = report.at("/total/cases");
        assertThat(cases.path("accepted").asLong()).isEqualTo(5);      // 20, 23, 31 Jan; 28 Feb; 31 Mar
        assertThat(cases.path("notAccepted").asLong()).isEqualTo(1);   // on the leap day
        assertThat(cases.path("finished").asLong()).isEqualTo(4);      // 2 Jan, 3 Feb, 7 Feb, 2 Mar (not 1 Apr)
        assertThat(cases.path("finishedEarly").asLong()).isEqualTo(2);
        assertThat(cases.path("finishedOnTime").asLong()).isEqualTo(3);
        assertThat(cases.path("overdue").asLong()).isEqualTo(1);
        assertThat(cases.path("earlyRate").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(cases.path("onTimeRate").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(cases.path("averageWorkingDays").decimalValue()).isEqualByComparingTo("7.75"); // (4+5+21+1)/4

        JsonNode ratings = report.at("/total/ratings");
        assertThat(ratings.path("total").asLong()).isEqualTo(4);       // the follow-up rating is not a second rating
        assertThat(ratings.path("byLevel").toString()).isEqualTo("[1,0,1,1,1]");
        assertThat(ratings.path("goodRate").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(ratings.path("callBackRate").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(ratings.path("replyRate").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(ratings.path("followedUpOnTime").asLong()).isEqualTo(1); // the other was called back late
        assertThat(ratings.path("followedUpOnTimeRate").decimalValue()).isEqualByComparingTo("50.00");

        JsonNode orders = report.at("/total/workOrders");
        assertThat(orders.path("received").asLong()).isEqualTo(5);
        assertThat(orders.path("respondedInTime").asLong()).isEqualTo(3);
        assertThat(orders.path("respondedInTimeRate").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(orders.path("finished").asLong()).isEqualTo(4);
        assertThat(orders.path("finishedOnTime").asLong()).isEqualTo(3);
        assertThat(orders.path("finishedOnTimeRate").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(orders.path("asked").asLong()).isEqualTo(3);
        assertThat(orders.path("satisfiedRate").decimalValue()).isEqualByComparingTo("66.67"); // 2 of 3

        JsonNode months = report.path("months");
        assertThat(months.findValuesAsText("key")).containsExactly("2020-01", "2020-02", "2020-03");
        assertThat(months.get(0).at("/cases/accepted").asLong()).isEqualTo(3);
        assertThat(months.get(0).at("/cases/finished").asLong()).isEqualTo(1);
        assertThat(months.get(0).at("/ratings/total").asLong()).isEqualTo(1); // 23:50 on 31 January, Beijing
        assertThat(months.get(0).at("/workOrders/received").asLong()).isEqualTo(2);
        assertThat(months.get(1).at("/cases/accepted").asLong()).isEqualTo(1);
        assertThat(months.get(1).at("/cases/notAccepted").asLong()).isEqualTo(1);
        assertThat(months.get(1).at("/cases/finished").asLong()).isEqualTo(2);
        assertThat(months.get(1).at("/cases/earlyRate").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(months.get(1).at("/ratings/goodRate").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(months.get(2).at("/cases/finished").asLong()).isEqualTo(1);
        assertThat(months.get(2).at("/cases/overdue").asLong()).isEqualTo(1);
        assertThat(months.get(2).at("/cases/earlyRate").decimalValue()).isEqualByComparingTo("0.00");
        assertThat(months.get(2).at("/workOrders/received").asLong()).isEqualTo(2);

        // all departments: the tax bureau's one case as well; a bundle's parent is never counted beside its parts
        JsonNode all = read(get("zhaoliu", "/api/v1/statistics?" + QUARTER));
        assertThat(all.at("/total/cases/accepted").asLong()).isEqualTo(6);
        assertThat(all.at("/total/cases/finished").asLong()).isEqualTo(5);
        assertThat(all.at("/total/cases/earlyRate").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(all.path("departments").findValuesAsText("key")).containsExactly("construction-approval", "tax");
        // a month with nothing counted says so, rather than 0 %
        JsonNode april = read(get("zhaoliu", "/api/v1/statistics?from=2020-04-02&to=2020-04-30"));
        assertThat(april.at("/total/cases/earlyRate").isNull()).isTrue();
    }

    @Test
    void onlyOperatorsAndTheBureauSeeTheFiguresAndABadRangeIsSaid() throws Exception {
        assertProblem(get("zhangsan", "/api/v1/statistics?" + QUARTER), 403, "NO_ACCESS_RIGHT");
        assertProblem(get("wangwu", "/api/v1/statistics/export.csv?" + QUARTER), 403, "NO_ACCESS_RIGHT");
        assertProblem(get("zhaoliu", "/api/v1/statistics?from=2020-03-31&to=2020-01-01"), 400, "INVALID_REQUEST");
        assertProblem(get("zhaoliu", "/api/v1/statistics?from=2020-13-01"), 400, "INVALID_REQUEST");
        assertProblem(get("zhaoliu", "/api/v1/statistics?from=2015-01-01&to=2020-01-01"), 400, "INVALID_REQUEST");
        assertProblem(get("zhaoliu", "/api/v1/statistics?department=nowhere"), 400, "UNKNOWN_DEPARTMENT");
    }

    @Test
    void theExportsOpenInChineseInASpreadsheet() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of("sunba"));
        ResponseEntity<byte[]> csv = http.exchange("/api/v1/statistics/export.csv?" + QUARTER
                + "&department=construction-approval", HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .contains("filename*=UTF-8''" + java.net.URLEncoder.encode("政务服务统计", StandardCharsets.UTF_8));
        byte[] body = csv.getBody();
        assertThat(new byte[]{body[0], body[1], body[2]}).isEqualTo(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        String[] lines = new String(body, StandardCharsets.UTF_8).substring(1).split("\r\n");
        assertThat(lines[0]).startsWith("范围,名称,受理,不予受理,办结,提前办结,按时办结,逾期办结,提前办结率(%)");
        assertThat(lines[1]).startsWith("合计,海口市工程建设项目审批管理系统,5,1,4,2,3,1,50.00,75.00,7.75,4,1,0,1,1,1,50.00,");
        assertThat(lines).anyMatch(l -> l.startsWith("月份,2020年2月,1,1,2,1,2,0,50.00,"));

        ResponseEntity<byte[]> xlsx = http.exchange("/api/v1/statistics/export.xlsx?" + QUARTER
                + "&department=construction-approval", HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        assertThat(xlsx.getHeaders().getContentType().toString())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        // read as a spreadsheet reads it: the header bold and frozen, text as text, figures as numbers
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("统计 2020-01-01 至 2020-03-31");
            Row header = sheet.getRow(0);
            assertThat(header.getCell(8).getStringCellValue()).isEqualTo("提前办结率(%)");
            assertThat(book.getFontAt(header.getCell(8).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            Row total = sheet.getRow(1);
            assertThat(total.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(10).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(total.getCell(10).getNumericCellValue()).isEqualTo(7.75);
        }

        ResponseEntity<byte[]> ledger = http.exchange("/api/v1/statistics/ledger.csv?" + QUARTER
                + "&department=construction-approval", HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        String[] rows = new String(ledger.getBody(), StandardCharsets.UTF_8).substring(1).split("\r\n");
        assertThat(rows[0]).startsWith("办件编号,所属一件事,事项编码,事项名称,承办部门");
        assertThat(rows).hasSize(1 + 5); // the five accepted in the quarter
        assertThat(rows[1]).startsWith("TB20200120900001,,").contains("2020-02-04", "提前办结", "非常满意")
                .doesNotContain("460100198001010011"); // no personal data in the ledger
    }

    /**
     * The source's channel figures for a month worked out by hand ({@link ChannelFixtures}: May 2020, 劳动节 and the
     * 调休 Saturday, an application half an hour before the month's end and one ten minutes after it).
     */
    @Test
    void theChannelFiguresOfAHandWorkedMonthAreTheSourcesFigures() throws Exception {
        ChannelFixtures.insert(jdbc);
        JsonNode c = read(get("sunba", "/api/v1/statistics?from=2020-05-01&to=2020-05-31")).path("channels");

        assertThat(c.path("workingDays").asInt()).isEqualTo(19);
        assertThat(c.at("/applications/online").asLong()).as("网上申报").isEqualTo(2);
        assertThat(c.at("/applications/mobile").asLong()).as("掌上办").isEqualTo(1);
        assertThat(c.at("/applications/window").asLong()).as("窗口接件").isEqualTo(4);
        assertThat(c.at("/applications/hotline").asLong()).isEqualTo(1);
        assertThat(c.at("/appointments/booked").asLong()).as("网上预约").isEqualTo(3);
        assertThat(c.at("/appointments/kept").asLong()).isEqualTo(1);
        assertThat(c.at("/appointments/notKept").asLong()).isEqualTo(2);
        assertThat(c.at("/results/posted").asLong()).as("审批结果邮寄").isEqualTo(1);
        assertThat(c.at("/results/collectedAtHall").asLong()).isEqualTo(1);
        assertThat(c.at("/pledges/approved").asLong()).isEqualTo(2);
        assertThat(c.at("/pledges/checked").asLong()).isEqualTo(2);
        assertThat(c.at("/pledges/checkedOnTime").asLong()).isEqualTo(1);
        assertThat(c.at("/pledges/revoked").asLong()).isEqualTo(1);

        JsonNode city = find(c.path("halls"), "hall", "hk-zwzx");
        assertThat(city.path("windowIntake").asLong()).isEqualTo(3);
        assertThat(city.path("dailyAverageIntake").decimalValue()).as("大厅日均受理 3 / 19")
                .isEqualByComparingTo(new BigDecimal("0.16"));
        assertThat(find(c.path("halls"), "hall", "lh-zwzx").path("dailyAverageIntake").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.05"));
        assertThat(find(c.path("halls"), "hall", "lh-jyjd").path("dailyAverageIntake").decimalValue())
                .isEqualByComparingTo(BigDecimal.ZERO);

        JsonNode window = find(c.path("windows"), "window", "hk-zwzx-zhck");
        assertThat(window.path("name").asText()).isEqualTo("海口市政务服务中心 · 综合受理窗口");
        assertThat(List.of(window.path("received").asLong(), window.path("finished").asLong(),
                window.path("finishedEarly").asLong(), window.path("overdue").asLong(), window.path("ratings").asLong(),
                window.path("good").asLong(), window.path("bad").asLong())).containsExactly(2L, 3L, 1L, 1L, 3L, 2L, 1L);
        assertThat(window.path("goodRate").decimalValue()).isEqualByComparingTo(new BigDecimal("66.67"));
        assertThat(window.path("ratingCoverage").decimalValue()).isEqualByComparingTo(new BigDecimal("100.00"));
        assertThat(find(c.path("windows"), "window", "lh-zwzx-zhck").path("received").asLong())
                .as("全城通办: received at the district").isEqualTo(1);
        assertThat(find(c.path("windows"), "window", "hk-zwzx-gaj").path("goodRate").isNull()).isTrue();

        assertThat(find(c.path("staff"), "staff", "wangwu").path("received").asLong()).isEqualTo(2);
        assertThat(find(c.path("staff"), "staff", "wangwu").path("goodRate").decimalValue())
                .isEqualByComparingTo(new BigDecimal("100.00"));
        assertThat(find(c.path("staff"), "staff", "qianqi").path("goodRate").decimalValue())
                .isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(find(c.path("staff"), "staff", "zhouba").path("ratings").asLong()).isZero();

        String csv = get("sunba", "/api/v1/statistics/channels.csv?from=2020-05-01&to=2020-05-31").getBody();
        assertThat(csv).contains("分类,名称,指标,数值", "渠道,全平台,网上申报,2", "渠道,全平台,窗口接件,4",
                "渠道,全平台,网上预约,3", "渠道,全平台,审批结果邮寄,1", "大厅,海口市政务服务中心,大厅日均受理,0.16",
                "工作人员,wangwu,收件,2");
        assertThat(read(get("sunba", "/api/v1/statistics?from=2020-05-01&to=2020-05-31&department=public-security"))
                .path("channels").isNull()).as("one department: no platform channels").isTrue();
    }

    /** 掌上办 and 12345: an application made on a phone and one taken by telephone count in their own channels today. */
    @Test
    void mobileAndHotlineApplicationsCountInTheirOwnChannels() throws Exception {
        String today = "from=" + LocalDate.now(BeijingTime.ZONE) + "&to="
                + LocalDate.now(BeijingTime.ZONE);
        JsonNode before = read(get("sunba", "/api/v1/statistics?" + today)).path("channels");

        ResponseEntity<String> mobile = WindowCases.post(http, Tokens.of("zhangsan"), "/api/v1/cases", "{\"item\":\""
                + WindowCases.ID_CARD_RENEWAL + "\",\"channel\":\"MOBILE\",\"form\":{\"reason\":\"expired\"}}");
        assertThat(mobile.getStatusCode().value()).as(mobile.getBody()).isEqualTo(201);
        assertThat(read(mobile).at("/summary/channel").asText()).isEqualTo("MOBILE");
        String byPhone = WindowCases.open(http, json, "wangwu", "{\"item\":\"" + WindowCases.ID_CARD_RENEWAL
                + "\",\"channel\":\"HOTLINE\",\"applicant\":{\"idNumber\":\"460100198506152341\",\"name\":\"李四\"},"
                + "\"form\":{\"reason\":\"damaged\"}}");
        assertThat(jdbc.queryForObject("SELECT channel FROM service_case WHERE case_number = ?", String.class, byPhone))
                .isEqualTo("HOTLINE");

        JsonNode after = read(get("sunba", "/api/v1/statistics?" + today)).path("channels");
        assertThat(after.at("/applications/mobile").asLong() - before.at("/applications/mobile").asLong()).isEqualTo(1);
        assertThat(after.at("/applications/online").asLong() - before.at("/applications/online").asLong())
                .as("网上申报 includes 掌上办").isEqualTo(1);
        assertThat(after.at("/applications/hotline").asLong() - before.at("/applications/hotline").asLong()).isEqualTo(1);
        assertThat(after.at("/applications/window").asLong()).isEqualTo(before.at("/applications/window").asLong());
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + list);
    }
}
