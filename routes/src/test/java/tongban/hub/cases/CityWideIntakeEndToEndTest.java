package tongban.hub.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import tongban.adapters.support.UnifiedSocialCreditCode;
import tongban.hub.support.HubTest;
import tongban.hub.support.Tokens;
import tongban.hub.support.WindowCases;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 全城通办: a city-wide item (居民身份证换领) is taken in at a district window that does not handle it (龙华区综合受理窗口,
 * qianqi) and handled by the city hall's window that does (综合受理窗口, wangwu); both windows are kept with the case,
 * the receiving window reads the applicant's data on the way (in the message log under its staff member), only the
 * handling window decides; an item that is neither taken at that window nor city-wide is refused there in words.
 */
class CityWideIntakeEndToEndTest extends HubTest {

    private static final String LISI = "460100198506152341";
    private static final String COMPANY_SEAL = "11460100008256386X4000106002000";
    private static final String CREDIT_CODE = "91460100MA5T00001"
            + UnifiedSocialCreditCode.checkCharacter("91460100MA5T00001");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCityWideItemTakenInAtADistrictWindowIsHandledByTheWindowThatOwnsIt() throws Exception {
        String number = WindowCases.idCardRenewal(http, json, "qianqi", LISI, "李四");

        JsonNode taken = read(as(Tokens.of("qianqi"), HttpMethod.GET, "/api/v1/cases/" + number, null));
        assertThat(taken.path("receivedWindow").asText()).isEqualTo("lh-zwzx-zhck");
        assertThat(taken.path("receivedWindowName").asText()).isEqualTo("龙华区政务服务中心 · 龙华区综合受理窗口");
        assertThat(taken.path("serviceWindow").asText()).isEqualTo("hk-zwzx-zhck");
        assertThat(taken.path("serviceWindowName").asText()).isEqualTo("海口市政务服务中心 · 综合受理窗口");
        assertThat(jdbc.queryForObject("SELECT received_by FROM service_case WHERE case_number = ?", String.class,
                number)).isEqualTo("qianqi");

        // the receiving window reads the household registration the applicant consented to, on the way
        ResponseEntity<String> read = call("qianqi", "public-security/household-registration",
                "{\"idNumber\":\"" + LISI + "\"}", Map.of("X-Case-Id", number));
        assertThat(read.getStatusCode().value()).as(read.getBody()).isEqualTo(200);
        assertThat(jdbc.queryForList("SELECT caller_name FROM message_log WHERE case_id = ? AND service = "
                + "'household-registration'", String.class, number)).containsExactly("qianqi");

        // only the handling window decides; it finds the case in its queue
        assertProblem(as(Tokens.of("qianqi"), HttpMethod.POST, "/api/v1/cases/" + number + "/decision",
                "{\"decision\":\"accept\"}"), 403, "CASE_NOT_AT_YOUR_WINDOW");
        JsonNode queue = read(as(Tokens.of("wangwu"), HttpMethod.GET, "/api/v1/cases?open=true&limit=200", null));
        assertThat(queue.findValuesAsText("caseNumber")).contains(number);
        JsonNode accepted = read(as(Tokens.of("wangwu"), HttpMethod.POST, "/api/v1/cases/" + number + "/decision",
                "{\"decision\":\"accept\"}"));
        assertThat(accepted.at("/summary/status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void anItemNeitherTakenAtTheWindowNorCityWideIsRefusedThereInWords() throws Exception {
        ResponseEntity<String> refused = WindowCases.post(http, Tokens.of("qianqi"), "/api/v1/cases",
                "{\"item\":\"" + COMPANY_SEAL + "\",\"applicant\":{\"idNumber\":\"" + LISI + "\",\"name\":\"李四\"},"
                        + "\"form\":{\"enterpriseName\":\"海口市椰岛数据服务有限公司\",\"creditCode\":\""
                        + CREDIT_CODE + "\",\"sealKinds\":\"01\"}}");
        assertProblem(refused, 403, "NOT_TAKEN_AT_WINDOW");
        assertThat(read(refused).path("detail").asText()).contains("city-wide");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM service_case WHERE received_window = 'lh-zwzx-zhck' "
                + "AND item_code = ?", Integer.class, COMPANY_SEAL)).isZero();
    }
}
