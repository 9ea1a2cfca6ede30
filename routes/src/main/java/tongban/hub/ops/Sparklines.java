package tongban.hub.ops;

import java.util.Locale;

/** Small inline SVG charts for the console: the points of a polyline over a series, scaled to the box. */
public final class Sparklines {

    public static final int WIDTH = 120;
    public static final int HEIGHT = 24;

    /** {@code "x,y x,y …"} for an SVG polyline; a flat line at the bottom for an empty or all-zero series. */
    public String points(long[] series) {
        if (series == null || series.length == 0) {
            return "0," + HEIGHT + " " + WIDTH + "," + HEIGHT;
        }
        long max = 1;
        for (long v : series) {
            max = Math.max(max, v);
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < series.length; i++) {
            double x = series.length == 1 ? WIDTH : (double) i * WIDTH / (series.length - 1);
            double y = HEIGHT - 1 - (double) series[i] * (HEIGHT - 2) / max;
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return points.toString().strip();
    }
}
