package tongban.hub.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokenHeaderTest {

    private final BearerTokenHeader resolver = new BearerTokenHeader();

    private String resolve(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        return resolver.resolve(request);
    }

    @Test
    void readsABearerTokenWhateverTheSchemesCase() {
        assertThat(resolve("Bearer eyJ.abc-_~+/.sig==")).isEqualTo("eyJ.abc-_~+/.sig==");
        assertThat(resolve("bearer abc")).isEqualTo("abc");
    }

    @Test
    void otherSchemesAndNoHeaderAreNotBearerTokens() {
        assertThat(resolve(null)).isNull();
        assertThat(resolve("Basic dXNlcjpwYXNz")).isNull();
        assertThat(resolve("Bearer")).isNull();
    }

    @Test
    void malformedTokensAreRefused() {
        for (String bad : new String[]{"Bearer ", "Bearer a b", "Bearer ==", "Bearer abc=def", "Bearer abc\u00e9",
                "Bearer  abc"}) {
            assertThatThrownBy(() -> resolve(bad)).as(bad).isInstanceOf(OAuth2AuthenticationException.class);
        }
    }

    @Test
    void headerValuesWithControlCharactersAreRefusedByTheFirewallPredicate() {
        assertThat(SecurityConfig.acceptableHeaderValue("Bearer abc")).isTrue();
        assertThat(SecurityConfig.acceptableHeaderValue("张三")).isTrue();
        assertThat(SecurityConfig.acceptableHeaderValue("a\nb")).isFalse();
        assertThat(SecurityConfig.acceptableHeaderValue("a\u0000b")).isFalse();
        assertThat(SecurityConfig.acceptableHeaderValue("a\u0378b")).as("unassigned").isFalse();
    }
}
