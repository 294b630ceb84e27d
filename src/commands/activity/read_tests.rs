use super::*;

/// The query plan of `sql`, one detail per line.
pub(crate) fn plan(sql: &str, params: &[Value]) -> String {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    for migration in crate::db::MIGRATIONS {
        conn.execute_batch(migration).unwrap();
    }
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let rows = stmt
        .query_map(rusqlite::params_from_iter(params.iter()), |r| {
            r.get::<_, String>(3)
        })
        .unwrap();
    rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
}

/// Full scans of the big tables are what a listing must never do.
pub(crate) fn assert_indexed(plan: &str, tables: &[&str]) {
    for line in plan.lines() {
        for table in tables {
            let scan = format!("SCAN {table}");
            assert!(
                !line.contains(&scan) || line.contains("USING"),
                "full scan of {table}:\n{plan}"
            );
        }
    }
}

#[test]
fn every_activity_listing_uses_an_index() {
    let year = Some(("2025-01-01".to_string(), "2025-12-31".to_string()));
    let scopes = [
        Scope {
            year: year.clone(),
            ..Scope::default()
        },
        Scope {
            panel_id: Some(1),
            ..Scope::default()
        },
        Scope {
            advisor_id: Some(1),
            ..Scope::default()
        },
        Scope {
            kind: Some("seminar"),
            ..Scope::default()
        },
        Scope {
            year: year.clone(),
            advisor_id: Some(1),
            ..Scope::default()
        },
        Scope {
            year: year.clone(),
            panel_id: Some(1),
            kind: Some("seminar"),
            ..Scope::default()
        },
    ];
    for s in &scopes {
        for attendance in [None, Some("absent")] {
            let (sql, params) = list_sql(s, attendance, false, -1);
            assert_indexed(
                &plan(&sql, &params),
                &["ac", "pa", "x", "y", "activities", "participants"],
            );
        }
        if s.year.is_some() {
            let (sql, params) = attendance_sql(s, "2026-11-20");
            assert_indexed(
                &plan(&sql, &params),
                &["ac", "pa", "activities", "participants"],
            );
        }
    }
}
