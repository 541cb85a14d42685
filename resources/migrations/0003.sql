-- Schema 3: every committed user action leaves a row saying what it changed, so that a
-- running window sees what the command line (or any other program) did to the same
-- library. Old rows are pruned; the log is never backed up.
CREATE TABLE IF NOT EXISTS change_log (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    origin  TEXT NOT NULL,                   -- the writing process (random per process)
    changed TEXT NOT NULL                    -- JSON of reader.core.changes.Changes
);
