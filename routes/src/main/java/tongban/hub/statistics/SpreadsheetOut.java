package tongban.hub.statistics;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

/**
 * An .xlsx written with POI's streaming workbook: rows beyond a small window go to a temporary file as they
 * are made, so a long sheet never sits in memory. A {@link Number} is a number cell, null an empty cell, anything
 * else a text cell — a string, never a formula, whatever it starts with. The header row is bold and frozen, in
 * 等线 so that Chinese opens as Chinese in Excel and WPS.
 */
final class SpreadsheetOut implements AutoCloseable {

    /** Rows kept in memory before the oldest are flushed to the temporary file. */
    private static final int WINDOW = 100;

    private final SXSSFWorkbook book = new SXSSFWorkbook(WINDOW);
    private Sheet sheet;
    private final CellStyle bold;
    private int rows;

    SpreadsheetOut(String sheetName) {
        book.setCompressTempFiles(true);
        sheet = book.createSheet(WorkbookUtil.createSafeSheetName(sheetName));
        Font font = book.createFont();
        font.setBold(true);
        font.setFontName("等线");
        bold = book.createCellStyle();
        bold.setFont(font);
    }

    /** Goes on in a new sheet of the workbook. */
    void sheet(String sheetName) {
        sheet = book.createSheet(WorkbookUtil.createSafeSheetName(sheetName));
        rows = 0;
    }

    void header(List<String> names) {
        Row row = sheet.createRow(rows++);
        for (int i = 0; i < names.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(names.get(i));
            cell.setCellStyle(bold);
        }
        sheet.createFreezePane(0, 1);
    }

    void row(List<Object> values) {
        Row row = sheet.createRow(rows++);
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(i);
            if (value instanceof BigDecimal d) {
                cell.setCellValue(d.doubleValue());
            } else if (value instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else {
                cell.setCellValue(value.toString());
            }
        }
    }

    void writeTo(OutputStream out) throws IOException {
        book.write(out);
        out.flush();
    }

    /** Deletes the temporary file the flushed rows went to, then closes the workbook. */
    @Override
    public void close() throws IOException {
        book.dispose();
        book.close();
    }
}
