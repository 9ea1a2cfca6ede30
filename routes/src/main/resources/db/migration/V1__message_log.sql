-- The message log: every exchange call, hash-chained (runs on H2 and PostgreSQL).
CREATE TABLE message_log (
    seq              BIGINT       NOT NULL PRIMARY KEY,
    request_id       VARCHAR(64)  NOT NULL,
    logged_at        TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    client_id        VARCHAR(255),
    caller_subject   VARCHAR(64),
    caller_name      VARCHAR(255),
    data_subject_ref CHAR(64),
    department       VARCHAR(64)  NOT NULL,
    service          VARCHAR(64)  NOT NULL,
    case_id          VARCHAR(64),
    outcome          VARCHAR(40)  NOT NULL,
    status           INTEGER      NOT NULL,
    latency_ms       BIGINT       NOT NULL,
    request_sha256   CHAR(64),
    response_sha256  CHAR(64),
    prev_hash        CHAR(64)     NOT NULL,
    entry_hash       CHAR(64)     NOT NULL
);

CREATE INDEX message_log_subject ON message_log (data_subject_ref, seq);
CREATE INDEX message_log_request ON message_log (request_id);
CREATE INDEX message_log_case ON message_log (case_id);

-- The chain's head: the last sequence number and hash. Appenders lock this row, so several hub
-- instances sharing one database still build one chain; verification compares the tail against it.
CREATE TABLE message_log_head (
    id        INTEGER  NOT NULL PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);

INSERT INTO message_log_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
