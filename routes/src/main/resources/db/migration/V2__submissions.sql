-- Asynchronous submissions: the hub's record of each one (the message itself travels an Artemis queue).
-- Runs on H2 and PostgreSQL.
CREATE TABLE submission (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    client_id        VARCHAR(255)  NOT NULL,
    idempotency_key  VARCHAR(64),
    request_sha256   CHAR(64)      NOT NULL,
    caller_subject   VARCHAR(64),
    caller_name      VARCHAR(255),
    department       VARCHAR(64)   NOT NULL,
    service          VARCHAR(64)   NOT NULL,
    case_id          VARCHAR(64),
    request_id       VARCHAR(64)   NOT NULL,
    request_body     VARCHAR(1048576) NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    enqueued         BOOLEAN       NOT NULL,
    result_body      VARCHAR(1048576),
    problem_code     VARCHAR(40),
    created_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    CONSTRAINT submission_idempotency UNIQUE (client_id, idempotency_key)
);

-- the outbox sweep: accepted submissions whose message is not known to be on the queue yet
CREATE INDEX submission_outbox ON submission (enqueued, created_at);
