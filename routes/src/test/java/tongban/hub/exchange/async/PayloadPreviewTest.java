package tongban.hub.exchange.async;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadPreviewTest {

    @Test
    void idNumbersNamesAndMobilesAreMaskedWhileTheShapeStays() {
        String preview = PayloadPreview.of("{\"idNumber\":\"460100199001011230\",\"name\":\"张三丰\","
                + "\"contact\":{\"mobile\":\"13812345678\"},\"projectName\":\"椰风大厦\",\"months\":[\"2020-01\"]}");

        assertThat(preview).contains("\"idNumber\":\"4601**********1230\"", "\"name\":\"张**\"",
                "\"mobile\":\"138****5678\"", "\"projectName\":\"椰风大厦\"", "\"months\":[\"2020-01\"]");
        assertThat(preview).doesNotContain("460100199001011230", "张三丰", "13812345678");
    }

    @Test
    void textThatIsNotJsonIsMaskedToo() {
        assertThat(PayloadPreview.of("<aac002>460100199001011230</aac002>")).isEqualTo("<aac002>4601**********1230</aac002>");
    }

    @Test
    void aLongPayloadIsCut() {
        assertThat(PayloadPreview.of("{\"x\":\"" + "a".repeat(2000) + "\"}")).hasSize(PayloadPreview.MAX_CHARS + 1)
                .endsWith("…");
    }
}
