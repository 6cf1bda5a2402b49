-- Newsbridge schema, version 3.
-- A story is titled by its most central article (the one most like the
-- others), chosen by the worker as articles join it; pages show that
-- article's title in the reader's language.

ALTER TABLE topics ADD COLUMN lead_article_id BIGINT;

-- Lists and counts at 100,000 articles (the scale example's findings,
-- crates/web/docs/measurements.md). Teaser queries are driven from articles
-- (or from an author's credits) and look each language version up:
-- - a section's count and pages walk one covering index (section, status,
--   time) instead of every published version of the language: 1.2 s to 8 ms;
--   it serves what (section_id, published_at) served;
-- - a version's status is read from the index, not from the row past its
--   content (a count reads no table row at all);
-- - an author page counts from that author's credits, without a lookup per
--   credit (with the EXISTS per version: 1.8 s to 25 ms for 1,760 articles),
--   checking each credited article's status in (id, status) rather than in
--   its row, past the stored original ((status, id) would be taken for
--   story counts instead of the story index: 5 rows became 100,000).
DROP INDEX articles_section;
CREATE INDEX articles_section_status_published ON articles (section_id, status, published_at);
CREATE INDEX translations_article_lang_status ON translations (article_id, lang, status);
DROP INDEX article_authors_author;
CREATE INDEX article_authors_author_article ON article_authors (author_id, article_id);
CREATE INDEX articles_id_status ON articles (id, status);
