-- Waivers are never erased: a revoke is an UPDATE of revoked_at; DELETE and TRUNCATE are refused.
CREATE FUNCTION waiver_never_deleted() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'waivers are never erased: % refused (revoke sets revoked_at)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER waiver_no_delete
    BEFORE DELETE ON waiver
    FOR EACH ROW EXECUTE FUNCTION waiver_never_deleted();

CREATE TRIGGER waiver_no_truncate
    BEFORE TRUNCATE ON waiver
    FOR EACH STATEMENT EXECUTE FUNCTION waiver_never_deleted();
