-- roster: the schema of record (migration 1).
--
-- Conventions: dates are ISO text (YYYY-MM-DD), money is integer fen,
-- enumerations are CHECKed against the codes in src/labels.rs (a test keeps
-- the two in step), booleans are 0/1. Nothing is deleted: records are voided
-- with a reason, people leave through the appointment procedure.
-- Later changes are appended as migrations in src/db.rs, never edited here.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Every change: who, when, what, before and after; a SHA-256 chain makes
-- tampering evident (each hash covers the previous hash and the row).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    operator  TEXT NOT NULL,
    command   TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_at ON audit_log(at);

CREATE TABLE panels (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('advisory_panel','expert_committee','professional_station')),
    lead_unit      TEXT,
    liaison_office TEXT,
    office_head    TEXT,
    term_years     INTEGER NOT NULL DEFAULT 3 CHECK (term_years BETWEEN 1 AND 5),
    max_term_years INTEGER NOT NULL DEFAULT 3 CHECK (max_term_years BETWEEN 1 AND 5),
    -- comma-separated procedure steps this panel uses, in order, e.g.
    -- 'vetted,checked,reviewed,approved,publicized'; 'appointed' is implied.
    steps          TEXT NOT NULL DEFAULT 'vetted,checked,reviewed,approved,publicized',
    notice_days    INTEGER NOT NULL DEFAULT 7 CHECK (notice_days BETWEEN 1 AND 60),
    direct_renewal INTEGER NOT NULL DEFAULT 0 CHECK (direct_renewal IN (0,1)),
    -- longest gap without contact before `due` flags an advisor (days)
    contact_interval_days INTEGER CHECK (contact_interval_days > 0),
    -- festivals on which the panel greets its advisors (comma-separated
    -- labels::FESTIVAL codes; seed 000 names them per panel, seed 004 asks
    -- for at least one holiday greeting a year)
    greeting_festivals TEXT NOT NULL DEFAULT 'spring',
    stipend_fen    INTEGER CHECK (stipend_fen > 0),
    notes          TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

-- Yearly duties of a panel, as data: "at least N of these kinds per period".
CREATE TABLE panel_quotas (
    id        INTEGER PRIMARY KEY,
    panel_id  INTEGER NOT NULL REFERENCES panels(id),
    subject   TEXT NOT NULL CHECK (subject IN ('contact','activity','advice')),
    kinds     TEXT NOT NULL,          -- comma-separated codes of the subject's kind enumeration
    period    TEXT NOT NULL CHECK (period IN ('year','half')),
    scope     TEXT NOT NULL CHECK (scope IN ('advisor','panel')),
    min_count INTEGER NOT NULL CHECK (min_count > 0),
    note      TEXT,
    voided_at TEXT,
    void_reason TEXT
) STRICT;
CREATE INDEX panel_quotas_panel ON panel_quotas(panel_id);

CREATE TABLE advisors (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    gender          TEXT CHECK (gender IN ('male','female')),
    birth_date      TEXT,
    id_number       TEXT UNIQUE,
    category        TEXT NOT NULL CHECK (category IN ('government_advisor','decision_expert','tech_advisor','pool_expert')),
    tier            TEXT CHECK (tier IN ('pool','active','key')),
    native_place    TEXT,
    native_abroad   INTEGER NOT NULL DEFAULT 0 CHECK (native_abroad IN (0,1)),
    employer        TEXT,
    position        TEXT,
    title           TEXT,
    fields          TEXT,
    work_start_year INTEGER CHECK (work_start_year BETWEEN 1900 AND 2200),
    academician     INTEGER NOT NULL DEFAULT 0 CHECK (academician IN (0,1)),
    phone           TEXT,
    email           TEXT,
    wechat          TEXT,
    address         TEXT,
    stipend_fen     INTEGER CHECK (stipend_fen > 0),
    notes           TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX advisors_name ON advisors(name);
CREATE INDEX advisors_category ON advisors(category, tier);

-- Full-text search over the roster; the trigram tokenizer matches any
-- Chinese substring of three or more characters.
CREATE VIRTUAL TABLE advisors_fts USING fts5(
    name, employer, fields, notes,
    content='advisors', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER advisors_fts_insert AFTER INSERT ON advisors BEGIN
    INSERT INTO advisors_fts(rowid, name, employer, fields, notes)
    VALUES (new.id, new.name, new.employer, new.fields, new.notes);
END;
CREATE TRIGGER advisors_fts_update AFTER UPDATE OF name, employer, fields, notes ON advisors BEGIN
    INSERT INTO advisors_fts(advisors_fts, rowid, name, employer, fields, notes)
    VALUES ('delete', old.id, old.name, old.employer, old.fields, old.notes);
    INSERT INTO advisors_fts(rowid, name, employer, fields, notes)
    VALUES (new.id, new.name, new.employer, new.fields, new.notes);
END;

-- One advisor on one panel for one term, moving through the procedure.
-- 'expired' and 'renewed' are not stored: they are computed on read from
-- term_end, the reader's date and the successor link.
-- (Migration 9 adds seed 004's 'violation', 'academic_misconduct' and
-- 'transferred' to the dismissal grounds below.)
CREATE TABLE appointments (
    id             INTEGER PRIMARY KEY,
    advisor_id     INTEGER NOT NULL REFERENCES advisors(id),
    panel_id       INTEGER NOT NULL REFERENCES panels(id),
    role           TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member','head','deputy_head')),
    state          TEXT NOT NULL CHECK (state IN ('nominated','vetted','checked','reviewed','approved','publicized','appointed','rejected','dismissed','resigned')),
    source         TEXT NOT NULL CHECK (source IN ('org_recommendation','think_tank','self','leader','other')),
    nominated_by   TEXT,
    nominated_on   TEXT NOT NULL,
    work_plan      TEXT,
    notice_start   TEXT,
    notice_days    INTEGER,
    notice_end     TEXT,
    certificate_no TEXT UNIQUE,
    agreement_date TEXT,
    term_start     TEXT,
    term_end       TEXT,
    exemption      TEXT,
    previous_id    INTEGER REFERENCES appointments(id),
    ended_on       TEXT,
    dismissal_ground TEXT CHECK (dismissal_ground IN ('criminal','disqualified','nonperformance','secrets','misconduct','other')),
    resign_request_date TEXT,
    certificate_returned INTEGER CHECK (certificate_returned IN (0,1)),
    reject_reason  TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    CHECK (term_start IS NULL OR term_end IS NULL OR term_start <= term_end)
) STRICT;
CREATE INDEX appointments_advisor ON appointments(advisor_id, term_start);
CREATE INDEX appointments_panel ON appointments(panel_id, state);
-- covers "serving on a date" (store::serving_condition) without reading the rows
CREATE INDEX appointments_term_end ON appointments(state, term_end, term_start, ended_on, advisor_id, panel_id);
CREATE UNIQUE INDEX appointments_previous ON appointments(previous_id) WHERE previous_id IS NOT NULL AND state <> 'rejected';
-- Finding a term's successor (is it renewed?) for any state: the partial
-- index above cannot serve `previous_id = ? AND state IN (…)`.
CREATE INDEX appointments_successor ON appointments(previous_id);

CREATE TABLE appointment_steps (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments(id),
    step           TEXT NOT NULL CHECK (step IN ('nominated','vetted','checked','reviewed','approved','publicized','appointed','rejected','objected','dismissed','resigned','evaluated')),
    on_date        TEXT NOT NULL,
    operator       TEXT NOT NULL,
    reference      TEXT,
    note           TEXT,
    created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX appointment_steps_appointment ON appointment_steps(appointment_id, id);
-- terms already evaluated (`due`, `appointment evaluate`); `step` is in the
-- index so the check reads no row (and the planner prefers it)
CREATE INDEX appointment_steps_evaluated ON appointment_steps(appointment_id, step) WHERE step = 'evaluated';

CREATE TABLE liaisons (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    unit       TEXT,
    position   TEXT,
    phone      TEXT,
    is_leader  INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0,1)),
    notes      TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX liaisons_name ON liaisons(name);
-- the leaders (领导班子成员), a tenth of the liaisons or fewer (`due`)
CREATE INDEX liaisons_leader ON liaisons(id) WHERE is_leader = 1;

-- One-to-one pairing of a liaison with an advisor over a period (history kept).
CREATE TABLE liaison_assignments (
    id          INTEGER PRIMARY KEY,
    liaison_id  INTEGER NOT NULL REFERENCES liaisons(id),
    advisor_id  INTEGER NOT NULL REFERENCES advisors(id),
    start_date  TEXT NOT NULL,
    end_date    TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL,
    CHECK (end_date IS NULL OR start_date <= end_date)
) STRICT;
-- both cover "who holds whom on a date" (`due` asks it of every serving
-- advisor and of every leader) without reading the rows
CREATE INDEX liaison_assignments_advisor ON liaison_assignments(advisor_id, start_date, end_date);
CREATE INDEX liaison_assignments_liaison ON liaison_assignments(liaison_id, start_date, end_date, advisor_id);

-- The office reaching the advisor. (Migration 9 adds seed 004's 'online'
-- and 'briefing' to the kinds below.)
CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    on_date       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('visit','home_visit','greeting','call','message','letter','materials','reception','care','report')),
    liaison_id    INTEGER REFERENCES liaisons(id),
    channel       TEXT CHECK (channel IN ('in_person','phone','wechat','sms','letter','email','video','other')),
    occasion      TEXT CHECK (occasion IN ('festival','achievement','hardship','routine')),
    festival      TEXT CHECK (festival IN ('new_year','qingming','spring','dragon_boat','mid_autumn','double_ninth')),
    festival_date TEXT,           -- the occurrence greeted (a New Year greeting in late December counts for the next year)
    care_kind     TEXT CHECK (care_kind IN ('health_check','recuperation','hardship_help')),
    event         TEXT CHECK (event IN ('major_activity','post_change','achievement','family_event','health')),
    note          TEXT,
    voided_at     TEXT,
    void_reason   TEXT,
    created_at    TEXT NOT NULL,
    CHECK (kind <> 'greeting' OR festival IS NOT NULL),
    CHECK (kind <> 'report' OR event IS NOT NULL)
) STRICT;
-- covers the live contacts of a period by kind (due, quotas, coverage)
CREATE INDEX contacts_date ON contacts(on_date, voided_at, kind);
CREATE INDEX contacts_festival ON contacts(festival_date, festival);
CREATE INDEX contacts_liaison ON contacts(liaison_id, on_date);
-- the reported events that call for a visit (seed 004 三必访, `due`)
CREATE INDEX contacts_reported ON contacts(on_date)
    WHERE kind = 'report' AND voided_at IS NULL AND event IN ('achievement','family_event','health');

CREATE TABLE contact_advisors (
    contact_id INTEGER NOT NULL REFERENCES contacts(id),
    advisor_id INTEGER NOT NULL REFERENCES advisors(id),
    PRIMARY KEY (contact_id, advisor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX contact_advisors_advisor ON contact_advisors(advisor_id, contact_id);

-- (Migration 6 redefines the two triggers below: a reported event, 五报告,
-- is not a contact, so it moves neither date.)
-- The date of each advisor's last live contact, and of their last visit,
-- home visit or care (seed 004 三必访), derived from the two tables above
-- and kept by these triggers whatever writes them (commands, imports, the
-- benchmark's generator), so `due` finds who has not been contacted or
-- visited without reading every contact. Never edited directly.
CREATE TABLE contact_last (
    advisor_id INTEGER PRIMARY KEY REFERENCES advisors(id),
    last_on    TEXT NOT NULL,
    visit_on   TEXT
) STRICT;
CREATE TRIGGER contact_last_insert AFTER INSERT ON contact_advisors BEGIN
    INSERT INTO contact_last (advisor_id, last_on, visit_on)
    SELECT new.advisor_id, c.on_date, CASE WHEN c.kind IN ('visit','home_visit','care') THEN c.on_date END
    FROM contacts c WHERE c.id = new.contact_id AND c.voided_at IS NULL
    ON CONFLICT (advisor_id) DO UPDATE SET last_on = max(last_on, excluded.last_on),
        visit_on = coalesce(max(visit_on, excluded.visit_on), visit_on, excluded.visit_on);
END;
CREATE TRIGGER contact_last_update AFTER UPDATE OF on_date, voided_at, kind ON contacts BEGIN
    DELETE FROM contact_last WHERE advisor_id IN (SELECT advisor_id FROM contact_advisors WHERE contact_id = new.id);
    INSERT INTO contact_last (advisor_id, last_on, visit_on)
    SELECT x.advisor_id, max(c.on_date), max(CASE WHEN c.kind IN ('visit','home_visit','care') THEN c.on_date END)
    FROM contact_advisors x
    JOIN contact_advisors ca ON ca.advisor_id = x.advisor_id
    JOIN contacts c ON c.id = ca.contact_id AND c.voided_at IS NULL
    WHERE x.contact_id = new.id GROUP BY x.advisor_id;
END;

-- The advisors' work. The enumerated columns of activities and participants
-- are CHECKed with OR chains rather than IN lists: SQLite tests an IN list
-- of more than two values through a temporary index, which costs more than
-- the rest of the row when an import writes millions of them.
-- (Migration 9 adds seed 004's 'symposium', 'work_report' and 'study' to
-- the kinds below.)
CREATE TABLE activities (
    id              INTEGER PRIMARY KEY,
    on_date         TEXT NOT NULL,
    panel_id        INTEGER REFERENCES panels(id),
    kind            TEXT NOT NULL CHECK (kind = 'consultation' OR kind = 'group_consultation' OR kind = 'seminar' OR kind = 'panel_meeting' OR kind = 'economic_analysis' OR kind = 'site_research' OR kind = 'lecture' OR kind = 'written_opinion' OR kind = 'research_report' OR kind = 'project_review' OR kind = 'planning' OR kind = 'investment_referral' OR kind = 'enterprise_service' OR kind = 'clinical_guidance' OR kind = 'other'),
    topic           TEXT NOT NULL,
    mode            TEXT NOT NULL DEFAULT 'on_site' CHECK (mode = 'on_site' OR mode = 'remote' OR mode = 'in_writing'),
    place           TEXT,
    hours           REAL CHECK (hours IS NULL OR (hours >= 0 AND hours <= 24)),
    requesting_unit TEXT,
    minutes_ref     TEXT,
    result          TEXT,
    voided_at       TEXT,
    void_reason     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX activities_date ON activities(on_date);
CREATE INDEX activities_panel ON activities(panel_id, on_date);
CREATE INDEX activities_kind ON activities(kind, on_date);

CREATE TABLE participants (
    id             INTEGER PRIMARY KEY,
    activity_id    INTEGER NOT NULL REFERENCES activities(id),
    advisor_id     INTEGER NOT NULL REFERENCES advisors(id),
    attendance     TEXT NOT NULL DEFAULT 'invited' CHECK (attendance = 'invited' OR attendance = 'attended' OR attendance = 'excused' OR attendance = 'absent'),
    excuse_reason  TEXT,
    role           TEXT NOT NULL DEFAULT 'member' CHECK (role = 'chair' OR role = 'speaker' OR role = 'member' OR role = 'author' OR role = 'reviewer'),
    opinion        TEXT,
    guest          INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0,1)),
    override_reason TEXT,
    -- a participant added by mistake is voided, not deleted; adding the
    -- advisor again revives the row (one row per advisor per activity)
    voided_at      TEXT,
    void_reason    TEXT,
    UNIQUE (activity_id, advisor_id),
    CHECK (attendance <> 'excused' OR excuse_reason IS NOT NULL)
) STRICT;
CREATE INDEX participants_advisor ON participants(advisor_id, activity_id);
-- the few participations that overrode a recusal (recusal list counts them)
CREATE INDEX participants_override ON participants(advisor_id, activity_id) WHERE override_reason IS NOT NULL;

CREATE TABLE advice (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    on_date         TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('meeting','letter','phone','email','report')),
    activity_id     INTEGER REFERENCES activities(id),
    panel_id        INTEGER REFERENCES panels(id),
    summary         TEXT,
    status          TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted','assigned','adopted','partly_adopted','not_adopted','implemented')),
    assigned_unit   TEXT,
    assigned_on     TEXT,
    outcome_on      TEXT,
    not_adopted_reason TEXT,
    implemented_on  TEXT,
    endorsed_by     TEXT,
    endorsed_on     TEXT,
    feedback_on     TEXT,
    feedback_by     TEXT,
    feedback_note   TEXT,
    voided_at       TEXT,
    void_reason     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX advice_date ON advice(on_date);
CREATE INDEX advice_panel ON advice(panel_id, on_date);
CREATE INDEX advice_activity ON advice(activity_id) WHERE activity_id IS NOT NULL;
CREATE INDEX advice_status ON advice(status, feedback_on);
-- advice still owed feedback, oldest first (`due`, `advice list --overdue`)
CREATE INDEX advice_awaiting ON advice(on_date) WHERE feedback_on IS NULL AND voided_at IS NULL;
-- the same for one panel (`due --panel`): the panel's index would read
-- every piece of its advice to find the few still owed feedback
CREATE INDEX advice_awaiting_panel ON advice(panel_id, on_date) WHERE feedback_on IS NULL AND voided_at IS NULL;

CREATE TABLE advice_advisors (
    advice_id  INTEGER NOT NULL REFERENCES advice(id),
    advisor_id INTEGER NOT NULL REFERENCES advisors(id),
    PRIMARY KEY (advice_id, advisor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX advice_advisors_advisor ON advice_advisors(advisor_id, advice_id);

-- Dated status moves of a piece of advice.
CREATE TABLE advice_events (
    id        INTEGER PRIMARY KEY,
    advice_id INTEGER NOT NULL REFERENCES advice(id),
    event     TEXT NOT NULL CHECK (event IN ('submitted','assigned','adopted','partly_adopted','not_adopted','implemented','endorsed','feedback')),
    on_date   TEXT NOT NULL,
    operator  TEXT NOT NULL,
    note      TEXT,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX advice_events_advice ON advice_events(advice_id, id);

CREATE TABLE recusals (
    id           INTEGER PRIMARY KEY,
    advisor_id   INTEGER NOT NULL REFERENCES advisors(id),
    matter       TEXT NOT NULL,
    related_unit TEXT,
    on_date      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    voided_at    TEXT,
    void_reason  TEXT,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX recusals_advisor ON recusals(advisor_id);
CREATE INDEX recusals_date ON recusals(on_date);

-- Money, in fen.
CREATE TABLE expenses (
    id            INTEGER PRIMARY KEY,
    advisor_id    INTEGER REFERENCES advisors(id),
    panel_id      INTEGER REFERENCES panels(id),
    on_date       TEXT NOT NULL,
    category      TEXT NOT NULL CHECK (category IN ('travel','lodging','consultation','stipend','subsidy','research','reward','meeting','training','reception','other')),
    amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
    payer_unit    TEXT,
    voucher_no    TEXT,            -- payment voucher (拨付凭证); unique among live expenses
    activity_id   INTEGER REFERENCES activities(id),
    controlled    INTEGER NOT NULL DEFAULT 0 CHECK (controlled IN (0,1)),
    override_reason TEXT,
    stipend_year  INTEGER,         -- set on a stipend payment made by `expense pay-stipends`
    assessment_id INTEGER REFERENCES assessments(id),  -- set on a subsidy made by `assess confirm`
    note          TEXT,
    voided_at     TEXT,
    void_reason   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
-- covers a year's live spending by panel and category (budget usage, due, reports)
CREATE INDEX expenses_date ON expenses(on_date, voided_at, panel_id, category, amount_fen, voucher_no);
CREATE INDEX expenses_advisor ON expenses(advisor_id, on_date);
CREATE INDEX expenses_panel ON expenses(panel_id, on_date);
CREATE UNIQUE INDEX expenses_voucher ON expenses(voucher_no) WHERE voucher_no IS NOT NULL AND voided_at IS NULL;
CREATE UNIQUE INDEX expenses_stipend_once ON expenses(advisor_id, stipend_year) WHERE stipend_year IS NOT NULL AND voided_at IS NULL;

-- A yearly cap for the office (panel_id NULL) or a panel, in all (category NULL) or per category.
CREATE TABLE budgets (
    id         INTEGER PRIMARY KEY,
    year       INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    panel_id   INTEGER REFERENCES panels(id),
    category   TEXT CHECK (category IN ('travel','lodging','consultation','stipend','subsidy','research','reward','meeting','training','reception','other')),
    cap_fen    INTEGER NOT NULL CHECK (cap_fen >= 0),
    note       TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX budgets_line ON budgets(year, IFNULL(panel_id, 0), IFNULL(category, ''));

-- The annual assessment: a run stores the rule set it used, so results can
-- be reproduced and explained after the file changes.
CREATE TABLE assess_runs (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    panel_id     INTEGER REFERENCES panels(id),
    rules_name   TEXT NOT NULL,
    rules_toml   TEXT NOT NULL,
    rules_sha256 TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','confirmed','superseded')),
    run_at       TEXT NOT NULL,
    operator     TEXT NOT NULL,
    confirmed_at TEXT,
    confirmed_by TEXT
) STRICT;
CREATE INDEX assess_runs_year ON assess_runs(year, panel_id);

CREATE TABLE assessments (
    id            INTEGER PRIMARY KEY,
    run_id        INTEGER NOT NULL REFERENCES assess_runs(id),
    year          INTEGER NOT NULL,
    advisor_id    INTEGER NOT NULL REFERENCES advisors(id),
    panel_id      INTEGER REFERENCES panels(id),
    served_days   INTEGER NOT NULL,
    metrics       TEXT NOT NULL,   -- JSON: metric -> count and the ids it counted
    requirements  TEXT NOT NULL,   -- JSON: each requirement, met or missed
    points        REAL NOT NULL,
    prelim_grade  TEXT NOT NULL CHECK (prelim_grade IN ('excellent','competent','basic','incompetent')),
    grade         TEXT NOT NULL CHECK (grade IN ('excellent','competent','basic','incompetent')),
    grade_reason  TEXT,
    quota_note    TEXT,
    subsidy_fen   INTEGER NOT NULL DEFAULT 0 CHECK (subsidy_fen >= 0),
    subsidy_note  TEXT,
    adjust_fen    INTEGER,
    adjust_reason TEXT,
    dismissal_candidate TEXT,     -- evidence under seed 001 art. 12(3), if any
    state         TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','confirmed','superseded')),
    UNIQUE (year, advisor_id, run_id)
) STRICT;
CREATE INDEX assessments_advisor ON assessments(advisor_id, year);
-- one run's results (`due` counts a draft's, confirm and explain read them)
CREATE INDEX assessments_run ON assessments(run_id);
