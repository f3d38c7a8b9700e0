-- Bulk writes of the population (an import of 100,000 people, a registration's enrolment) check every foreign key
-- row by row: about a second per 100,000 rows per key on a loaded 2-core server (docs/performance.md, "Population
-- import"). A resident's, a household's and an enrollment's tenant is already checked by their composite key to a
-- parent of the same tenant (village, campaign: NOT NULL, and the parent's own tenant key), so their separate
-- keys to tenants only repeat that check.
ALTER TABLE residents DROP CONSTRAINT residents_tenant_id_fkey;
ALTER TABLE households DROP CONSTRAINT households_tenant_id_fkey;
ALTER TABLE enrollments DROP CONSTRAINT enrollments_tenant_id_fkey;

-- An import takes its new residents' and households' ids up front (nextval), so each row is written once with its
-- household and its head instead of being inserted and then updated.
GRANT USAGE ON SEQUENCE residents_id_seq, households_id_seq TO enrollment_app;

-- A new household names its head, who is inserted after it (a resident names their household): checked at the
-- end of the transaction that sets it (SET CONSTRAINTS … DEFERRED), immediately otherwise, as before.
ALTER TABLE households ALTER CONSTRAINT households_tenant_id_head_resident_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
