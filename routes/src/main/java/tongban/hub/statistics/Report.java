package tongban.hub.statistics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The statistics for a date range: all departments together, each department, and each month (of the department
 * asked for, or of all); and, for the whole platform (no department asked for), the figures by channel, hall,
 * window and staff member ({@code channels}, null for one department).
 */
public record Report(LocalDate from, LocalDate to, String department, String departmentName, Scope total,
                     List<Scope> departments, List<Scope> months, ChannelFigures channels) {

    /** The figures of one scope: a department ({@code key} its name), a month ({@code key} yyyy-MM), or the total. */
    public record Scope(String key, String name, CaseFigures cases, RatingFigures ratings, WorkOrderFigures workOrders) {

        static Scope of(String key, String name, Figures f) {
            return new Scope(key, name,
                    new CaseFigures(f.accepted(), f.notAccepted(), f.finished(), f.finishedEarly(), f.finishedOnTime(),
                            f.overdue(), f.earlyRate(), f.onTimeRate(), f.averageWorkingDays()),
                    new RatingFigures(f.ratings(), f.ratingsByLevel(), f.goodRatings(), f.badRatings(), f.goodRate(),
                            f.callBackRate(), f.replyRate(), f.badFollowedUpOnTime(), f.followedUpOnTimeRate()),
                    new WorkOrderFigures(f.ordersReceived(), f.ordersRespondedInTime(), f.respondedInTimeRate(),
                            f.ordersFinished(), f.ordersFinishedOnTime(), f.ordersFinishedOnTimeRate(), f.ordersAsked(),
                            f.ordersSatisfied(), f.satisfiedRate()));
        }
    }

    /** 受理 · 不予受理 · 办结 · 提前办结 · 按时办结 · 逾期办结 · 提前办结率 · 按时办结率 · 平均办理工作日. */
    public record CaseFigures(long accepted, long notAccepted, long finished, long finishedEarly, long finishedOnTime,
                              long overdue, BigDecimal earlyRate, BigDecimal onTimeRate, BigDecimal averageWorkingDays) {
    }

    /** 评价数 · 各等级 (非常满意 … 非常不满意) · 好评 · 差评 · 好评率 · 差评回访率 · 差评答复率 · 按时整改 · 按时整改率. */
    public record RatingFigures(long total, long[] byLevel, long good, long bad, BigDecimal goodRate,
                                BigDecimal callBackRate, BigDecimal replyRate, long followedUpOnTime,
                                BigDecimal followedUpOnTimeRate) {
    }

    /** 受理工单 · 30 分钟内响应 · 响应率 · 办结 · 按时办结 · 按时办结率 · 回访 · 满意 · 满意率. */
    public record WorkOrderFigures(long received, long respondedInTime, BigDecimal respondedInTimeRate, long finished,
                                   long finishedOnTime, BigDecimal finishedOnTimeRate, long asked, long satisfied,
                                   BigDecimal satisfiedRate) {
    }
}
