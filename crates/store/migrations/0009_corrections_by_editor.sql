-- Newsbridge schema, version 9: corrections found by their editor.
-- The desk names the article a memory match was written in: it looks up the
-- match's editor's latest correction with the same text. The text itself is
-- not indexed (a correction may be longer than a PostgreSQL index entry).
CREATE INDEX desk_corrections_by_editor ON desk_corrections (editor, lang, id);
