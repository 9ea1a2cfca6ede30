-- Which submissions are known to be on their queue, as rows of their own: marking them on the submission row
-- itself made the batched marks and the consumers' status updates lock the same rows in different orders.
DROP INDEX submission_outbox;
ALTER TABLE submission DROP COLUMN enqueued;
CREATE TABLE submission_queued (
    id VARCHAR(36) NOT NULL PRIMARY KEY
);
CREATE INDEX submission_sweep ON submission (status, attempts, created_at);
