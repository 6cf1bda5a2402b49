-- Newsbridge schema, version 3.
-- A story is titled by its most central article (the one most like the
-- others), chosen by the worker as articles join it; pages show that
-- article's title in the reader's language.

ALTER TABLE topics ADD COLUMN lead_article_id BIGINT;
