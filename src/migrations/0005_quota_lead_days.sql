-- Migration 5: a yearly duty may fall due before its period ends. Seed 002
-- part 8 asks for the year's work summary in early December (每年12月上旬),
-- not on 31 December: `panel quota add --due-days-before 21` makes it due on
-- 10 December. 0 (every duty so far): due as the period ends.

ALTER TABLE panel_quotas ADD COLUMN lead_days INTEGER NOT NULL DEFAULT 0 CHECK (lead_days BETWEEN 0 AND 120);
