-- Baseline. Later migrations add the model (docs/decisions/0004-tenancy-and-keys.md) one file at a time:
-- NNNN_description.sql, never edited once applied (SqlMigrator checks a checksum).
COMMENT ON SCHEMA public IS 'Enrollment: resident medical insurance enrollment campaigns';
