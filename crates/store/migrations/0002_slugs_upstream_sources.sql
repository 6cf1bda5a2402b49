-- Newsbridge schema, version 2.
-- Localized section slugs (`/fr/monde/` beside the stable key `the-gioi`),
-- an upstream page gone (404/410) flagged for an editor instead of deleted,
-- jobs attributed to their source for the desk's per-source counts, and the
-- indexes behind rate limits that hold across several web nodes.

ALTER TABLE sections ADD COLUMN slugs TEXT NOT NULL DEFAULT '{}';

ALTER TABLE articles ADD COLUMN upstream_status BIGINT;
ALTER TABLE articles ADD COLUMN upstream_gone_at BIGINT;
CREATE INDEX articles_upstream_gone ON articles (upstream_gone_at);

ALTER TABLE jobs ADD COLUMN source_id BIGINT;
CREATE INDEX jobs_source ON jobs (source_id, state);

CREATE INDEX comments_ip_hash ON comments (ip_hash, created_at);
CREATE INDEX audit_log_action_at ON audit_log (action, at);
