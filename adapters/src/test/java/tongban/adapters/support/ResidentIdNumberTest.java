package tongban.adapters.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ResidentIdNumberTest {

    @ParameterizedTest
    @ValueSource(strings = {"460100199001011230", "460100198506152341", "11010519491231002X"})
    void acceptsNumbersWithTheRightCheckCharacter(String id) {
        assertThat(ResidentIdNumber.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"460100199001011231", "46010019900101123", "4601001990010112300", "46010019900101123x",
            "060100199001011230", "", "abcdefghijklmnopqr"})
    void rejectsWrongCheckCharacterOrShape(String id) {
        assertThat(ResidentIdNumber.isValid(id)).isFalse();
    }

    @Test
    void masksAllButRegionAndLastFour() {
        assertThat(ResidentIdNumber.mask("460100199001011230")).isEqualTo("4601**********1230");
        assertThat(ResidentIdNumber.isValid(null)).isFalse();
    }
}
