package tongban.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cases opened at a window for a walk-in applicant, with their consent to the data the item needs: what staff must
 * have before the exchange lets them read anyone's data.
 */
public final class WindowCases {

    /** 居民身份证换领: public security's identity verification and household registration. */
    public static final String ID_CARD_RENEWAL = "11460100008256386X4000105001000";
    /** 机动车驾驶证期满换证: decided at the window for the traffic police. */
    public static final String DRIVING_LICENCE_RENEWAL = "11460100008256395K4000108001000";
    /** 参保缴费证明开具: social insurance's contribution record. */
    public static final String CONTRIBUTION_CERTIFICATE = "11460100MB1926354K4000303006000";

    private WindowCases() {
    }

    /** Opens an id-card renewal case for the applicant at {@code staff}'s window, with both consents given. */
    public static String idCardRenewal(TestRestTemplate http, ObjectMapper json, String staff, String idNumber,
                                       String name) throws Exception {
        return open(http, json, staff, "{\"item\":\"" + ID_CARD_RENEWAL + "\",\"applicant\":{\"idNumber\":\"" + idNumber
                + "\",\"name\":\"" + name + "\"},\"form\":{\"reason\":\"expired\"},\"consents\":"
                + "[\"public-security/identity-verification\",\"public-security/household-registration\"]}");
    }

    /** Opens a contribution-certificate case for the applicant, consenting to the contribution record. */
    public static String contributionCertificate(TestRestTemplate http, ObjectMapper json, String staff,
                                                 String idNumber, String name) throws Exception {
        return open(http, json, staff, "{\"item\":\"" + CONTRIBUTION_CERTIFICATE + "\",\"applicant\":{\"idNumber\":\""
                + idNumber + "\",\"name\":\"" + name + "\"},\"form\":{\"fromMonth\":\"2020-01\",\"toMonth\":\"2020-06\"},"
                + "\"consents\":[\"social-insurance/contribution-record\"]}");
    }

    public static String open(TestRestTemplate http, ObjectMapper json, String staff, String body) throws Exception {
        ResponseEntity<String> created = post(http, Tokens.of(staff), "/api/v1/cases", body);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        JsonNode detail = json.readTree(created.getBody());
        return detail.at("/summary/caseNumber").asText();
    }

    public static ResponseEntity<String> post(TestRestTemplate http, String token, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }
}
