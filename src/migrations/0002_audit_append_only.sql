-- Migration 2: the audit log is append-only. Its SHA-256 chain makes an
-- edit evident (`roster check`); these triggers refuse one in the first
-- place, so only someone who drops them on purpose can rewrite history.

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: audit rows are never changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: audit rows are never deleted');
END;
