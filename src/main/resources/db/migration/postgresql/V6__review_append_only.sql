-- Append-only: the database itself refuses to change or remove a recorded review.
CREATE FUNCTION review_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'reviews are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER review_no_update_delete
    BEFORE UPDATE OR DELETE ON review
    FOR EACH ROW EXECUTE FUNCTION review_append_only();

CREATE TRIGGER review_no_truncate
    BEFORE TRUNCATE ON review
    FOR EACH STATEMENT EXECUTE FUNCTION review_append_only();
