-- Reader database schema. The database is the source of truth; the search
-- index and any cache are derived from it. Version lives in PRAGMA user_version
-- and forward migrations live in resources/migrations/NNNN.sql.

CREATE TABLE IF NOT EXISTS articles (
    id             INTEGER PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    slug           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    authors        TEXT NOT NULL DEFAULT '[]',   -- JSON list
    editors        TEXT NOT NULL DEFAULT '[]',   -- JSON list
    publication    TEXT NOT NULL DEFAULT '',
    source         TEXT NOT NULL DEFAULT '',     -- path or URL
    language       TEXT NOT NULL DEFAULT '',
    saved_at       TEXT NOT NULL,                -- ISO 8601 UTC
    published_at   TEXT,
    word_count     INTEGER NOT NULL DEFAULT 0,
    content_format TEXT NOT NULL,                -- markdown | text | html
    original       TEXT NOT NULL,
    html           TEXT NOT NULL,                -- rendered, sanitised
    plain_text     TEXT NOT NULL,                -- canonical plain text
    content_hash   TEXT NOT NULL,                -- sha256 of normalised text
    bundled_key    TEXT,                         -- set for bundled articles
    meta           TEXT NOT NULL DEFAULT '{}',   -- JSON: lead, notes, ...
    deleted_at     TEXT                          -- soft delete (undo, trash)
);
CREATE UNIQUE INDEX IF NOT EXISTS articles_live_hash
    ON articles(content_hash) WHERE deleted_at IS NULL;
-- live articles without reading each row's text (deleted_at is its last column)
CREATE INDEX IF NOT EXISTS articles_deleted ON articles(deleted_at);
CREATE INDEX IF NOT EXISTS articles_bundled ON articles(bundled_key)
    WHERE bundled_key IS NOT NULL;

CREATE TABLE IF NOT EXISTS colors (
    slot INTEGER PRIMARY KEY CHECK (slot BETWEEN 1 AND 5),
    name TEXT NOT NULL,
    hex  TEXT NOT NULL
);
INSERT OR IGNORE INTO colors(slot, name, hex) VALUES
    (1, 'Yellow', '#f7d84a'),
    (2, 'Green',  '#8fd18b'),
    (3, 'Blue',   '#86b9f0'),
    (4, 'Pink',   '#f29bc2'),
    (5, 'Purple', '#b79cf0');

CREATE TABLE IF NOT EXISTS highlights (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    color       INTEGER NOT NULL DEFAULT 1 REFERENCES colors(slot),
    exact       TEXT NOT NULL,
    prefix      TEXT NOT NULL DEFAULT '',
    suffix      TEXT NOT NULL DEFAULT '',
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX IF NOT EXISTS highlights_article ON highlights(article_id, start);

CREATE TABLE IF NOT EXISTS highlight_tags (
    highlight_id INTEGER NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    PRIMARY KEY (highlight_id, tag)
);
CREATE INDEX IF NOT EXISTS highlight_tags_tag ON highlight_tags(tag);

CREATE TABLE IF NOT EXISTS predictions (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    exact           TEXT NOT NULL,
    prefix          TEXT NOT NULL DEFAULT '',
    suffix          TEXT NOT NULL DEFAULT '',
    start           INTEGER NOT NULL,
    end             INTEGER NOT NULL,
    statement       TEXT NOT NULL DEFAULT '',
    speaker         TEXT NOT NULL DEFAULT '',
    made_on         TEXT,
    horizon         TEXT NOT NULL DEFAULT '',
    resolve_by      TEXT,
    confidence_text TEXT NOT NULL DEFAULT '',
    confidence      REAL,
    source          TEXT NOT NULL DEFAULT 'user'
                    CHECK (source IN ('curated', 'detected', 'user')),
    review          TEXT NOT NULL DEFAULT 'confirmed'
                    CHECK (review IN ('proposed', 'confirmed', 'rejected')),
    reason          TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    stance          TEXT CHECK (stance IN ('agree', 'disagree', 'unsure')),
    probability     INTEGER CHECK (probability BETWEEN 0 AND 100),
    outcome         TEXT NOT NULL DEFAULT 'open'
                    CHECK (outcome IN ('open', 'true', 'false', 'partly', 'unknown')),
    resolved_on     TEXT,
    evidence        TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
);
CREATE INDEX IF NOT EXISTS predictions_article ON predictions(article_id, start);

CREATE TABLE IF NOT EXISTS prediction_tags (
    prediction_id INTEGER NOT NULL REFERENCES predictions(id) ON DELETE CASCADE,
    tag           TEXT NOT NULL,
    PRIMARY KEY (prediction_id, tag)
);
CREATE INDEX IF NOT EXISTS prediction_tags_tag ON prediction_tags(tag);

CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL            -- JSON
);

-- What each committed user action changed, for other programs on the same library
-- (see resources/migrations/0003.sql).
CREATE TABLE IF NOT EXISTS change_log (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    origin  TEXT NOT NULL,                   -- the writing process (random per process)
    changed TEXT NOT NULL                    -- JSON of reader.core.changes.Changes
);

-- Where each article stands and how far it has been read, and its tags
-- (see resources/migrations/0004.sql).
CREATE TABLE IF NOT EXISTS reading (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    state       TEXT NOT NULL DEFAULT 'inbox'
                CHECK (state IN ('inbox', 'reading', 'archive')),
    furthest    REAL NOT NULL DEFAULT 0 CHECK (furthest BETWEEN 0 AND 1),
    changed_at  TEXT                                 -- when the state last changed
);
CREATE INDEX IF NOT EXISTS reading_state ON reading(state);

CREATE TABLE IF NOT EXISTS article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX IF NOT EXISTS article_tags_tag ON article_tags(tag);

-- Places in an article to come back to (see resources/migrations/0005.sql).
CREATE TABLE IF NOT EXISTS bookmarks (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    exact       TEXT NOT NULL,
    prefix      TEXT NOT NULL DEFAULT '',
    suffix      TEXT NOT NULL DEFAULT '',
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX IF NOT EXISTS bookmarks_article ON bookmarks(article_id, start);
