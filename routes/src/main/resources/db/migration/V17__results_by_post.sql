-- 审批结果邮寄 (政务+邮政): how the applicant collects the result — at the hall, or by post to an address — and, for
-- post, the shipment made through the carrier once the case is approved (one order per case, the case number as
-- the order number), its waybill and each tracking step the carrier posts back.
CREATE TABLE case_delivery (
    case_number    VARCHAR(32)  NOT NULL PRIMARY KEY,
    method         VARCHAR(8)   NOT NULL,          -- HALL or POST
    recipient      VARCHAR(50),
    phone          VARCHAR(11),
    province       VARCHAR(20),
    city           VARCHAR(20),
    district       VARCHAR(20),
    address        VARCHAR(200),
    status         VARCHAR(16)  NOT NULL,          -- HALL: COLLECT; POST: WAITING, SENT, CREATED, DELIVERED, RETURNED, FAILED
    submission_id  VARCHAR(64),
    waybill_no     VARCHAR(40),
    shipped_on     DATE,                           -- the day the carrier took the order (审批结果邮寄 figures)
    problem        VARCHAR(500),                   -- why the order failed or the parcel came back
    follow_up      BOOLEAN      NOT NULL           -- the window must act: a returned parcel, a refused order
);
CREATE INDEX case_delivery_status ON case_delivery (status);
CREATE INDEX case_delivery_shipped ON case_delivery (shipped_on);

CREATE TABLE shipment_step (
    case_number  VARCHAR(32)  NOT NULL,
    step         VARCHAR(20)  NOT NULL,            -- COLLECTED, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, RETURNED
    happened_at  TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    place        VARCHAR(100),
    note         VARCHAR(200),
    PRIMARY KEY (case_number, step, happened_at)
);
