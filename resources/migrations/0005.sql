-- Schema 5: bookmarks, places in an article to come back to. Anchored as highlights
-- are (the quote of the line, its context, its offsets), so a corrected text keeps them.
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
