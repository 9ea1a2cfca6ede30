package tongban.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import tongban.hub.support.HubTest;
import tongban.hub.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens say who acts for whom: an enterprise handler (经办人) acts for the enterprise named in the token. */
class LegalPersonEndToEndTest extends HubTest {

    private JsonNode me(String user) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(Tokens.of(user));
        return read(http.exchange("/api/v1/me", HttpMethod.GET, new HttpEntity<>(headers), String.class));
    }

    @Test
    void aHandlersTokenNamesTheEnterpriseTheyActFor() throws Exception {
        JsonNode chenjing = me("chenjing");

        assertThat(chenjing.path("roles").toString()).contains("enterprise-handler");
        assertThat(chenjing.at("/actingFor/creditCode").asText()).isEqualTo("91460100MA5T12345C");
        assertThat(chenjing.at("/actingFor/name").asText()).isEqualTo("海口市椰风数字科技有限公司");
        assertThat(chenjing.path("maskedIdNumber").asText()).isEqualTo("4601**********4520");
    }

    @Test
    void aCitizenActsForNobody() throws Exception {
        JsonNode zhangsan = me("zhangsan");

        assertThat(zhangsan.path("actingFor").isNull()).isTrue();
        assertThat(zhangsan.path("realNameLevel").asInt()).isEqualTo(3);
        assertThat(zhangsan.toString()).doesNotContain("460100199001011230");
    }
}
