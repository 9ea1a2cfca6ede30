-- 全城通办: which window took an application in and who, beside the window that handles it (service_window); and
-- the Beijing day it was made, for the channel figures (网上申报, 窗口接件, 大厅日均受理).
ALTER TABLE service_case ADD COLUMN received_window VARCHAR(40);
ALTER TABLE service_case ADD COLUMN received_by VARCHAR(64);
ALTER TABLE service_case ADD COLUMN submitted_on DATE;

-- until now a window took in only what it handled, and the staff member is on the case's first history line
UPDATE service_case SET received_window = service_window WHERE channel = 'WINDOW';
UPDATE service_case SET received_by = (SELECT SUBSTRING(MIN(e.actor) FROM 7) FROM case_event e
                                       WHERE e.case_number = service_case.case_number AND e.status = 'SUBMITTED'
                                         AND e.actor LIKE 'staff:%')
    WHERE channel = 'WINDOW';
-- the day in Beijing, whatever the session's zone
UPDATE service_case SET submitted_on = CAST(submitted_at AT TIME ZONE 'Asia/Shanghai' AS DATE);

CREATE INDEX service_case_submitted_on ON service_case (submitted_on, channel);
CREATE INDEX service_case_received_window ON service_case (received_window, submitted_on);
