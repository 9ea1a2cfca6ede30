package tongban.sso.identity;

/** 实名等级 — how sure the platform is that an account belongs to the person it names. */
public enum RealNameLevel {
    /** No real-name check (staff and service accounts). */
    NONE(0),
    /** 2 — self-declared name and id number. */
    SELF_DECLARED(2),
    /** 3 — checked against the population register. */
    REGISTER_CHECKED(3),
    /** 4 — face-verified against the register photo. */
    FACE_VERIFIED(4);

    private final int level;

    RealNameLevel(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public boolean atLeast(RealNameLevel other) {
        return level >= other.level;
    }

    public static RealNameLevel of(Object claim) {
        if (claim == null) {
            return NONE;
        }
        String text = claim.toString().strip();
        for (RealNameLevel value : values()) {
            if (text.equals(Integer.toString(value.level))) {
                return value;
            }
        }
        return NONE;
    }
}
