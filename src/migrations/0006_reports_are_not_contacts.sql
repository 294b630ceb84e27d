-- Migration 6: a reported event (五报告, `contact add --kind report`) is not
-- the office reaching the advisor. Seed 004 三(一)3: the expert or their
-- unit reports a post change, a major activity, an achievement, a family
-- event or their health; the office still owes the contact (and, after an
-- achievement or hardship, the 三必访 visit). Counting the report as the
-- advisor's last contact silenced `due`'s "not contacted for N days" and
-- moved `report coverage`'s last contact. `contact_last` now keeps the last
-- live contact other than a report (the last visit is unchanged: reports
-- were never visits), and is rebuilt from the contacts so an existing file
-- is corrected. An advisor with nothing but reports has no row.

DROP TRIGGER contact_last_insert;
DROP TRIGGER contact_last_update;

CREATE TRIGGER contact_last_insert AFTER INSERT ON contact_advisors BEGIN
    INSERT INTO contact_last (advisor_id, last_on, visit_on)
    SELECT new.advisor_id, c.on_date, CASE WHEN c.kind IN ('visit','home_visit','care') THEN c.on_date END
    FROM contacts c WHERE c.id = new.contact_id AND c.voided_at IS NULL AND c.kind <> 'report'
    ON CONFLICT (advisor_id) DO UPDATE SET last_on = max(last_on, excluded.last_on),
        visit_on = coalesce(max(visit_on, excluded.visit_on), visit_on, excluded.visit_on);
END;

CREATE TRIGGER contact_last_update AFTER UPDATE OF on_date, voided_at, kind ON contacts BEGIN
    DELETE FROM contact_last WHERE advisor_id IN (SELECT advisor_id FROM contact_advisors WHERE contact_id = new.id);
    INSERT INTO contact_last (advisor_id, last_on, visit_on)
    SELECT x.advisor_id, max(c.on_date), max(CASE WHEN c.kind IN ('visit','home_visit','care') THEN c.on_date END)
    FROM contact_advisors x
    JOIN contact_advisors ca ON ca.advisor_id = x.advisor_id
    JOIN contacts c ON c.id = ca.contact_id AND c.voided_at IS NULL AND c.kind <> 'report'
    WHERE x.contact_id = new.id GROUP BY x.advisor_id;
END;

DELETE FROM contact_last;
INSERT INTO contact_last (advisor_id, last_on, visit_on)
SELECT ca.advisor_id, max(c.on_date), max(CASE WHEN c.kind IN ('visit','home_visit','care') THEN c.on_date END)
FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
WHERE c.voided_at IS NULL AND c.kind <> 'report'
GROUP BY ca.advisor_id;
