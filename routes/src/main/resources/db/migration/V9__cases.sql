-- Cases (办件): one application for one service item, or a one-thing bundle's parent with one case per part.
-- Runs on H2 and PostgreSQL.
CREATE TABLE service_case (
    case_number         VARCHAR(24)   NOT NULL PRIMARY KEY,
    parent_number       VARCHAR(24),              -- the bundle's case, for a part
    bundle              VARCHAR(64),              -- the bundle, for its parent
    part                VARCHAR(40),              -- the part of its bundle, for a part
    item_code           VARCHAR(40),              -- 实施编码 (none for a bundle's parent)
    item                VARCHAR(64),              -- the item file it follows
    title               VARCHAR(200)  NOT NULL,   -- the item's or the bundle's name
    department          VARCHAR(64),              -- the exchange department deciding it
    applicant_subject   VARCHAR(64),              -- the applicant's account (none for a walk-in without one)
    applicant_name      VARCHAR(100)  NOT NULL,
    applicant_id_number VARCHAR(18)   NOT NULL,
    acting_for_uscc     VARCHAR(18),              -- the enterprise a handler (经办人) applies for
    acting_for_name     VARCHAR(200),
    channel             VARCHAR(10)   NOT NULL,   -- ONLINE, WINDOW, MOBILE, HOTLINE
    service_window      VARCHAR(64)   NOT NULL,   -- the window that handles it
    status              VARCHAR(24)   NOT NULL,
    outcome             VARCHAR(10),              -- APPROVED or REFUSED, once finished
    reason              VARCHAR(500),             -- why not accepted, what to correct, why refused
    result_ref          VARCHAR(200),             -- the licence, certificate or registration number
    department_ref      VARCHAR(100),             -- the department's own application number
    form_json           VARCHAR(65536) NOT NULL,
    promised_days       INTEGER,                  -- 承诺时限 in working days, from the item library
    submitted_at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    accepted_on         DATE,
    due_on              DATE,
    correction_since    DATE,
    finished_at         TIMESTAMP(3) WITH TIME ZONE,
    dispatch            VARCHAR(10),              -- for a part: WAITING, READY, SENT, DELIVERED, CANCELLED
    submission_id       VARCHAR(36),
    round_no            INTEGER       NOT NULL,   -- 1, and one more for each resubmission after a correction
    version             INTEGER       NOT NULL
);

-- 我的办件: a person's cases, whichever channel they came by
CREATE INDEX service_case_applicant ON service_case (applicant_id_number, submitted_at);
CREATE INDEX service_case_parent ON service_case (parent_number);
CREATE INDEX service_case_window ON service_case (service_window, status);
CREATE INDEX service_case_dispatch ON service_case (dispatch);

-- Each case's history, in order.
CREATE TABLE case_event (
    case_number  VARCHAR(24)   NOT NULL,
    seq          INTEGER       NOT NULL,
    happened_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    status       VARCHAR(24)   NOT NULL,
    note         VARCHAR(500),
    actor        VARCHAR(255)  NOT NULL,   -- the applicant, staff, department:<name> or platform
    request_id   VARCHAR(80),
    CONSTRAINT case_event_pk PRIMARY KEY (case_number, seq)
);

-- The applicant's consent to fetch a material from a department instead of handing it in (一证通办).
CREATE TABLE case_consent (
    case_number  VARCHAR(24)   NOT NULL,
    department   VARCHAR(64)   NOT NULL,
    service      VARCHAR(64)   NOT NULL,
    material     VARCHAR(100)  NOT NULL,
    given_at     TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    given_by     VARCHAR(255)  NOT NULL,
    revoked_at   TIMESTAMP(3) WITH TIME ZONE,
    CONSTRAINT case_consent_pk PRIMARY KEY (case_number, department, service)
);

-- Materials of a case: fetched by data sharing (where, when, which message-log entry) or still to be handed in.
CREATE TABLE case_material (
    case_number     VARCHAR(24)   NOT NULL,
    material        VARCHAR(100)  NOT NULL,
    source          VARCHAR(10)   NOT NULL,   -- SHARED or TO_HAND_IN
    department      VARCHAR(64),
    service         VARCHAR(64),
    fetched_at      TIMESTAMP(3) WITH TIME ZONE,
    log_request_id  VARCHAR(80),
    content         VARCHAR(65536),
    CONSTRAINT case_material_pk PRIMARY KEY (case_number, material)
);

-- The last case number issued each day.
CREATE TABLE case_counter (
    issued_on DATE   NOT NULL PRIMARY KEY,
    last_no  INTEGER NOT NULL
);
