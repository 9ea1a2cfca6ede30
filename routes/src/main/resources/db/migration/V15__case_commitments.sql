-- 告知承诺: a case approved at once on the applicant's pledge, and the department's check afterwards (事后核查).
-- One row per such case: the pledge as the applicant accepted it, who checks by when, what the check found, and when
-- an overdue check was escalated. A failed check revokes the approval (the case's outcome becomes REVOKED).
CREATE TABLE case_commitment (
    case_number   VARCHAR(32)   NOT NULL PRIMARY KEY,
    pledge_text   VARCHAR(2000) NOT NULL,
    pledged_at    TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    department    VARCHAR(64)   NOT NULL,
    check_due_on  DATE          NOT NULL,
    check_result  VARCHAR(16)   NOT NULL,
    checked_at    TIMESTAMP(3) WITH TIME ZONE,
    checked_on    DATE,
    checked_by    VARCHAR(64),
    check_reason  VARCHAR(500),
    escalated_at  TIMESTAMP(3) WITH TIME ZONE
);
CREATE INDEX case_commitment_due ON case_commitment (check_result, check_due_on);
CREATE INDEX case_commitment_department ON case_commitment (department, check_result);
