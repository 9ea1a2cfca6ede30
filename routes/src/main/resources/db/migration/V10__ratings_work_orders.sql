-- Ratings (好差评), work orders (工单: 12345 hotline requests and bad-rating follow-ups), and the platform's own sends
-- to departments that must go out once after their record commits. Runs on H2 and PostgreSQL.

-- One rating per finished case (一事一评) and at most one follow-up rating (追评) after a bad rating was answered.
CREATE TABLE case_rating (
    case_number      VARCHAR(24)   NOT NULL,
    kind             VARCHAR(10)   NOT NULL,   -- RATING or FOLLOW_UP (追评)
    rating_level     INTEGER       NOT NULL,   -- 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意
    indicators_json  VARCHAR(2000) NOT NULL,   -- the scheme's indicators for the case's channel, each 1..5
    comment_text     VARCHAR(500),             -- the applicant's words: stored and shown as text
    channel          VARCHAR(10)   NOT NULL,   -- ONLINE (the portal), MOBILE (the receipt's QR code), WINDOW, PORTAL (a department portal)
    client_id        VARCHAR(100)  NOT NULL,   -- the client the rating came through
    rated_by         VARCHAR(255)  NOT NULL,   -- the applicant's account, or staff:<name> at the window
    applicant_id_number VARCHAR(18) NOT NULL,
    department       VARCHAR(64)   NOT NULL,   -- the department that handled the case (a bundle: its lead part's)
    service_window   VARCHAR(64)   NOT NULL,
    rated_at         TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    rated_on         DATE          NOT NULL,   -- the Beijing day of rated_at
    work_order       VARCHAR(24),              -- the follow-up opened by a bad rating
    CONSTRAINT case_rating_pk PRIMARY KEY (case_number, kind)
);
CREATE INDEX case_rating_day ON case_rating (rated_on, department, kind, rating_level);

-- A work order: a request a department must respond to within minutes and finish within working days.
CREATE TABLE work_order (
    order_number     VARCHAR(24)   NOT NULL PRIMARY KEY,   -- GD<yyyyMMdd><serial>
    source           VARCHAR(10)   NOT NULL,   -- HOTLINE (12345) or RATING (a bad rating's follow-up)
    source_ref       VARCHAR(64)   NOT NULL,   -- the hotline's own order number, or the rated case's number
    kind             VARCHAR(12)   NOT NULL,   -- COMPLAINT, HELP, CONSULTATION, SUGGESTION, FOLLOW_UP
    subject          VARCHAR(200)  NOT NULL,
    content          VARCHAR(4000) NOT NULL,   -- the caller's own words: personal data, masked in lists
    caller_name      VARCHAR(100)  NOT NULL,
    caller_phone     VARCHAR(20),
    caller_id_number VARCHAR(18),
    department       VARCHAR(64)   NOT NULL,
    case_number      VARCHAR(24),
    status           VARCHAR(20)   NOT NULL,
    received_at      TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    received_on      DATE          NOT NULL,   -- the Beijing day of received_at
    respond_by       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    call_back_by     DATE,                     -- follow-ups: the call-back to the applicant, 1 working day
    finish_by        DATE          NOT NULL,   -- the last working day to finish (reply) on
    responded_at     TIMESTAMP(3) WITH TIME ZONE,
    handler          VARCHAR(100),
    called_back_at   TIMESTAMP(3) WITH TIME ZONE,
    rectified_at     TIMESTAMP(3) WITH TIME ZONE,
    reply            VARCHAR(4000),
    finished_at      TIMESTAMP(3) WITH TIME ZONE,
    response_late    BOOLEAN       NOT NULL,   -- recorded once the response deadline passed unanswered, for good
    call_back_late   BOOLEAN       NOT NULL,
    finish_late      BOOLEAN       NOT NULL,
    escalated        VARCHAR(10),              -- 督办: RESPONSE or FINISH, while that deadline is close or passed
    escalated_at     TIMESTAMP(3) WITH TIME ZONE,
    transfer_to      VARCHAR(64),              -- a transfer (转办) the department asked for, until decided
    transfer_reason  VARCHAR(500),
    satisfaction     INTEGER,                  -- the caller's (回访) or the applicant's follow-up rating, 1..5
    dispatch_round   INTEGER       NOT NULL,   -- one more for each department it was sent to
    version          INTEGER       NOT NULL
);
CREATE INDEX work_order_department ON work_order (department, status);
CREATE INDEX work_order_received ON work_order (received_on, department);
CREATE INDEX work_order_open ON work_order (status, respond_by);
CREATE UNIQUE INDEX work_order_source ON work_order (source, source_ref);

CREATE TABLE work_order_event (
    order_number VARCHAR(24)   NOT NULL,
    seq          INTEGER       NOT NULL,
    happened_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    action       VARCHAR(24)   NOT NULL,
    note         VARCHAR(4000),
    actor        VARCHAR(255)  NOT NULL,
    CONSTRAINT work_order_event_pk PRIMARY KEY (order_number, seq)
);

CREATE TABLE work_order_counter (
    issued_on DATE    NOT NULL PRIMARY KEY,
    last_no   INTEGER NOT NULL
);

-- What the platform must send a department once what it reports is committed (a rating for the province, a work
-- order for its department, an outcome for the hotline): written in that transaction, queued on the asynchronous
-- exchange afterwards under its key, so that a crash in between sends it later and never twice.
CREATE TABLE platform_send (
    send_key      VARCHAR(120)  NOT NULL PRIMARY KEY,   -- also the submission's idempotency key
    department    VARCHAR(64)   NOT NULL,
    service       VARCHAR(64)   NOT NULL,
    request_json  VARCHAR(8000) NOT NULL,
    case_id       VARCHAR(24),
    created_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    submission_id VARCHAR(36),               -- once queued
    refused       VARCHAR(300)               -- the exchange refused it for good (a descriptor or access right missing)
);
CREATE INDEX platform_send_pending ON platform_send (submission_id, created_at);

-- What the statistics count of each case a department decides (an item's case or a bundle's part): a narrow row
-- the case store writes with the case, in its transaction, so a year of a city's cases is counted from an index
-- alone. Days are Beijing days.
CREATE TABLE case_fact (
    case_number  VARCHAR(24)  NOT NULL PRIMARY KEY,
    department   VARCHAR(64)  NOT NULL,
    accepted_on  DATE,
    decided_on   DATE,                    -- the day it ended: not accepted, finished or withdrawn
    outcome      SMALLINT     NOT NULL,   -- 0 open, 1 not accepted, 2 finished before its due date, 3 on it,
                                          -- 4 after it, 5 finished without a due date, 6 withdrawn
    working_days SMALLINT                 -- a finished case: working days from acceptance to the finishing day
);
CREATE INDEX case_fact_accepted ON case_fact (accepted_on, department);
CREATE INDEX case_fact_decided ON case_fact (decided_on, department, outcome, working_days);
INSERT INTO case_fact (case_number, department, accepted_on, decided_on, outcome, working_days)
    SELECT case_number, department, accepted_on, CAST(finished_at AS DATE),
           CASE WHEN status = 'NOT_ACCEPTED' THEN 1 WHEN status = 'WITHDRAWN' THEN 6
                WHEN status <> 'FINISHED' THEN 0 WHEN due_on IS NULL THEN 5
                WHEN CAST(finished_at AS DATE) < due_on THEN 2 WHEN CAST(finished_at AS DATE) = due_on THEN 3 ELSE 4 END,
           NULL
    FROM service_case WHERE bundle IS NULL AND department IS NOT NULL;
