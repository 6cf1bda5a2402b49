-- Newsbridge schema, version 4.
-- Section and author pages whose cost does not grow with the archive
-- (crates/web/docs/measurements.md, the 100,000-article runs):
--
-- - Each credit carries its article's publication time (kept equal to
--   articles.published_at by every store function that writes either), so
--   an author's page walks that author's credits newest first, reading
--   (offset + limit) credits rather than the newest articles of everyone;
--   the index also covers the author's count (it holds article_id), which
--   is what (author_id, article_id) served.
-- - The size of every section's and author's list of published versions per
--   language is kept in list_sizes, changed by the store in the same
--   transaction as whatever moves a version into or out of a list
--   (publishing, taking down, an upstream edit, a duplicate, a new section
--   or byline), so that no reader request counts a whole list. Derived data:
--   not archived (the archive rebuilds it on import); a missing row is an
--   empty list.

ALTER TABLE article_authors ADD COLUMN published_at BIGINT;
UPDATE article_authors SET published_at = (SELECT a.published_at FROM articles a WHERE a.id = article_authors.article_id);
DROP INDEX article_authors_author_article;
CREATE INDEX article_authors_author_published ON article_authors (author_id, published_at, article_id);

CREATE TABLE list_sizes (
    lang TEXT NOT NULL,
    list TEXT NOT NULL,
    list_id BIGINT NOT NULL,
    size BIGINT NOT NULL,
    PRIMARY KEY (lang, list, list_id)
);

INSERT INTO list_sizes (lang, list, list_id, size)
    SELECT t.lang, 'section', a.section_id, COUNT(*) FROM articles a JOIN translations t ON t.article_id = a.id
    WHERE a.status = 'classified' AND t.status = 'published' AND a.section_id IS NOT NULL
    GROUP BY t.lang, a.section_id;
INSERT INTO list_sizes (lang, list, list_id, size)
    SELECT t.lang, 'author', aa.author_id, COUNT(*) FROM article_authors aa
    JOIN articles a ON a.id = aa.article_id JOIN translations t ON t.article_id = a.id
    WHERE a.status = 'classified' AND t.status = 'published'
    GROUP BY t.lang, aa.author_id;
