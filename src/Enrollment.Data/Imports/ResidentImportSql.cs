namespace Enrollment.Data.Imports;

/// <summary>
/// The statements of a residents import's commit, run on the staging table of the accepted rows. Every row comes
/// with its ids (taken up front), so households and residents are each written once and the staging table is
/// only read.
/// </summary>
internal static class ResidentImportSql
{
    /// <summary>$1 residents, $2 new households: that many ids of each sequence, ascending.</summary>
    public const string TakeIds = """
        SELECT ARRAY(SELECT nextval('residents_id_seq') FROM generate_series(1, $1)),
               ARRAY(SELECT nextval('households_id_seq') FROM generate_series(1, $2))
        """;

    public const string Staging = """
        CREATE TEMP TABLE import_residents (
            row_no integer NOT NULL, citizen_id text NOT NULL, name text NOT NULL, sex text NOT NULL, birth_date date NOT NULL,
            phone text NULL, village_id bigint NOT NULL, household_id bigint NOT NULL, new_household boolean NOT NULL,
            household_number text NOT NULL, relation text NOT NULL, hukou text NOT NULL, address text NULL, id_hash bytea NOT NULL,
            resident_id bigint NOT NULL
        ) ON COMMIT DROP
        """;

    public const string Copy = """
        COPY import_residents (row_no, citizen_id, name, sex, birth_date, phone, village_id, household_id, new_household,
                               household_number, relation, hukou, address, id_hash, resident_id) FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>
    /// A new household names its head before the head's row exists: the deferrable keys (the head's among them) are
    /// checked at commit. By ALL, not by name: a first load runs with the keys detached (BulkLoadScope).
    /// </summary>
    public const string DeferHeads = "SET CONSTRAINTS ALL DEFERRED";

    /// <summary>A new household per head row of a household that does not exist yet, with that row as its head.</summary>
    public const string Households = """
        WITH created AS (
            INSERT INTO households (tenant_id, id, village_id, household_number, address, head_resident_id, created_at)
            SELECT $1, household_id, village_id, household_number, address, resident_id, $2 FROM import_residents
            WHERE new_household
            RETURNING 1)
        SELECT count(*)::integer FROM created
        """;

    /// <summary>No ORDER BY: the staging rows were copied in the file's order with ascending ids (a 1.4-million-row sort saved).</summary>
    public const string Residents = """
        WITH created AS (
            INSERT INTO residents (tenant_id, id, citizen_id, name, sex, birth_date, phone, household_id, relation_to_head, village_id,
                                   hukou_type, status, created_at)
            SELECT $1, resident_id, citizen_id, name, sex, birth_date, phone, household_id, relation, village_id, hukou, 'active', $2
            FROM import_residents
            RETURNING 1)
        SELECT count(*)::integer FROM created
        """;

    /// <summary>A head row for a household that exists without a head.</summary>
    public const string Heads = """
        UPDATE households h SET head_resident_id = s.resident_id FROM import_residents s
        WHERE s.relation = 'self' AND NOT s.new_household AND h.tenant_id = $1 AND h.id = s.household_id AND h.head_resident_id IS NULL
        """;

    /// <summary>
    /// Active entries, as a registration writes them: another county's active entry fails the whole commit. In hash
    /// order: the registry's keys lead with the hash, so sorted rows fill their indexes page after page instead of
    /// touching a random page per row (a county's first load wrote 1.4 million in 32 s at random).
    /// </summary>
    public const string Registry = """
        INSERT INTO id_hash_registry (id_hash, tenant_id) SELECT id_hash, $1 FROM import_residents ORDER BY id_hash
        ON CONFLICT (id_hash, tenant_id) DO UPDATE SET released_at = NULL
        """;

    public const string Audit = """
        SELECT append_audit(ARRAY[$1::integer], ARRAY[$2::timestamptz], ARRAY[$3::bigint], ARRAY[$4::text], ARRAY['residents'],
                            ARRAY[$5::text], ARRAY['insert'], ARRAY[NULL::text], ARRAY[$6::text])
        """;
}
