-- Newsbridge schema, version 5.
-- Reader reports on comments, one row per counted report: a reader (salted IP
-- hash) and a page token (hashed) each count once per comment, so one reader
-- reloading the page, or one page sent from many addresses, cannot hide a
-- comment alone. comments.reports stays the number of counted reports since
-- an editor last approved the comment; the rows stay, so the same readers
-- cannot hide an approved comment again. Editors see the rows at the desk.
--
-- desk_settings holds what editors change at the desk (the number of distinct
-- readers whose reports hide a comment); a missing row is the default.

CREATE TABLE comment_reports (
    id {{id}},
    comment_id BIGINT NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
    reader TEXT NOT NULL,
    token TEXT NOT NULL,
    reason TEXT,
    at BIGINT NOT NULL
);
CREATE UNIQUE INDEX comment_reports_reader ON comment_reports (comment_id, reader);
CREATE UNIQUE INDEX comment_reports_token ON comment_reports (comment_id, token);
CREATE INDEX comment_reports_by_reader ON comment_reports (reader, at);

CREATE TABLE desk_settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at BIGINT NOT NULL
);
