-- Message-log archives: each closed Beijing day past the online period leaves the database for a signed archive
-- file (a day may come in two files when an entry of it was written after midnight; the file is the record; this table says which periods left, for the ops console and for finishing a
-- deletion a crash interrupted). The single row of message_log_archiving is the lock one hub holds while archiving.
CREATE TABLE message_log_archive (
    first_seq   BIGINT       NOT NULL PRIMARY KEY,
    period      DATE         NOT NULL,
    data_file   VARCHAR(100) NOT NULL,
    entries     BIGINT       NOT NULL,
    last_seq    BIGINT       NOT NULL,
    last_hash   CHAR(64)     NOT NULL,
    archived_at TIMESTAMP(3) WITH TIME ZONE NOT NULL
);

CREATE TABLE message_log_archiving (
    id              INTEGER NOT NULL PRIMARY KEY,
    last_anchor_seq BIGINT  NOT NULL,
    last_anchor_at  TIMESTAMP(3) WITH TIME ZONE
);

INSERT INTO message_log_archiving (id, last_anchor_seq) VALUES (1, 0);
