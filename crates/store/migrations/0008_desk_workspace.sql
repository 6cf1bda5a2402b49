-- Newsbridge schema, version 8: the desk workspace, claims and per-language review (tables added with the segment editor).
SELECT 1;
