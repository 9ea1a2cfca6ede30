package tongban.hub.cases;

import java.util.regex.Pattern;

/**
 * How the applicant collects the result: at the hall ({@code HALL}), or by post ({@code POST}) to a recipient, a
 * mobile phone and an address with its province, city and district — checked when applying, kept with the case,
 * masked wherever a list shows it to staff.
 */
public record Delivery(String method, String recipient, String phone, String province, String city, String district,
                       String address) {

    public static final String HALL = "HALL";
    public static final String POST = "POST";
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    /** Collecting at the hall: the default when an application does not say. */
    public static Delivery atHall() {
        return new Delivery(HALL, null, null, null, null, null, null);
    }

    public boolean byPost() {
        return POST.equals(method);
    }

    /** @throws CaseFailure in words, naming the field */
    Delivery checked() {
        if (HALL.equals(method)) {
            return atHall();
        }
        if (!POST.equals(method)) {
            throw CaseFailure.invalid("请选择领取方式：窗口领取或邮寄", "delivery.method must be HALL or POST");
        }
        String name = required(recipient, 50, "收件人", "delivery.recipient");
        String mobile = phone == null ? "" : phone.strip();
        if (!MOBILE.matcher(mobile).matches()) {
            throw CaseFailure.invalid("请填写收件人的11位手机号码", "delivery.phone must be a mainland mobile number");
        }
        return new Delivery(POST, name, mobile, required(province, 20, "省", "delivery.province"),
                required(city, 20, "市", "delivery.city"), required(district, 20, "区（县）", "delivery.district"),
                required(address, 200, "详细地址", "delivery.address"));
    }

    private static String required(String value, int max, String words, String field) {
        if (value == null || value.isBlank()) {
            throw CaseFailure.invalid("请填写邮寄地址的" + words, field + " is required for delivery by post");
        }
        if (value.strip().length() > max) {
            throw CaseFailure.invalid(words + "过长（最多" + max + "个字）", field + " is at most " + max + " characters");
        }
        return value.strip();
    }

    /** 138****0001 */
    public String maskedPhone() {
        return phone == null ? null : phone.substring(0, 3) + "****" + phone.substring(7);
    }

    /** 海南省海口市龙华区**** : the district, never the street. */
    public String maskedAddress() {
        return byPost() ? province + city + district + "****" : null;
    }

    public String fullAddress() {
        return byPost() ? province + city + district + address : null;
    }
}
