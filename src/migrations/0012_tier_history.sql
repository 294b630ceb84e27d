-- Migration 12: each advisor's tier (seed 003 二(一)1: 入库/在岗/关键) with
-- the day it was given, so a past year's station report counts an expert by
-- the tier held then: promoting someone in 2026 no longer rewrites 2025.
-- `advisors.tier` stays the tier held now. The first change of an
-- advisor's tier records two rows: the tier held until then (from the
-- start) and the new one from the day the clerk makes the change; an
-- advisor without rows has held `advisors.tier` throughout.
CREATE TABLE advisor_tiers (
    id         INTEGER PRIMARY KEY,
    advisor_id INTEGER NOT NULL REFERENCES advisors(id),
    tier       TEXT CHECK (tier IN ('pool','active','key')),
    from_date  TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX advisor_tiers_advisor ON advisor_tiers(advisor_id, from_date);
