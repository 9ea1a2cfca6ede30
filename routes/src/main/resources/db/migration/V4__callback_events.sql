-- Notices department systems sent into the hub (callbacks), each recorded once by the department's own event id.
CREATE TABLE callback_event (
    department   VARCHAR(64)   NOT NULL,
    callback     VARCHAR(64)   NOT NULL,
    event_id     VARCHAR(64)   NOT NULL,
    request_id   VARCHAR(64)   NOT NULL,
    received_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    event_body   VARCHAR(65536) NOT NULL,
    CONSTRAINT callback_event_once PRIMARY KEY (department, callback, event_id)
);
