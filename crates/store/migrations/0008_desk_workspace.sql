-- Newsbridge schema, version 8: the desk workspace.
-- desk_claims: an editor takes a language version of an article so the
-- others see it is being worked on; releasing it stamps released_at (the row
-- stays, so the desk can say who had it). At most one open claim per
-- version (the partial unique index), so two editors cannot take it at once.
-- desk_reviews: an editor marked a language version reviewed, with who and
-- when and the source revision they read; the reader's "reviewed by an
-- editor" notice shows only for a review of the current source revision.

CREATE TABLE desk_claims (
    id {{id}},
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    taken_by TEXT NOT NULL,
    taken_at BIGINT NOT NULL,
    released_at BIGINT,
    released_by TEXT
);
CREATE UNIQUE INDEX desk_claims_open ON desk_claims (article_id, lang) WHERE released_at IS NULL;
CREATE INDEX desk_claims_by_editor ON desk_claims (taken_by, taken_at);

CREATE TABLE desk_reviews (
    id {{id}},
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    reviewed_by TEXT NOT NULL,
    reviewed_at BIGINT NOT NULL,
    source_revision BIGINT NOT NULL,
    UNIQUE (article_id, lang)
);

-- desk_corrections: each correction an editor saved, with the text it
-- replaced and where that text came from, so the desk can show the editor's
-- change against the machine's output after the version is re-rendered.
CREATE TABLE desk_corrections (
    id {{id}},
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    source TEXT NOT NULL,
    before_text TEXT NOT NULL,
    before_origin TEXT NOT NULL,
    after_text TEXT NOT NULL,
    editor TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX desk_corrections_version ON desk_corrections (article_id, lang, at);
