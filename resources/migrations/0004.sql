-- Schema 4: keeping a library in order. Where an article stands (Inbox, Reading,
-- Archive) and how far it has been read live beside it, not in its row: listing them
-- would read every article's text (its overflow pages). Articles take tags as
-- highlights do. An article without a row here is in the Inbox, unread.
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
