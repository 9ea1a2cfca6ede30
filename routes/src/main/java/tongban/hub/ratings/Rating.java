package tongban.hub.ratings;

import java.time.Instant;
import java.util.Map;

/**
 * One rating as stored.
 *
 * @param kind      RATING (一事一评) or FOLLOW_UP (追评, after a bad rating was answered)
 * @param channel   ONLINE (the portal), MOBILE (the receipt's QR code), WINDOW (staff with the applicant), PORTAL (a
 *                  department portal through the hub)
 * @param ratedBy   the applicant's account, or {@code staff:<name>} when staff recorded it at the window
 * @param workOrder the follow-up a bad rating opened
 */
public record Rating(String caseNumber, String kind, RatingLevel level, Map<String, Integer> indicators,
                     String comment, String channel, String clientId, String ratedBy, String applicantIdNumber,
                     String department, String serviceWindow, Instant ratedAt, String workOrder) {
}
