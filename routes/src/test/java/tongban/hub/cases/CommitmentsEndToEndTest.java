package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import tongban.hub.calendar.WorkingCalendar;
import tongban.hub.support.DepartmentSystems;
import tongban.hub.support.HubTest;
import tongban.hub.support.Tokens;
import tongban.hub.web.BeijingTime;
import tongban.sso.identity.Caller;
import tongban.sso.identity.RealNameLevel;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * 告知承诺 (人才落户) against the real parts: the applicant's pledge approves the case at once, the check is due with
 * 人社局 twenty working days later, the bureau's own system reports it by its notice in its own words — a finding
 * of "not true" revokes the approval and says why, a repeat changes nothing, and another department may not report.
 */
class CommitmentsEndToEndTest extends HubTest {

    private static final String TALENT = "11460100008256386X4000105009000";
    private static final String FORM = "{\"qualification\":\"degree\",\"employer\":\"海南椰风软件有限公司\","
            + "\"address\":\"海南省海口市龙华区滨海大道88号\"}";

    @Autowired
    WorkingCalendar calendar;
    @Autowired
    JdbcTemplate jdbc;

    private ResponseEntity<String> apply(String user, boolean pledge) {
        return as(Tokens.of(user), HttpMethod.POST, "/api/v1/cases", "{\"item\":\"" + TALENT + "\",\"form\":" + FORM
                + (pledge ? ",\"pledge\":true" : "") + "}");
    }

    private ResponseEntity<String> finding(String client, String secret, String caseNumber, String result,
                                           String reason) {
        String now = LocalDateTime.now(BeijingTime.ZONE).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        return new DepartmentSystems(http).notice(client, secret, "social-insurance/post-check-result",
                "{\"hcbh\":\"HC-" + UUID.randomUUID() + "\",\"wbjbh\":\"" + caseNumber + "\",\"hcjg\":\"" + result
                        + "\",\"hcyj\":\"" + reason + "\",\"hcsj\":\"" + now + "\"}");
    }

    private JsonNode caseOf(String number) throws Exception {
        return read(as(Tokens.of("zhangsan"), HttpMethod.GET, "/api/v1/cases/" + number, null));
    }

    @Test
    void aPledgeApprovesAtOnceAndAnUntrueOneFoundByTheCheckRevokesTheApproval() throws Exception {
        assertProblem(apply("zhangsan", false), 400, "PLEDGE_REQUIRED");

        ResponseEntity<String> applied = apply("zhangsan", true);
        assertThat(applied.getStatusCode().value()).as(applied.getBody()).isEqualTo(201);
        String number = read(applied).at("/summary/caseNumber").asText();
        JsonNode c = caseOf(number);
        assertThat(c.at("/summary/status").asText()).isEqualTo("FINISHED");
        assertThat(c.at("/summary/outcome").asText()).isEqualTo("APPROVED");
        assertThat(c.at("/summary/dueOn").asText()).as("即办: due the day it was accepted")
                .isEqualTo(c.at("/summary/acceptedOn").asText());
        assertThat(c.at("/pledge/pledge").asText()).startsWith("本人承诺：所填学历、职称");
        assertThat(c.at("/pledge/result").asText()).isEqualTo("DUE");
        LocalDate today = LocalDate.now(BeijingTime.ZONE);
        assertThat(c.at("/pledge/checkDueOn").asText()).isEqualTo(calendar.addWorkingDays(today, 20).toString());

        // the bureau's system sees the check among its own, then reports it in its own words
        JsonNode due = read(as(Tokens.ofClient("social-insurance-system", "demo-only-social-insurance-secret"),
                HttpMethod.GET, "/api/v1/post-checks", null));
        assertThat(due.findValuesAsText("caseNumber")).contains(number);
        assertProblem(new DepartmentSystems(http).notice("tax-system", "demo-only-tax-system-secret",
                "social-insurance/post-check-result", "{\"hcbh\":\"X\",\"wbjbh\":\"" + number + "\",\"hcjg\":\"2\"}"),
                403, "NOT_THE_DEPARTMENT_SYSTEM");
        assertProblem(finding("social-insurance-system", "demo-only-social-insurance-secret", number, "2", ""),
                400, "INVALID_REQUEST");

        DepartmentSystems.taken(finding("social-insurance-system", "demo-only-social-insurance-secret", number, "2",
                "人才库无该申请人全日制本科学历记录"));
        c = caseOf(number);
        assertThat(c.at("/summary/outcome").asText()).isEqualTo("REVOKED");
        assertThat(c.at("/summary/outcomeWords").asText()).isEqualTo("已撤销（承诺不实）");
        assertThat(c.at("/summary/reason").asText()).isEqualTo("人才库无该申请人全日制本科学历记录");
        assertThat(c.at("/pledge/resultWords").asText()).isEqualTo("核查不属实，审批已撤销");
        assertThat(c.path("history").findValuesAsText("note"))
                .contains("事后核查：承诺不实，撤销审批。人才库无该申请人全日制本科学历记录");

        // the same finding again under a new notice id changes nothing; the opposite finding is refused
        DepartmentSystems.taken(finding("social-insurance-system", "demo-only-social-insurance-secret", number, "2",
                "人才库无该申请人全日制本科学历记录"));
        assertThat(caseOf(number).path("history").size()).isEqualTo(c.path("history").size());
        assertProblem(finding("social-insurance-system", "demo-only-social-insurance-secret", number, "1", "属实"),
                409, "CHECK_ALREADY_REPORTED");
        assertThat(read(as(Tokens.ofClient("social-insurance-system", "demo-only-social-insurance-secret"),
                HttpMethod.GET, "/api/v1/post-checks", null)).findValuesAsText("caseNumber")).doesNotContain(number);
    }

    @Test
    void aTrueFindingKeepsTheApprovalAndAnOverdueCheckIsEscalatedOnce() throws Exception {
        String number = read(apply("zhangsan", true)).at("/summary/caseNumber").asText();
        // the check's day passed unreported
        jdbc.update("UPDATE case_commitment SET check_due_on = ? WHERE case_number = ?",
                java.sql.Date.valueOf(LocalDate.now(BeijingTime.ZONE).minusDays(1)), number);
        commitments.escalateOverdue();
        commitments.escalateOverdue();
        JsonNode due = read(as(Tokens.of("zhaoliu"), HttpMethod.GET, "/api/v1/post-checks", null));
        JsonNode mine = null;
        for (JsonNode d : due) {
            if (d.path("caseNumber").asText().equals(number)) {
                mine = d;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("overdue").asBoolean()).isTrue();
        assertThat(mine.path("escalated").asBoolean()).isTrue();
        assertThat(prometheus()).containsPattern("tongban_post_checks_overdue [1-9]");

        DepartmentSystems.taken(finding("social-insurance-system", "demo-only-social-insurance-secret", number, "1",
                "人才库记录一致"));
        JsonNode c = caseOf(number);
        assertThat(c.at("/summary/outcome").asText()).isEqualTo("APPROVED");
        assertThat(c.at("/pledge/resultWords").asText()).isEqualTo("核查属实");
        assertThat(c.at("/pledge/reason").asText()).isEqualTo("人才库记录一致");
    }

    @Autowired
    Commitments commitments;

    @Test
    void windowStaffRegisterTheCheckForTheirWindowsCasesOnly() throws Exception {
        String number = read(apply("zhangsan", true)).at("/summary/caseNumber").asText();
        Caller wangwu = new Caller("s-wangwu", "wangwu", "tongban-portal", null, RealNameLevel.NONE, 2,
                Set.of(Caller.STAFF), null, "hk-zwzx-zhck");
        Caller qianqi = new Caller("s-qianqi", "qianqi", "tongban-portal", null, RealNameLevel.NONE, 2,
                Set.of(Caller.STAFF), null, "lh-zwzx-zhck");

        assertThatThrownBy(() -> commitments.reportAtWindow(qianqi, number, "FAILED", "不属实", "r-1"))
                .isInstanceOfSatisfying(CaseFailure.class, f -> assertThat(f.code()).isEqualTo("CASE_NOT_AT_YOUR_WINDOW"));
        assertThat(commitments.due(null, "hk-zwzx-zhck", 500)).extracting(Commitments.DueCheck::caseNumber)
                .contains(number);
        commitments.reportAtWindow(wangwu, number, "FAILED", "社保缴费记录不足6个月", "r-2");

        JsonNode c = caseOf(number);
        assertThat(c.at("/summary/outcome").asText()).isEqualTo("REVOKED");
        assertThat(c.path("history").findValuesAsText("by")).isNotEmpty();
        assertThat(jdbc.queryForObject("SELECT checked_by FROM case_commitment WHERE case_number = ?", String.class,
                number)).isEqualTo("staff:wangwu");
    }

    private String prometheus() {
        return http.getForObject("/actuator/prometheus", String.class);
    }
}
