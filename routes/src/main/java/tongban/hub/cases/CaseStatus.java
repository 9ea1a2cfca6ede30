package tongban.hub.cases;

/** Where a case stands, with the words the applicant sees. */
public enum CaseStatus {
    SUBMITTED("已提交"),
    ACCEPTED("已受理"),
    NOT_ACCEPTED("不予受理"),
    IN_PROGRESS("办理中"),
    CORRECTION_REQUESTED("待补正"),
    FINISHED("已办结"),
    WITHDRAWN("已撤回");

    private final String words;

    CaseStatus(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean isFinal() {
        return this == NOT_ACCEPTED || this == FINISHED || this == WITHDRAWN;
    }

    /** How a finished case ended. */
    public enum Outcome {
        APPROVED("办结（准予）"), REFUSED("办结（不予许可）"),
        /** Approved on the applicant's pledge (告知承诺), then revoked: the department's check found the pledge untrue. */
        REVOKED("已撤销（承诺不实）");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
