-- Migration 13: two of the roster's indexes cost more than they give.
-- The search index keeps no per-row column sizes (`columnsize=0`): writing
-- them was a fifth of the index's cost when 100,000 advisors are imported
-- (0.15 s → 0.12 s); `advisor search` ranks as before, the sizes of the rows
-- it finds read from `advisors` itself (1–3 ms more for a word that 10,000
-- advisors share). The index is made again from the roster here.
-- `advisors_category` goes: the one filter it served (`advisor list
-- --category`) matches a large share of the roster, which SQLite reads
-- faster in order than through the index (100,000 advisors: 142 ms
-- without it, 168 ms with it), and every advisor written paid for it.
DROP TABLE advisors_fts;
CREATE VIRTUAL TABLE advisors_fts USING fts5(
    name, employer, fields, notes,
    content='advisors', content_rowid='id', tokenize='trigram', columnsize=0
);
INSERT INTO advisors_fts(advisors_fts) VALUES ('rebuild');
DROP INDEX advisors_category;
