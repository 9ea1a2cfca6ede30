package tongban.hub.appointments;

/** Where a booking stands: booked, cancelled by the person, kept (checked in at the window), or not kept. */
public enum AppointmentStatus {
    BOOKED("已预约"),
    CANCELLED("已取消"),
    CHECKED_IN("已签到"),
    NO_SHOW("未到（爽约）");

    private final String words;

    AppointmentStatus(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
