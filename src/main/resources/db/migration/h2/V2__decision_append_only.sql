-- Append-only: the database itself refuses to change or remove a recorded decision.
CREATE TRIGGER decision_no_update_delete
    BEFORE UPDATE, DELETE ON decision
    FOR EACH ROW CALL "dev.llmadvisor.governance.AppendOnlyTrigger";
