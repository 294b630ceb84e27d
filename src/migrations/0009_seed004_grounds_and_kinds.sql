-- Migration 9: seed 004 (Laibin) in the enumerations.
--
-- 二: experts who move away (调离我市) or are no longer fit for 违纪违法 or
-- 学术不端 are taken off the list. The dismissal grounds were seed 001
-- art. 12's six; none means a transfer, academic misconduct, or a breach
-- of discipline or law short of criminal liability (`criminal`) or the
-- loss of a qualification (`disqualified`): `transferred`,
-- `academic_misconduct` and `violation` join them.
--
-- 三(一)4 六活动: 节日慰问 (a contact, `greeting`), 座谈交流, 线上互动,
-- 工作通报, 工作汇报, 国情区情市情研修, each counted on its own by a duty
-- (`panel quota add`) or a rule set. The office reaching the experts is a
-- contact: `online` (线上互动) and `briefing` (工作通报, the office informing
-- them of its work). The experts at work, with attendance, are activities:
-- `symposium` (座谈交流), `work_report` (工作汇报, an expert reporting their
-- work) and `study` (国情区情市情研修).
--
-- The three CHECK lists only grow, so every row already satisfies them.
-- They are changed the way SQLite documents for a CHECK
-- (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of
-- Table Schema Changes"): the table's SQL is edited in sqlite_schema and
-- the schema reloaded, without copying a row — the activities table can
-- hold ten million. The runner then bumps the schema version so other
-- connections reread it (db/migrate.rs). A file whose lists are not the
-- ones schema.sql wrote stops here, unchanged, naming this migration.

CREATE TEMP TABLE migration_9 (
    found INTEGER CONSTRAINT "migration 9 expects the CHECK lists of appointments.dismissal_ground, contacts.kind and activities.kind as schema.sql wrote them" CHECK (found = 3)
);
INSERT INTO temp.migration_9 (found)
SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND (
       (name = 'appointments' AND instr(sql, '''secrets'',''misconduct'',''other''))') > 0)
    OR (name = 'contacts' AND instr(sql, '''reception'',''care'',''report''))') > 0)
    OR (name = 'activities' AND instr(sql, 'OR kind = ''clinical_guidance'' OR kind = ''other'')') > 0));
DROP TABLE temp.migration_9;

PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = CASE name
    WHEN 'appointments' THEN replace(sql, '''secrets'',''misconduct'',''other''))',
        '''secrets'',''misconduct'',''violation'',''academic_misconduct'',''transferred'',''other''))')
    WHEN 'contacts' THEN replace(sql, '''reception'',''care'',''report''))',
        '''reception'',''care'',''online'',''briefing'',''report''))')
    WHEN 'activities' THEN replace(sql, 'OR kind = ''clinical_guidance'' OR kind = ''other'')',
        'OR kind = ''clinical_guidance'' OR kind = ''symposium'' OR kind = ''work_report'' OR kind = ''study'' OR kind = ''other'')')
    END
WHERE type = 'table' AND name IN ('appointments', 'contacts', 'activities');
PRAGMA writable_schema = RESET;
