-- Newsbridge schema, version 10.
-- - The size of each language's whole list of published versions is kept in
--   list_sizes (list 'language', list_id 0) like a section's or an author's,
--   so the API's unfiltered list and the sitemap index never count a whole
--   language.
-- - The rate limits on signing in and the checks for bans and signed-out
--   sessions look up audit entries by action and actor or target: indexes
--   that hold those, so each lookup reads only its own entries, not every
--   entry of the action.

INSERT INTO list_sizes (lang, list, list_id, size)
    SELECT t.lang, 'language', 0, COUNT(*) FROM articles a JOIN translations t ON t.article_id = a.id
    WHERE a.status = 'classified' AND t.status = 'published'
    GROUP BY t.lang;

CREATE INDEX audit_log_action_target ON audit_log (action, target, at);
CREATE INDEX audit_log_action_actor ON audit_log (action, actor, at);
