-- Admission decisions (docs/admission.md): a decision made for the Kubernetes admission webhook
-- (POST /api/v1/admission) carries the workload, the AdmissionReview and what was answered. All
-- null for evaluations through POST /api/v1/evaluations. Columns are only added: rows stay
-- append-only (V2's trigger refuses UPDATE and DELETE on both databases).
ALTER TABLE decision ADD COLUMN admission_uid VARCHAR(64);
ALTER TABLE decision ADD COLUMN admission_operation VARCHAR(16);
ALTER TABLE decision ADD COLUMN admission_outcome VARCHAR(32);
ALTER TABLE decision ADD COLUMN admission_allowed BOOLEAN;
ALTER TABLE decision ADD COLUMN admission_enforced BOOLEAN;
ALTER TABLE decision ADD COLUMN admission_dry_run BOOLEAN;
ALTER TABLE decision ADD COLUMN admission_message VARCHAR;
ALTER TABLE decision ADD COLUMN admission_warnings VARCHAR;
ALTER TABLE decision ADD COLUMN workload_kind VARCHAR(64);
ALTER TABLE decision ADD COLUMN workload_namespace VARCHAR(253);
ALTER TABLE decision ADD COLUMN workload_name VARCHAR(253);
ALTER TABLE decision ADD COLUMN workload_uid VARCHAR(64);
CREATE INDEX decision_workload ON decision (workload_namespace, workload_name, evaluated_at);
