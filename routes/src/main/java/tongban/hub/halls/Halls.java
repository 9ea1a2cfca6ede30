package tongban.hub.halls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The city's service halls as data ({@code halls/halls.yaml}): the hierarchy from the city's hall down to the
 * street centres, each hall's windows by code and name with what each takes in, and each hall's appointment rules.
 * Read once at start; a wrong reference (an unknown parent, a window code used twice) stops the start naming it.
 * What the windows take in is checked against the items and bundles by whoever knows them.
 */
public final class Halls {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** One window (窗口) of a hall: its code is what staff accounts carry as {@code service_window}. */
    public record Window(String code, String name, String hallId, String hallName, List<String> takes) {

        public boolean takes(String itemOrBundle) {
            return takes.contains(itemOrBundle);
        }

        /** 龙华区政务服务中心 · 龙华区综合受理窗口 */
        public String fullName() {
            return hallName + " · " + name;
        }
    }

    /** The rule for people who book and do not come: {@code count} within {@code withinDays} blocks {@code blockedDays}. */
    public record NoShowRule(int count, int withinDays, int blockedDays) {
    }

    /** How a hall takes appointments. */
    public record AppointmentRules(List<Opening> opening, int slotMinutes, int places, int daysAhead,
                                   int cancelBeforeMinutes, NoShowRule noShows) {

        /** The starts of a working day's slots, in order. */
        public List<LocalTime> slotStarts() {
            List<LocalTime> starts = new ArrayList<>();
            for (Opening o : opening) {
                for (LocalTime t = o.from(); !t.plusMinutes(slotMinutes).isAfter(o.to()); t = t.plusMinutes(slotMinutes)) {
                    starts.add(t);
                }
            }
            return starts;
        }

        public Duration slotLength() {
            return Duration.ofMinutes(slotMinutes);
        }
    }

    /** Opening hours: one stretch of a working day. */
    public record Opening(LocalTime from, LocalTime to) {
    }

    /** One hall; {@code appointments} is null for a hall that takes none. */
    public record Hall(String id, String name, String level, String parent, String address,
                       AppointmentRules appointments, List<Window> windows) {

        public boolean takesAppointments() {
            return appointments != null;
        }

        /** The hall's windows that take in this item or bundle. */
        public List<Window> windowsTaking(String itemOrBundle) {
            return windows.stream().filter(w -> w.takes(itemOrBundle)).toList();
        }
    }

    private final Map<String, Hall> halls;
    private final Map<String, Window> windows;

    private Halls(Map<String, Hall> halls, Map<String, Window> windows) {
        this.halls = halls;
        this.windows = windows;
    }

    public static Halls fromClasspath() {
        return load(new DefaultResourceLoader().getResource("classpath:halls/halls.yaml"));
    }

    static Halls load(Resource file) {
        JsonNode root;
        try (InputStream in = file.getInputStream()) {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("halls/halls.yaml cannot be read", e);
        }
        Map<String, Hall> halls = new LinkedHashMap<>();
        Map<String, Window> windows = new LinkedHashMap<>();
        for (JsonNode h : root.path("halls")) {
            String id = h.path("id").asText();
            String name = h.path("name").asText();
            List<Window> hallWindows = new ArrayList<>();
            for (JsonNode w : h.path("windows")) {
                List<String> takes = new ArrayList<>();
                w.path("takes").forEach(t -> takes.add(t.asText()));
                Window window = new Window(w.path("code").asText(), w.path("name").asText(), id, name,
                        List.copyOf(takes));
                if (windows.putIfAbsent(window.code(), window) != null) {
                    throw new IllegalStateException("halls/halls.yaml: window " + window.code() + " is named twice");
                }
                hallWindows.add(window);
            }
            Hall hall = new Hall(id, name, h.path("level").asText(), h.hasNonNull("parent") ? h.get("parent").asText()
                    : null, h.path("address").asText(null), h.has("appointments") ? rules(id, h.get("appointments"))
                    : null, List.copyOf(hallWindows));
            if (halls.put(id, hall) != null) {
                throw new IllegalStateException("halls/halls.yaml: hall " + id + " is named twice");
            }
        }
        for (Hall h : halls.values()) {
            if (h.parent() != null && !halls.containsKey(h.parent())) {
                throw new IllegalStateException("halls/halls.yaml: hall " + h.id() + " names an unknown parent "
                        + h.parent());
            }
        }
        return new Halls(halls, windows);
    }

    private static AppointmentRules rules(String hall, JsonNode a) {
        List<Opening> opening = new ArrayList<>();
        for (JsonNode o : a.path("opening")) {
            String[] span = o.asText().split("-");
            Opening stretch = new Opening(LocalTime.parse(span[0]), LocalTime.parse(span[1]));
            if (!stretch.to().isAfter(stretch.from())) {
                throw new IllegalStateException("halls/halls.yaml: hall " + hall + " opens " + o.asText()
                        + ", which ends before it starts");
            }
            opening.add(stretch);
        }
        JsonNode n = a.path("no-shows");
        return new AppointmentRules(List.copyOf(opening), a.path("slot-minutes").asInt(30), a.path("places").asInt(1),
                a.path("days-ahead").asInt(7), a.path("cancel-before-minutes").asInt(60),
                n.isMissingNode() ? null : new NoShowRule(n.path("count").asInt(), n.path("within-days").asInt(),
                        n.path("blocked-days").asInt()));
    }

    public Collection<Hall> all() {
        return halls.values();
    }

    public Optional<Hall> hall(String id) {
        return Optional.ofNullable(halls.get(id));
    }

    public Optional<Window> window(String code) {
        return Optional.ofNullable(windows.get(code));
    }

    /** A window's name for people ("海口市政务服务中心 · 综合受理窗口"), or its code when the file does not know it. */
    public String windowName(String code) {
        if (code == null) {
            return null;
        }
        Window w = windows.get(code);
        return w == null ? code : w.fullName();
    }

    public Collection<Window> windows() {
        return windows.values();
    }
}
