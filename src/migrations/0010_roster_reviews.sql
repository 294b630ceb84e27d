-- Migration 10: the yearly roster adjustment, recorded. Seed 004 二:
-- 建立健全专家人才名单动态调整机制……原则上每年进行1次调整补充. `appointment
-- review --year Y` lists the year's roster for it; `--done` records that
-- the year's adjustment was made (when, on what decision), once a year,
-- audited; a record made in error is voided with a reason, never deleted,
-- and the year may then be recorded again. `due` reminds of a year not
-- recorded where the office asks for it (setting due.roster_review_month).
CREATE TABLE roster_reviews (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    done_on     TEXT NOT NULL,
    reference   TEXT,
    note        TEXT,
    operator    TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT,
    created_at  TEXT NOT NULL
) STRICT;
-- one live record a year
CREATE UNIQUE INDEX roster_reviews_year ON roster_reviews(year) WHERE voided_at IS NULL;
