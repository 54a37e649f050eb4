-- Decisions asked for through the published knowledge's $apply (POST /fhir/PlanDefinition/.../$apply) are kept as
-- every other channel's are; the channel column accepts its name too.
ALTER TABLE decision DROP CONSTRAINT decision_channel;
ALTER TABLE decision ADD CONSTRAINT decision_channel CHECK (channel IN ('API', 'PAGE', 'CDS_HOOKS', 'FHIR_APPLY'));
