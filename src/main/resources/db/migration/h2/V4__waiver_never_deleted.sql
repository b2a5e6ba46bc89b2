-- Waivers are never erased: a revoke is an UPDATE of revoked_at; DELETE is refused.
CREATE TRIGGER waiver_no_delete
    BEFORE DELETE ON waiver
    FOR EACH ROW CALL "dev.llmadvisor.governance.AppendOnlyTrigger";
