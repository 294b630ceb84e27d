-- Migration 13: the search index keeps no per-row column sizes
-- (`columnsize=0`). Writing them was a fifth of the index's cost when
-- 100,000 advisors are imported (0.15 s → 0.12 s); `advisor search` ranks as
-- before, the sizes of the few rows it finds read from `advisors` itself.
-- The index is made again from the roster, in this migration's transaction.
DROP TABLE advisors_fts;
CREATE VIRTUAL TABLE advisors_fts USING fts5(
    name, employer, fields, notes,
    content='advisors', content_rowid='id', tokenize='trigram', columnsize=0
);
INSERT INTO advisors_fts(advisors_fts) VALUES ('rebuild');
