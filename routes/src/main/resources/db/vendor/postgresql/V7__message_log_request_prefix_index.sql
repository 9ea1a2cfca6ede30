-- PostgreSQL only (H2 uses message_log_request for a LIKE 'prefix%'): the ops console finds a submission's attempts
-- (<id>/<n>) by prefix, which a b-tree index serves under a non-C collation only with the pattern operator class.
-- Version 7 is taken here: the next shared migration is V8.
CREATE INDEX message_log_request_prefix ON message_log (request_id varchar_pattern_ops);
