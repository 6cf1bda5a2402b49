-- Newsbridge schema, version 6.
-- Source health: a source that is polled without error but yields nothing,
-- or whose articles all fail, must not look healthy. The store decides the
-- state from each poll's observation (Store::observe_source_health):
--   health            'unknown' until the first poll, then 'healthy' or 'unhealthy'
--   health_reason     why it is unhealthy, in words an operator acts on
--   health_since      when the state last changed (ms)
--   recovered_at      when it last went from unhealthy to healthy (ms), cleared when it fails again
--   empty_polls       polls in a row that found no entries
--   failed_polls      polls in a row that failed
--   last_entries      entries the last successful poll found
--   last_note         what the reader had to repair or ignore in the last document, if anything
ALTER TABLE sources ADD COLUMN health TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE sources ADD COLUMN health_reason TEXT;
ALTER TABLE sources ADD COLUMN health_since BIGINT;
ALTER TABLE sources ADD COLUMN recovered_at BIGINT;
ALTER TABLE sources ADD COLUMN empty_polls BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN failed_polls BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN last_entries BIGINT;
ALTER TABLE sources ADD COLUMN last_note TEXT;
