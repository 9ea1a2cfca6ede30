-- The hub's copy of the provincial service-item catalogue (省政务服务事项库), versioned by sync run.
CREATE TABLE catalogue_item (
    implementation_code VARCHAR(40)  NOT NULL PRIMARY KEY,
    basic_code          VARCHAR(40),
    name                VARCHAR(200) NOT NULL,
    category            VARCHAR(40),
    department          VARCHAR(200) NOT NULL,
    source_updated_at   VARCHAR(32),
    content_sha256      CHAR(64)     NOT NULL,
    version             INTEGER      NOT NULL,   -- the run that added or last changed it
    synced_at           TIMESTAMP(3) WITH TIME ZONE NOT NULL
);

CREATE INDEX catalogue_item_basic ON catalogue_item (basic_code);

CREATE TABLE catalogue_run (
    run_no      INTEGER      NOT NULL PRIMARY KEY,
    run_trigger VARCHAR(20)  NOT NULL,           -- SCHEDULE or the operator who asked for it
    started_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(20)  NOT NULL,           -- APPLIED or REFUSED (nothing changed)
    items_seen  INTEGER      NOT NULL,
    added       INTEGER      NOT NULL,
    changed     INTEGER      NOT NULL,
    removed     INTEGER      NOT NULL,
    rejected    INTEGER      NOT NULL,
    reason      VARCHAR(500)
);

CREATE TABLE catalogue_change (
    run_no              INTEGER      NOT NULL,
    implementation_code VARCHAR(64),
    change_kind         VARCHAR(10)  NOT NULL,   -- ADDED, CHANGED, REMOVED, REJECTED
    detail              VARCHAR(500)
);

CREATE INDEX catalogue_change_run ON catalogue_change (run_no);

-- run 0 is not a run: its row is what concurrent syncs lock, so that only one applies at a time
INSERT INTO catalogue_run (run_no, run_trigger, started_at, finished_at, outcome, items_seen, added, changed, removed,
                           rejected, reason)
VALUES (0, 'LOCK', TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00',
        'LOCK', 0, 0, 0, 0, 0, 'the row concurrent syncs lock');
