package tongban.adapters.itemlibrary;

import java.util.List;

/**
 * 政务服务事项 — one service item of the provincial item library, in the exchange's canonical shape.
 *
 * @param basicCode             基本编码, the same for every implementing agency
 * @param implementationCode    实施编码, unique per implementing agency
 * @param legalTimeLimitDays    法定办结时限 in working days
 * @param promisedTimeLimitDays 承诺办结时限 in working days, 0 for 即办 (handled on the spot)
 * @param visits                到现场次数, how often the applicant must come in person
 */
public record ServiceItem(String basicCode, String implementationCode, String name, String category,
                          String department, Integer legalTimeLimitDays, Integer promisedTimeLimitDays,
                          Integer visits, List<Material> materials, String updatedAt) {

    /** 申请材料 — a document the applicant hands in. */
    public record Material(String name, String form, int copies, boolean required) {
    }

    /** One line of the paged list: what the library returns without the detail. */
    public record Summary(String basicCode, String implementationCode, String name, String category,
                          String department, String updatedAt) {
    }

    /** A page of the list. */
    public record Page(int page, int pageSize, long total, List<Summary> items) {
    }
}
