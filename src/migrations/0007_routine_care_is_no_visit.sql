-- Migration 7: the visit a reported achievement or hardship calls for
-- (seed 004 三(一)1 三必访: 获得重大成就必访、遭遇特殊困难必访 — 面对面联系)
-- is a visit, a home visit, or care brought to the advisor; the yearly
-- group health check and recuperation (三(五)1-2) are routine care for
-- everyone and follow up no one's report. `contact_last.visit_on` keeps
-- the last such visit, rebuilt from the contacts so an existing file is
-- corrected (a panel-wide health check had cleared every visit owed).

DROP TRIGGER contact_last_insert;
DROP TRIGGER contact_last_update;

CREATE TRIGGER contact_last_insert AFTER INSERT ON contact_advisors BEGIN
    INSERT INTO contact_last (advisor_id, last_on, visit_on)
    SELECT new.advisor_id, c.on_date,
        CASE WHEN c.kind IN ('visit','home_visit')
              OR c.kind = 'care' AND IFNULL(c.care_kind, '') NOT IN ('health_check','recuperation')
        THEN c.on_date END
    FROM contacts c WHERE c.id = new.contact_id AND c.voided_at IS NULL AND c.kind <> 'report'
    ON CONFLICT (advisor_id) DO UPDATE SET last_on = max(last_on, excluded.last_on),
        visit_on = coalesce(max(visit_on, excluded.visit_on), visit_on, excluded.visit_on);
END;

CREATE TRIGGER contact_last_update AFTER UPDATE OF on_date, voided_at, kind, care_kind ON contacts BEGIN
    DELETE FROM contact_last WHERE advisor_id IN (SELECT advisor_id FROM contact_advisors WHERE contact_id = new.id);
    INSERT INTO contact_last (advisor_id, last_on, visit_on)
    SELECT x.advisor_id, max(c.on_date),
        max(CASE WHEN c.kind IN ('visit','home_visit')
                  OR c.kind = 'care' AND IFNULL(c.care_kind, '') NOT IN ('health_check','recuperation')
            THEN c.on_date END)
    FROM contact_advisors x
    JOIN contact_advisors ca ON ca.advisor_id = x.advisor_id
    JOIN contacts c ON c.id = ca.contact_id AND c.voided_at IS NULL AND c.kind <> 'report'
    WHERE x.contact_id = new.id GROUP BY x.advisor_id;
END;

DELETE FROM contact_last;
INSERT INTO contact_last (advisor_id, last_on, visit_on)
SELECT ca.advisor_id, max(c.on_date),
    max(CASE WHEN c.kind IN ('visit','home_visit')
              OR c.kind = 'care' AND IFNULL(c.care_kind, '') NOT IN ('health_check','recuperation')
        THEN c.on_date END)
FROM contact_advisors ca JOIN contacts c ON c.id = ca.contact_id
WHERE c.voided_at IS NULL AND c.kind <> 'report'
GROUP BY ca.advisor_id;
