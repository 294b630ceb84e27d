-- Migration 4: each panel says who may be appointed to it. Seed 001 art. 5
-- (Erenhot) asks for at most 70 years of age and five years of professional
-- work, and every panel so far was held to that; seed 002 (Guangxi) appoints
-- academicians who are often older, and seed 003 sets no limit. NULL: no
-- limit. Existing panels keep seed 001's figures.

ALTER TABLE panels ADD COLUMN max_age INTEGER DEFAULT 70 CHECK (max_age IS NULL OR max_age BETWEEN 18 AND 120);
ALTER TABLE panels ADD COLUMN min_work_years INTEGER DEFAULT 5 CHECK (min_work_years IS NULL OR min_work_years BETWEEN 0 AND 60);
