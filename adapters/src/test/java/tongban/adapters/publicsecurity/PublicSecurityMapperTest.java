package tongban.adapters.publicsecurity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tongban.adapters.publicsecurity.contract.HjcxResponse;
import tongban.adapters.publicsecurity.contract.SfhyResponse;
import tongban.adapters.support.DepartmentException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicSecurityMapperTest {

    @ParameterizedTest
    @CsvSource({"01,MATCH", "02,MISMATCH", "03,NOT_FOUND", "' 01 ',MATCH"})
    void mapsVerificationResultCodes(String hyjg, IdentityVerification.Result expected) {
        SfhyResponse answer = new SfhyResponse();
        answer.setHyjg(hyjg);
        answer.setHyjgms("描述");

        IdentityVerification verification = PublicSecurityMapper.toVerification(answer);

        assertThat(verification.result()).isEqualTo(expected);
        assertThat(verification.description()).isEqualTo("描述");
    }

    @Test
    void unknownOrMissingResultCodeIsADepartmentError() {
        SfhyResponse answer = new SfhyResponse();
        answer.setHyjg("99");
        assertThatThrownBy(() -> PublicSecurityMapper.toVerification(answer))
                .isInstanceOfSatisfying(DepartmentException.class, e -> assertThat(e.departmentCode()).isEqualTo("99"));
        assertThatThrownBy(() -> PublicSecurityMapper.toVerification(new SfhyResponse()))
                .isInstanceOf(DepartmentException.class);
    }

    @Test
    void mapsHouseholdRegistrationWithIsoBirthDate() {
        HjcxResponse answer = new HjcxResponse();
        answer.setFhdm("00");
        answer.setXm("张三");
        answer.setXb("男");
        answer.setMz("汉族");
        answer.setCsrq("19900101");
        answer.setHjdz("海南省海口市龙华区滨海大道88号");
        answer.setHh("460106001234");
        answer.setHzxm("张建国");
        answer.setYhzgx("子");

        HouseholdRegistration household = PublicSecurityMapper.toHousehold(answer);

        assertThat(household).isEqualTo(new HouseholdRegistration("张三", "男", "汉族", "1990-01-01",
                "海南省海口市龙华区滨海大道88号", "460106001234", "张建国", "子"));
    }

    @Test
    void notFoundAndFailureCodesAreClassified() {
        HjcxResponse missing = new HjcxResponse();
        missing.setFhdm("03");
        assertThatThrownBy(() -> PublicSecurityMapper.toHousehold(missing))
                .isInstanceOfSatisfying(DepartmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(DepartmentException.Kind.RECORD_NOT_FOUND));
        HjcxResponse failed = new HjcxResponse();
        failed.setFhdm("09");
        assertThatThrownBy(() -> PublicSecurityMapper.toHousehold(failed))
                .isInstanceOfSatisfying(DepartmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(DepartmentException.Kind.ERROR));
    }

    @Test
    void malformedBirthDateBecomesNull() {
        assertThat(PublicSecurityMapper.isoDate("1990-1-1")).isNull();
    }
}
