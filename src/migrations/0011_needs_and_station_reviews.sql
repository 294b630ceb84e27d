-- Migration 11: seed 003 (Chongqing high-tech zone's expert service base).
--
-- 二(二)1 围绕科学城重点产业发展需要建立项目需求库; 二(二)2 科创管家……对接
-- 创新创业企业产业发展需求，搭建专家与企业合作的桥梁; 二(三)1 企业出题，科学家
-- 答题. An enterprise's need (研发技术, 成果转化, 人才培养, 科技合作: 一(二)1) is
-- recorded as received, optionally booked to the professional station that
-- takes it up; the experts put in touch with it are its matches (对接), each
-- dated, a guest or a recusal overridden recorded as `activity` records a
-- participant; the need is closed with its result and what came of it.
-- Nothing is deleted: a need recorded in error is voided with a reason, a
-- match made in error likewise; a closed need may be reopened (audited).
CREATE TABLE needs (
    id          INTEGER PRIMARY KEY,
    on_date     TEXT NOT NULL,
    unit        TEXT NOT NULL,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('research','transfer','training','cooperation')),
    field       TEXT NOT NULL,
    panel_id    INTEGER REFERENCES panels(id),
    contact     TEXT,
    phone       TEXT,
    note        TEXT,
    result      TEXT CHECK (result IN ('resolved','partly','unresolved')),
    outcome     TEXT,
    closed_on   TEXT,
    voided_at   TEXT,
    void_reason TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK ((result IS NULL) = (closed_on IS NULL)),
    CHECK ((result IS NULL) = (outcome IS NULL)),
    CHECK (closed_on IS NULL OR closed_on >= on_date)
) STRICT;
-- `need list --year`, the yearly summary and `report stations` read a
-- year's needs, the office's or one station's
CREATE INDEX needs_date ON needs(on_date);
CREATE INDEX needs_panel ON needs(panel_id, on_date);

CREATE TABLE need_matches (
    id              INTEGER PRIMARY KEY,
    need_id         INTEGER NOT NULL REFERENCES needs(id),
    advisor_id      INTEGER NOT NULL REFERENCES advisors(id),
    on_date         TEXT NOT NULL,
    -- not serving on any panel that day (`--guest`, as a participant)
    guest           INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0,1)),
    -- matched despite a recusal covering the enterprise or the matter
    override_reason TEXT,
    note            TEXT,
    voided_at       TEXT,
    void_reason     TEXT,
    created_at      TEXT NOT NULL
) STRICT;
-- an expert is matched with a need once (a voided match may be made again)
CREATE UNIQUE INDEX need_matches_once ON need_matches(need_id, advisor_id) WHERE voided_at IS NULL;
-- `need list --advisor`, the work ledger
CREATE INDEX need_matches_advisor ON need_matches(advisor_id, on_date);

-- 三(三) 加强对专业站的督促指导，每年对成效突出的单位进行嘉奖，对成效较差的
-- 单位通报批评: one live verdict per station and year, audited; one made in
-- error is voided with a reason and the year may be judged again.
CREATE TABLE station_reviews (
    id          INTEGER PRIMARY KEY,
    panel_id    INTEGER NOT NULL REFERENCES panels(id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    verdict     TEXT NOT NULL CHECK (verdict IN ('commend','criticize')),
    reason      TEXT NOT NULL,
    reference   TEXT,
    on_date     TEXT NOT NULL,
    operator    TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX station_reviews_once ON station_reviews(panel_id, year) WHERE voided_at IS NULL;
CREATE INDEX station_reviews_year ON station_reviews(year);
