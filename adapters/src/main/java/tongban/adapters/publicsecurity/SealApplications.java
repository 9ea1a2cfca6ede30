package tongban.adapters.publicsecurity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tongban.adapters.publicsecurity.seal.YzkzsqRequest;
import tongban.adapters.publicsecurity.seal.YzkzsqResponse;
import tongban.adapters.support.DepartmentException;
import tongban.adapters.support.CallbackDefinition;
import tongban.adapters.support.InvalidRequestException;
import tongban.adapters.support.RequestFields;
import tongban.adapters.support.UnifiedSocialCreditCode;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * 印章刻制备案 — the seal-management system's application (SOAP, {@code wsdl/public-security-seal.wsdl}) and its
 * notice back to the hub. Return codes: fhdm 00 已接收, 10 业务编号重复 (the first application's number comes back:
 * a repeat is not a second application), 20 不予受理 (with fhxx as the reason).
 * Its notice, JSON from the system's notification gateway: {"tzbh": notice id, "ywbh": our case number, "sqbh",
 * "zt": 1 已受理 2 已刻制备案 3 退回补正 4 不予备案 5 制作中, "yzbm": 印章编码, "bz": 说明, "sj": yyyy-MM-dd HH:mm:ss}.
 */
final class SealApplications {

    static final String SERVICE = "seal-engraving";
    static final String CALLBACK = "seal-status";
    private static final Pattern CASE_NUMBER = Pattern.compile("TB[0-9]{14}(-[0-9]{2})?");
    private static final Pattern SEAL_KINDS = Pattern.compile("(0[1-3]){1,3}");
    private static final Map<String, String> STATUSES = Map.of("1", "ACCEPTED", "2", "APPROVED",
            "3", "CORRECTION_REQUESTED", "4", "NOT_ACCEPTED", "5", "IN_PROGRESS");

    private SealApplications() {
    }

    static YzkzsqRequest request(JsonNode request, String requestId) {
        YzkzsqRequest yzkzsq = new YzkzsqRequest();
        yzkzsq.setYwbh(RequestFields.requiredMatching(request, "caseNumber", CASE_NUMBER, "a case number"));
        yzkzsq.setQymc(RequestFields.requiredText(request, "enterpriseName", 100));
        String creditCode = RequestFields.requiredText(request, "creditCode", 18);
        if (!UnifiedSocialCreditCode.isValid(creditCode)) {
            throw new InvalidRequestException("creditCode", "'creditCode' must be a valid unified social credit code");
        }
        yzkzsq.setTyshxydm(creditCode);
        yzkzsq.setYzzl(RequestFields.requiredMatching(request, "sealKinds", SEAL_KINDS, "seal kinds (01, 0102, 010203)"));
        yzkzsq.setSqrsfzh(RequestFields.requiredIdNumber(request, "applicantIdNumber"));
        yzkzsq.setQqlsh(requestId == null ? "" : requestId);
        return yzkzsq;
    }

    static ObjectNode answer(YzkzsqResponse answer) {
        String code = answer == null ? null : answer.getFhdm();
        if ("00".equals(code) || "10".equals(code)) {
            return JsonNodeFactory.instance.objectNode().put("applicationNo", answer.getSqbh());
        }
        if ("20".equals(code)) {
            String reason = answer.getFhxx() == null || answer.getFhxx().isBlank() ? null : answer.getFhxx().strip();
            throw new DepartmentException(DepartmentException.Kind.REFUSED, PublicSecurityMapper.DEPARTMENT, code,
                    "seal application refused: " + reason, reason, null);
        }
        throw new DepartmentException(DepartmentException.Kind.ERROR, PublicSecurityMapper.DEPARTMENT, code,
                "seal application failed with code " + code);
    }

    static CallbackDefinition callback() {
        return NotificationGateway.callback(CALLBACK, "印章刻制备案办理状态通知", SealApplications::notice);
    }

    private static JsonNode notice(JsonNode body) {
        String status = STATUSES.get(body.path("zt").asText(""));
        if (status == null) {
            throw new InvalidRequestException("zt", "zt must be one of " + STATUSES.keySet());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("caseNumber", RequestFields.requiredMatching(body, "ywbh", CASE_NUMBER, "a case number"));
        out.put("applicationNo", body.path("sqbh").asText(null));
        out.put("status", status);
        out.put("reason", body.path("bz").asText(null));
        out.put("result", body.path("yzbm").asText(null));
        out.put("changedAt", NotificationGateway.changedAt(body));
        return out;
    }
}
