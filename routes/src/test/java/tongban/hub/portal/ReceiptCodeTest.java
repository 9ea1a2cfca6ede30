package tongban.hub.portal;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The receipt's QR code, drawn as an SVG path, read back module by module by zxing's own decoder. */
class ReceiptCodeTest {

    @Test
    void theDrawnCodeReadsBackAsTheRatingPagesAddress() throws Exception {
        String url = "http://localhost:8080/portal/cases/TB20261130000042?via=qr";
        ReceiptCode.Code code = new ReceiptCode().of(url);

        BitMatrix modules = new BitMatrix(code.modules());
        Matcher dark = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(code.path());
        int count = 0;
        while (dark.find()) {
            modules.set(Integer.parseInt(dark.group(1)) - ReceiptCode.QUIET, Integer.parseInt(dark.group(2)) - ReceiptCode.QUIET);
            count++;
        }
        assertThat(count).isGreaterThan(code.modules()); // more than a line: a code, not an empty box
        assertThat(code.size()).isEqualTo(code.modules() + 2 * ReceiptCode.QUIET);
        assertThat(new Decoder().decode(modules).getText()).isEqualTo(url);
    }
}
