-- Append-only: the database itself refuses to change or remove a recorded review.
CREATE TRIGGER review_no_update_delete
    BEFORE UPDATE, DELETE ON review
    FOR EACH ROW CALL "dev.llmadvisor.governance.AppendOnlyTrigger";
