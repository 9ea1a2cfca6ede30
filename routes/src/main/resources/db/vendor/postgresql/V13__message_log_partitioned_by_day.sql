-- PostgreSQL only: message_log partitioned by time (declarative RANGE on logged_at), one partition a Beijing day,
-- so that a day that has left for its archive file leaves the database by dropping its partition — no mass DELETE,
-- no vacuum storm. The hub creates each day's partition ahead (MessageLogPartitions); rows without one (the rows
-- moved here, a day the hub could not prepare) sit in the default partition and leave by batched DELETE as before.
-- The primary key must hold the partition key: (seq, logged_at); seq stays unique, given out under the head's lock.
-- Version 13 is taken here: the next shared migration is V14.
ALTER TABLE message_log RENAME TO message_log_unpartitioned;
ALTER TABLE message_log_unpartitioned RENAME CONSTRAINT message_log_pkey TO message_log_unpartitioned_pkey;
DROP INDEX message_log_subject;
DROP INDEX message_log_request;
DROP INDEX message_log_case;
DROP INDEX message_log_request_prefix;

CREATE TABLE message_log (
    seq              BIGINT       NOT NULL,
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
    entry_hash       CHAR(64)     NOT NULL,
    PRIMARY KEY (seq, logged_at)
) PARTITION BY RANGE (logged_at);

CREATE TABLE message_log_default PARTITION OF message_log DEFAULT;

-- yesterday to a week ahead, before any row is moved in (a day's partition cannot be made once the default holds rows
-- of that day); the hub makes the following days' every few hours
DO $$
DECLARE
    d date;
BEGIN
    FOR d IN SELECT generate_series((now() AT TIME ZONE 'Asia/Shanghai')::date - 1,
                                    (now() AT TIME ZONE 'Asia/Shanghai')::date + 7, interval '1 day')::date
    LOOP
        EXECUTE format('CREATE TABLE message_log_d%s PARTITION OF message_log FOR VALUES FROM (%L) TO (%L)',
                       to_char(d, 'YYYYMMDD'), d::timestamp AT TIME ZONE 'Asia/Shanghai',
                       (d + 1)::timestamp AT TIME ZONE 'Asia/Shanghai');
    END LOOP;
END $$;

CREATE INDEX message_log_subject ON message_log (data_subject_ref, seq);
CREATE INDEX message_log_request ON message_log (request_id);
CREATE INDEX message_log_case ON message_log (case_id);
CREATE INDEX message_log_request_prefix ON message_log (request_id varchar_pattern_ops);

INSERT INTO message_log SELECT * FROM message_log_unpartitioned;
DROP TABLE message_log_unpartitioned;
