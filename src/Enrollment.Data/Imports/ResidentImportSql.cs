namespace Enrollment.Data.Imports;

/// <summary>The statements of a residents import's commit, run on the staging table of the accepted rows.</summary>
internal static class ResidentImportSql
{
    public const string Staging = """
        CREATE TEMP TABLE import_residents (
            row_no integer NOT NULL, citizen_id text NOT NULL, name text NOT NULL, sex text NOT NULL, birth_date date NOT NULL,
            phone text NULL, village_id bigint NOT NULL, household_id bigint NULL, household_number text NOT NULL,
            relation text NOT NULL, hukou text NOT NULL, address text NULL, id_hash bytea NOT NULL, history text NOT NULL,
            resident_id bigint NULL
        ) ON COMMIT DROP
        """;

    public const string Analyze = "ANALYZE import_residents";

    public const string Copy = """
        COPY import_residents (row_no, citizen_id, name, sex, birth_date, phone, village_id, household_id, household_number, relation,
                               hukou, address, id_hash, history) FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>A new household per head row of a household that does not exist yet; its members join it by number.</summary>
    public const string Households = """
        WITH created AS (
            INSERT INTO households (tenant_id, village_id, household_number, address, created_at)
            SELECT $1, village_id, household_number, address, $2 FROM import_residents
            WHERE household_id IS NULL AND relation = 'self'
            RETURNING id, household_number),
        joined AS (UPDATE import_residents s SET household_id = c.id FROM created c WHERE s.household_number = c.household_number)
        SELECT count(*)::integer FROM created
        """;

    public const string Residents = """
        WITH created AS (
            INSERT INTO residents (tenant_id, citizen_id, name, sex, birth_date, phone, household_id, relation_to_head, village_id,
                                   hukou_type, status, created_at)
            SELECT $1, citizen_id, name, sex, birth_date, phone, household_id, relation, village_id, hukou, 'active', $2
            FROM import_residents ORDER BY row_no
            RETURNING id, citizen_id),
        joined AS (UPDATE import_residents s SET resident_id = c.id FROM created c WHERE s.citizen_id = c.citizen_id)
        SELECT count(*)::integer FROM created
        """;

    public const string Heads = """
        UPDATE households h SET head_resident_id = s.resident_id FROM import_residents s
        WHERE s.relation = 'self' AND h.tenant_id = $1 AND h.id = s.household_id AND h.head_resident_id IS NULL
        """;

    /// <summary>Active entries, as a registration writes them: another county's active entry fails the whole commit.</summary>
    public const string Registry = """
        INSERT INTO id_hash_registry (id_hash, tenant_id) SELECT id_hash, $1 FROM import_residents
        ON CONFLICT (id_hash, tenant_id) DO UPDATE SET released_at = NULL
        """;

    public const string ResidentIds = "SELECT resident_id, history FROM import_residents";

    public const string Audit = """
        SELECT append_audit(ARRAY[$1::integer], ARRAY[$2::timestamptz], ARRAY[$3::bigint], ARRAY[$4::text], ARRAY['residents'],
                            ARRAY[$5::text], ARRAY['insert'], ARRAY[NULL::text], ARRAY[$6::text])
        """;
}
