package tongban.hub.portal;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * The QR code printed on a case's receipt (办件回执), which opens the case's rating page on a phone: drawn as one SVG
 * path of its dark modules (no image files, sharp at any print size), with the four-module quiet zone around it.
 * Pages call it as {@code ${@receiptCode.of(url)}}.
 */
@Component("receiptCode")
public class ReceiptCode {

    /** Quiet zone, in modules, around the code (ISO/IEC 18004). */
    static final int QUIET = 4;

    /**
     * @param size  the side of the SVG's view box, in modules (quiet zone included)
     * @param path  the dark modules as an SVG path ({@code M x y h1 v1 h-1 z} each, in module units)
     * @param modules the side of the code itself, in modules
     */
    public record Code(int size, String path, int modules) {
    }

    public Code of(String text) {
        ByteMatrix matrix;
        try {
            matrix = Encoder.encode(text, ErrorCorrectionLevel.M, Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"))
                    .getMatrix();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode a QR code for " + text, e);
        }
        StringBuilder path = new StringBuilder(matrix.getWidth() * matrix.getHeight() * 4);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y) == 1) {
                    path.append('M').append(x + QUIET).append(' ').append(y + QUIET).append("h1v1h-1z");
                }
            }
        }
        return new Code(matrix.getWidth() + 2 * QUIET, path.toString(), matrix.getWidth());
    }
}
