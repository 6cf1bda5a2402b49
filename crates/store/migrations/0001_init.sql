-- Newsbridge schema, version 1.
-- One file for both backends: `{{id}}` becomes the dialect's auto-increment
-- primary key. Timestamps are milliseconds since the Unix epoch (BIGINT),
-- JSON is stored as TEXT, booleans as 0/1.

CREATE TABLE sources (
    id {{id}},
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    url TEXT NOT NULL UNIQUE,
    settings TEXT NOT NULL DEFAULT '{}',
    enabled BIGINT NOT NULL DEFAULT 1,
    etag TEXT,
    last_modified TEXT,
    last_polled_at BIGINT,
    next_poll_at BIGINT NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE sections (
    id {{id}},
    slug TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL DEFAULT 0,
    names TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE authors (
    id {{id}},
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE
);

CREATE TABLE topics (
    id {{id}},
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Raw fetched pages: the fetch stage's output, the extract stage's input.
CREATE TABLE pages (
    url TEXT PRIMARY KEY,
    source_id BIGINT REFERENCES sources(id) ON DELETE SET NULL,
    status BIGINT NOT NULL,
    content_type TEXT,
    body {{blob}},
    etag TEXT,
    last_modified TEXT,
    fetched_at BIGINT NOT NULL
);

CREATE TABLE articles (
    id {{id}},
    source_id BIGINT REFERENCES sources(id) ON DELETE SET NULL,
    url TEXT NOT NULL UNIQUE,
    fetched_url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    simhash BIGINT NOT NULL DEFAULT 0,
    duplicate_of BIGINT REFERENCES articles(id) ON DELETE SET NULL,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    original TEXT NOT NULL,
    section_id BIGINT REFERENCES sections(id) ON DELETE SET NULL,
    section_confidence DOUBLE PRECISION,
    topic_id BIGINT REFERENCES topics(id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    published_at BIGINT,
    modified_at BIGINT,
    revision BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX articles_status_published ON articles (status, published_at);
CREATE INDEX articles_section ON articles (section_id, published_at);
CREATE INDEX articles_topic ON articles (topic_id);
CREATE INDEX articles_content_hash ON articles (content_hash);

CREATE TABLE article_authors (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES authors(id) ON DELETE CASCADE,
    role TEXT,
    position BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_author ON article_authors (author_id);

CREATE TABLE translations (
    id {{id}},
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    slug TEXT NOT NULL,
    lead TEXT,
    image_url TEXT,
    image_alt TEXT,
    content TEXT NOT NULL,
    status TEXT NOT NULL,
    engine TEXT,
    qa_flags TEXT NOT NULL DEFAULT '[]',
    segments TEXT NOT NULL DEFAULT '[]',
    source_revision BIGINT NOT NULL DEFAULT 1,
    reviewed_by TEXT,
    published_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (article_id, lang)
);
CREATE INDEX translations_lang_status ON translations (lang, status, published_at);

CREATE TABLE tm_segments (
    id {{id}},
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source_key TEXT NOT NULL,
    near_key TEXT NOT NULL,
    source_text TEXT NOT NULL,
    target_text TEXT NOT NULL,
    origin TEXT NOT NULL,
    use_count BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (source_lang, target_lang, source_key)
);
CREATE INDEX tm_segments_near ON tm_segments (source_lang, target_lang, near_key);

CREATE TABLE glossary_terms (
    id {{id}},
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    term TEXT NOT NULL,
    translation TEXT NOT NULL,
    kind TEXT NOT NULL,
    case_sensitive BIGINT NOT NULL DEFAULT 1,
    note TEXT,
    UNIQUE (source_lang, target_lang, term)
);

CREATE TABLE users (
    id {{id}},
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    languages TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

CREATE TABLE comments (
    id {{id}},
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    parent_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
    author_name TEXT NOT NULL,
    email TEXT,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    ip_hash TEXT NOT NULL,
    reports BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX comments_article ON comments (article_id, status, created_at);

CREATE TABLE jobs (
    id {{id}},
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    run_at BIGINT NOT NULL,
    lease_until BIGINT,
    lease_token TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX jobs_ready ON jobs (state, run_at);

-- What changed, in order: web nodes follow it to keep their search index current.
CREATE TABLE change_log (
    id {{id}},
    article_id BIGINT NOT NULL,
    change TEXT NOT NULL,
    at BIGINT NOT NULL
);

CREATE TABLE audit_log (
    id {{id}},
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT,
    at BIGINT NOT NULL
);
