-- Baseline. Later migrations add the model (tenancy issue) one file at a time:
-- NNNN_description.sql, never edited once applied (SqlMigrator checks a checksum).
COMMENT ON SCHEMA public IS 'Enrollment: resident medical insurance enrollment campaigns';
