-- Schema 2: live articles found through an index. deleted_at is the last column of a
-- row that holds the whole article, so "deleted_at IS NULL" read every article's text
-- (its overflow pages): 0.4 s to list 50,000 highlights of 10,000 articles.
CREATE INDEX IF NOT EXISTS articles_deleted ON articles(deleted_at);
