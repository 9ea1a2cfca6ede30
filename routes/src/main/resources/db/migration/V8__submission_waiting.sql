-- How many submissions wait for each department, and since when (ops console, gauges): the waiting ones only.
CREATE INDEX submission_waiting ON submission (status, department, created_at);
