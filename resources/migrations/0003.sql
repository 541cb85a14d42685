-- Schema 3: every committed user action leaves a row saying what it changed, so that a
-- running window sees what the command line (or any other program) did to the same
-- library. Old rows are pruned; the log is never backed up.
CREATE TABLE IF NOT EXISTS change_log (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    origin  TEXT NOT NULL,                   -- the writing process (random per process)
    changed TEXT NOT NULL                    -- JSON of reader.core.changes.Changes
);

-- The bundled interview's source named the file it was made from; it names the
-- publication (it is exported into the reader's notes).
UPDATE articles SET source = 'Intelligent Emergence, English translation'
    WHERE bundled_key = 'luma-interview' AND source LIKE '%(seed:%';
