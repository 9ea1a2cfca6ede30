package tongban.hub.statistics;

import java.math.BigDecimal;
import java.util.List;

/**
 * The platform's figures by channel for a range, as the source reports them for its half-year: 网上申报 (online
 * applications, 掌上办 among them), 窗口接件 (applications taken in at windows), 网上预约 (appointments booked, kept,
 * not kept), 审批结果邮寄 (results posted; and those collected at the hall), 大厅日均受理 (each hall's window intake per
 * working day of the range), 告知承诺 (approvals on a pledge, their checks, on time, revoked) — and each window's
 * and staff member's appraisal figures (纳入个人考核): received, finished, early, overdue, ratings and their coverage.
 *
 * @param workingDays the working days of the range (the calendar's: holidays out, 调休 weekends in)
 */
public record ChannelFigures(Applications applications, Appointments appointments, Results results,
                             Pledges pledges, int workingDays, List<HallLine> halls, List<WindowLine> windows,
                             List<StaffLine> staff, List<DepartmentResults> resultsByDepartment) {

    /** 网上申报 (ONLINE and MOBILE), of them 掌上办 (MOBILE), 窗口接件 (WINDOW), 热线 (HOTLINE). */
    public record Applications(long online, long mobile, long window, long hotline) {
    }

    /** 网上预约: booked (not cancelled), kept (checked in), not kept. */
    public record Appointments(long booked, long kept, long notKept) {
    }

    /** 审批结果邮寄: results posted (the carrier took the order), results collected at the hall. */
    public record Results(long posted, long collectedAtHall) {
    }

    /** 告知承诺: approvals on a pledge, checks reported, of them on time, pledges found untrue (revoked). */
    public record Pledges(long approved, long checked, long checkedOnTime, long revoked) {
    }

    /** One hall: its windows' intake, per working day (大厅日均受理), and its appointments. */
    public record HallLine(String hall, String name, long windowIntake, BigDecimal dailyAverageIntake,
                           long appointmentsBooked, long appointmentsKept, long appointmentsNotKept) {
    }

    /**
     * One window: applications it took in, cases it handled to the end (early, overdue), ratings of its cases, good
     * and bad, the good rate, and the rating coverage (ratings per case finished, %).
     */
    public record WindowLine(String window, String name, long received, long finished, long finishedEarly,
                             long overdue, long ratings, long good, long bad, BigDecimal goodRate,
                             BigDecimal ratingCoverage) {
    }

    /** One staff member: applications they took in, and the ratings of those cases. */
    public record StaffLine(String staff, String windowName, long received, long ratings, long good, long bad,
                            BigDecimal goodRate) {
    }

    /** Results posted and collected, per department. */
    public record DepartmentResults(String department, String name, long posted, long collectedAtHall) {
    }
}
