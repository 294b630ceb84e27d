-- Migration 8: a liaison's place in the leadership (领导班子成员) is dated.
-- Seed 004 二: 领导班子成员至少直接联系2名专家人才 — whoever held the seat
-- at the time. A single flag made a past year's coverage change when a
-- leader stood down (`liaison edit --leader no` removed them from every
-- year) or a new one was named. `leader_since` (NULL: from before the
-- roster knew them) and `leader_until` (the last day as a leader; NULL while
-- `is_leader` holds) bound it; `is_leader` stays the leadership today.
ALTER TABLE liaisons ADD COLUMN leader_since TEXT;
ALTER TABLE liaisons ADD COLUMN leader_until TEXT;
