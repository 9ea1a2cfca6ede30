package tongban.adapters.publicsecurity;

import tongban.adapters.publicsecurity.contract.HjcxResponse;
import tongban.adapters.publicsecurity.contract.SfhyResponse;
import tongban.adapters.support.DepartmentException;

/**
 * Maps the population service's answers (field names in pinyin abbreviations, see the WSDL) to the
 * canonical records. Result codes: hyjg 01 一致 / 02 不一致 / 03 库中无此号; fhdm 00 found / 03 not found.
 */
final class PublicSecurityMapper {

    static final String DEPARTMENT = "public-security";

    private PublicSecurityMapper() {
    }

    static IdentityVerification toVerification(SfhyResponse answer) {
        if (answer == null || answer.getHyjg() == null) {
            throw new DepartmentException(DepartmentException.Kind.ERROR, DEPARTMENT, null,
                    "identity verification answer has no result (hyjg)");
        }
        IdentityVerification.Result result = switch (answer.getHyjg().strip()) {
            case "01" -> IdentityVerification.Result.MATCH;
            case "02" -> IdentityVerification.Result.MISMATCH;
            case "03" -> IdentityVerification.Result.NOT_FOUND;
            default -> throw new DepartmentException(DepartmentException.Kind.ERROR, DEPARTMENT, answer.getHyjg(),
                    "identity verification answered an unknown result code " + answer.getHyjg());
        };
        return new IdentityVerification(result, answer.getHyjgms());
    }

    static HouseholdRegistration toHousehold(HjcxResponse answer) {
        String code = answer == null ? null : answer.getFhdm();
        if ("03".equals(code)) {
            throw new DepartmentException(DepartmentException.Kind.RECORD_NOT_FOUND, DEPARTMENT, code,
                    "no household registration for this person");
        }
        if (!"00".equals(code)) {
            throw new DepartmentException(DepartmentException.Kind.ERROR, DEPARTMENT, code,
                    "household lookup failed with code " + code);
        }
        return new HouseholdRegistration(answer.getXm(), answer.getXb(), answer.getMz(), isoDate(answer.getCsrq()),
                answer.getHjdz(), answer.getHh(), answer.getHzxm(), answer.getYhzgx());
    }

    /** csrq comes as {@code yyyyMMdd}. */
    static String isoDate(String yyyymmdd) {
        if (yyyymmdd == null || !yyyymmdd.matches("[0-9]{8}")) {
            return null;
        }
        return yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-" + yyyymmdd.substring(6);
    }
}
