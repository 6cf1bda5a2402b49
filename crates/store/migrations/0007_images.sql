-- Newsbridge schema, version 7: images mirrored from publishers.
--
-- images: one row per picture, by the SHA-256 of the original bytes (the same
-- picture in ten articles is stored once). The original and its renditions
-- live in the image storage (a directory or an S3 bucket), never here.
--   hash          lowercase hex SHA-256 of the original bytes
--   format        the source format as probed (jpeg, png, gif, webp, avif)
--   width/height  the original's pixel size
--   bytes         the original's size
--   stored_bytes  the renditions' sizes added up
--   renditions    JSON list of the renditions made: [{"w":960,"h":540,"f":"webp","b":51234}, …]
--   plan          the rendition plan they were made for (a rebuild compares it)
--   stored_at     when the files were first written (ms)
CREATE TABLE images (
    hash TEXT PRIMARY KEY,
    format TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    stored_bytes BIGINT NOT NULL DEFAULT 0,
    renditions TEXT NOT NULL DEFAULT '[]',
    plan TEXT NOT NULL DEFAULT '',
    stored_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- article_images: where an article shows a picture (lead, body figure number
-- `position`, og:image), what the publisher said about it, and how fetching it
-- went. state is one of
--   pending    not fetched yet, or waiting for the retry at next_attempt_at
--   stored     fetched and stored; hash names the images row
--   failed     every attempt failed; the page shows caption and alt only
--   withdrawn  the publisher answered 404/410 (or the article was taken down)
--   refused    not a picture we take: robots.txt, the address guard, a type
--              or size refused by the probe (an SVG, a decompression bomb)
CREATE TABLE article_images (
    id {{id}},
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    position BIGINT NOT NULL,
    url TEXT NOT NULL,
    credit TEXT,
    alt TEXT,
    caption TEXT,
    state TEXT NOT NULL,
    hash TEXT REFERENCES images(hash) ON DELETE SET NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT,
    last_error TEXT,
    http_status BIGINT,
    checked_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX article_images_slot ON article_images (article_id, role, position);
CREATE INDEX article_images_state ON article_images (state, next_attempt_at);
CREATE INDEX article_images_hash ON article_images (hash);
CREATE INDEX article_images_url ON article_images (url);
