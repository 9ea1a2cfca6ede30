package tongban.hub.support;

import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import tongban.hub.web.BeijingTime;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The department systems telling the hub how they decided an application: each in its own words, with its own
 * client-credentials token (the demo secrets of the local realm).
 */
public final class DepartmentSystems {

    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final TestRestTemplate http;

    public DepartmentSystems(TestRestTemplate http) {
        this.http = http;
    }

    private static String now(DateTimeFormatter format) {
        return LocalDateTime.now(BeijingTime.ZONE).format(format);
    }

    public ResponseEntity<String> notice(String client, String secret, String callback, String body) {
        return WindowCases.post(http, Tokens.ofClient(client, secret), "/api/v1/callbacks/" + callback, body);
    }

    /** 市场监管: blzt 01 受理 02 不予受理 03 补正 04 核准 05 驳回 06 审查中; extra: more JSON fields, led by a comma. */
    public ResponseEntity<String> registration(String caseNumber, String status, String extra) {
        return notice("enterprise-registration-system", "demo-only-enterprise-registration-secret",
                "enterprise-registration/application-status", "{\"tzbh\":\"SCJG-" + UUID.randomUUID()
                        + "\",\"wbywh\":\"" + caseNumber + "\",\"sqbh\":\"SL" + caseNumber.substring(2)
                        + "\",\"blzt\":\"" + status + "\",\"blsj\":\"" + now(COMPACT) + "\"" + extra + "}");
    }

    /** 公安 印章: zt 1 已受理 2 已刻制备案 3 退回补正 4 不予备案 5 制作中. */
    public ResponseEntity<String> seal(String caseNumber, String status, String extra) {
        return notice("public-security-system", "demo-only-public-security-secret", "public-security/seal-status",
                "{\"tzbh\":\"YZ-" + UUID.randomUUID() + "\",\"ywbh\":\"" + caseNumber + "\",\"zt\":\"" + status
                        + "\",\"sj\":\"" + now(DASHED) + "\"" + extra + "}");
    }

    /** 税务: slzt Y 受理 N 不予受理 B 补正 W 完成 J 拒绝 Z 办理中. */
    public ResponseEntity<String> tax(String caseNumber, String status, String extra) {
        return notice("tax-system", "demo-only-tax-system-secret", "tax/taxpayer-registration-status",
                "{\"tzlsh\":\"SW-" + UUID.randomUUID() + "\",\"wbywbh\":\"" + caseNumber + "\",\"slzt\":\"" + status
                        + "\",\"clsj\":\"" + now(DASHED) + "\"" + extra + "}");
    }

    /** 社保: aae016 10 受理 20 补正 30 审核通过 40 审核不通过 50 不予受理 60 审核中. */
    public ResponseEntity<String> insurance(String caseNumber, String status, String extra) {
        return notice("social-insurance-system", "demo-only-social-insurance-secret",
                "social-insurance/registration-status", "{\"xxid\":\"SB-" + UUID.randomUUID() + "\",\"wbjbh\":\""
                        + caseNumber + "\",\"aae016\":\"" + status + "\",\"aae036\":\"" + now(COMPACT) + "\"" + extra + "}");
    }

    public static void taken(ResponseEntity<String> notice) {
        assertThat(notice.getStatusCode().value()).as(notice.getBody()).isEqualTo(202);
    }
}
