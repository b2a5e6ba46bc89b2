-- Append-only: the database itself refuses to change or remove a recorded decision.
CREATE FUNCTION decision_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'decision log is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER decision_no_update_delete
    BEFORE UPDATE OR DELETE ON decision
    FOR EACH ROW EXECUTE FUNCTION decision_append_only();

CREATE TRIGGER decision_no_truncate
    BEFORE TRUNCATE ON decision
    FOR EACH STATEMENT EXECUTE FUNCTION decision_append_only();
