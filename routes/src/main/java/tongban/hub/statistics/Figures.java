package tongban.hub.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures the bureau reports, for one department or all and one month or a whole range. Counts are added up
 * from per-day rows ({@link #add}); rates are percentages with two decimals, half up, and null when nothing was
 * counted (never a made-up 0 % or 100 %).
 *
 * <p>Cases (办件, one item each; a one-thing bundle counts as its parts): {@code accepted} on the day accepted;
 * {@code notAccepted}, {@code finished} (办结, approved or refused), {@code finishedEarly} (before the due date),
 * {@code finishedOnTime} (on or before it) and {@code overdue} (after it) on the day decided; average working days
 * from acceptance to finish. Ratings (好差评, the first rating of a case; follow-up ratings are the work orders'
 * satisfaction) on the day given: good = 非常满意, 满意, 基本满意. A bad rating is followed up on time when its
 * applicant was called back within the call-back limit and answered within the rectification limit. Work orders
 * on the day received: responded within the response limit (30 minutes), finished, finished on time, and satisfied
 * (满意 or better, and 基本满意) of those whose callers were asked.
 */
public final class Figures {

    long accepted;
    long notAccepted;
    long finished;
    long finishedEarly;
    long finishedOnTime;
    long overdue;
    long workingDaysSum;
    long workingDaysCount;
    final long[] ratingsByLevel = new long[6]; // index = level 1..5
    long badRatings;
    long badCalledBack;
    long badReplied;
    long badFollowedUpOnTime;
    long ordersReceived;
    long ordersRespondedInTime;
    long ordersFinished;
    long ordersFinishedOnTime;
    long ordersAsked;
    long ordersSatisfied;

    void add(Figures o) {
        accepted += o.accepted;
        notAccepted += o.notAccepted;
        finished += o.finished;
        finishedEarly += o.finishedEarly;
        finishedOnTime += o.finishedOnTime;
        overdue += o.overdue;
        workingDaysSum += o.workingDaysSum;
        workingDaysCount += o.workingDaysCount;
        for (int i = 0; i < ratingsByLevel.length; i++) {
            ratingsByLevel[i] += o.ratingsByLevel[i];
        }
        badRatings += o.badRatings;
        badCalledBack += o.badCalledBack;
        badReplied += o.badReplied;
        badFollowedUpOnTime += o.badFollowedUpOnTime;
        ordersReceived += o.ordersReceived;
        ordersRespondedInTime += o.ordersRespondedInTime;
        ordersFinished += o.ordersFinished;
        ordersFinishedOnTime += o.ordersFinishedOnTime;
        ordersAsked += o.ordersAsked;
        ordersSatisfied += o.ordersSatisfied;
    }

    public long accepted() { return accepted; }
    public long notAccepted() { return notAccepted; }
    public long finished() { return finished; }
    public long finishedEarly() { return finishedEarly; }
    public long finishedOnTime() { return finishedOnTime; }
    public long overdue() { return overdue; }
    /** 提前办结率: finished early of finished. */
    public BigDecimal earlyRate() { return percent(finishedEarly, finished); }
    /** 按时办结率: finished on time of finished. */
    public BigDecimal onTimeRate() { return percent(finishedOnTime, finished); }
    public BigDecimal averageWorkingDays() {
        return workingDaysCount == 0 ? null
                : BigDecimal.valueOf(workingDaysSum).divide(BigDecimal.valueOf(workingDaysCount), 2, RoundingMode.HALF_UP);
    }

    public long ratings() {
        long total = 0;
        for (int level = 1; level <= 5; level++) {
            total += ratingsByLevel[level];
        }
        return total;
    }
    /** Ratings at level 5 (非常满意) down to 1 (非常不满意). */
    public long[] ratingsByLevel() { return new long[]{ratingsByLevel[5], ratingsByLevel[4], ratingsByLevel[3],
            ratingsByLevel[2], ratingsByLevel[1]}; }
    public long goodRatings() { return ratingsByLevel[5] + ratingsByLevel[4] + ratingsByLevel[3]; }
    public long badRatings() { return badRatings; }
    /** 好评率. */
    public BigDecimal goodRate() { return percent(goodRatings(), ratings()); }
    public BigDecimal callBackRate() { return percent(badCalledBack, badRatings); }
    public BigDecimal replyRate() { return percent(badReplied, badRatings); }
    public long badFollowedUpOnTime() { return badFollowedUpOnTime; }
    /** 差评整改按时率. */
    public BigDecimal followedUpOnTimeRate() { return percent(badFollowedUpOnTime, badRatings); }

    public long ordersReceived() { return ordersReceived; }
    public long ordersRespondedInTime() { return ordersRespondedInTime; }
    /** 30 分钟响应率. */
    public BigDecimal respondedInTimeRate() { return percent(ordersRespondedInTime, ordersReceived); }
    public long ordersFinished() { return ordersFinished; }
    public long ordersFinishedOnTime() { return ordersFinishedOnTime; }
    /** 按时办结率 of work orders: finished on time of received. */
    public BigDecimal ordersFinishedOnTimeRate() { return percent(ordersFinishedOnTime, ordersReceived); }
    public long ordersAsked() { return ordersAsked; }
    public long ordersSatisfied() { return ordersSatisfied; }
    /** 满意率 of the callers asked. */
    public BigDecimal satisfiedRate() { return percent(ordersSatisfied, ordersAsked); }

    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
