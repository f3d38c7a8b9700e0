namespace Enrollment.Data.Rollover;

/// <summary>
/// The roll-over as one set-based statement: a county is 1.4 million residents, so no row crosses the wire.
/// Every predicate and join carries tenant_id (the first wall, as the query filters would add it); the statement
/// runs on the context's connection, where row-level security sees the same tenant (the second wall).
/// </summary>
internal static class RolloverSql
{
    /// <summary>
    /// The candidates of the statement below, one row per resident of the area (or named): status, last covered year,
    /// stated history, excluded. Shared with the registration's plan (RegistrationEnrollmentSql), so a person
    /// registered by hand or by import gets the history the roll-over would give them.
    /// </summary>
    internal const string Candidates = """
        WITH area AS (
            SELECT r.tenant_id, r.id, r.status
            FROM residents r
            JOIN jurisdictions j ON j.tenant_id = r.tenant_id AND j.id = r.village_id
            WHERE r.tenant_id = $1 AND ($4::text IS NULL OR j.path LIKE $4::text)
              AND ($7::bigint[] IS NULL OR r.id = ANY($7::bigint[]))
        ),
        -- The last policy year each resident was covered before the target: a paid enrollment's own year, or
        -- what an earlier enrollment recorded (continuing in Y = covered Y-1; interrupted in Y with gap g =
        -- covered Y-1-g), so a gap keeps growing across years nobody paid.
        prior AS (
            SELECT e.tenant_id, e.resident_id,
                   max(GREATEST(
                       CASE WHEN enrollment_is_paid(e.status) THEN c.policy_year END,
                       CASE e.history WHEN 'continuing' THEN c.policy_year - 1
                                      WHEN 'interrupted' THEN c.policy_year - 1 - e.gap_years END)) AS last_covered
            FROM enrollments e
            JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
            WHERE e.tenant_id = $1 AND c.policy_year < $3 AND ($7::bigint[] IS NULL OR e.resident_id = ANY($7::bigint[]))
            GROUP BY e.tenant_id, e.resident_id
        ),
        -- Left-the-base exclusions (现役军人 … 职工医保, 异地参保) of the year before; a refusal never leaves it.
        excluded_before AS (
            SELECT DISTINCT x.tenant_id, x.resident_id
            FROM exclusions x
            JOIN campaigns c ON c.tenant_id = x.tenant_id AND c.id = x.campaign_id
            JOIN exclusion_reasons why ON why.code = x.reason_code
            WHERE x.tenant_id = $1 AND c.policy_year = $3 - 1 AND why.leaves_base
              AND ($7::bigint[] IS NULL OR x.resident_id = ANY($7::bigint[]))
        ),
        candidates AS MATERIALIZED (
            SELECT a.id AS resident_id, a.status, p.last_covered, st.history AS stated,
                   EXISTS (SELECT 1 FROM exclusions t WHERE t.tenant_id = a.tenant_id AND t.campaign_id = $2 AND t.resident_id = a.id)
                   OR (b.resident_id IS NOT NULL AND p.last_covered IS DISTINCT FROM $3 - 1) AS excluded
            FROM area a
            LEFT JOIN prior p ON p.tenant_id = a.tenant_id AND p.resident_id = a.id
            LEFT JOIN excluded_before b ON b.tenant_id = a.tenant_id AND b.resident_id = a.id
            LEFT JOIN unnest($7::bigint[], $8::text[]) AS st(resident_id, history) ON st.resident_id = a.id
        )
        """;

    /// <summary>The history of a candidate <c>c</c> in the target year ($3): the county's records first, then the stated one.</summary>
    internal const string History = """
        CASE WHEN c.last_covered IS NULL THEN coalesce(c.stated, 'first_time')
                        WHEN c.last_covered >= $3 - 1 THEN 'continuing'
                        ELSE 'interrupted' END
        """;

    /// <summary>The years not covered between the last covered year and the target's year before.</summary>
    internal const string GapYears = """
        CASE WHEN c.last_covered IS NULL OR c.last_covered >= $3 - 1 THEN 0
                        ELSE $3 - 1 - c.last_covered END
        """;

    /// <summary>
    /// Parameters: $1 tenant, $2 target campaign id, $3 target policy year, $4 jurisdiction path pattern
    /// (<c>/1/5/%</c>) or null for the whole tenant, $5 registered_at, $6 registered_by_user_id, $7 only these
    /// residents (a registration, an import) or null for everyone in the area, $8 beside $7 the history the household
    /// register states for each (<c>continuing</c>, <c>first_time</c> or null), which counts only where the county's
    /// own records know no earlier year.
    /// Returns one row: created continuing, first_time, interrupted; already enrolled; skipped deceased,
    /// moved out, cancelled, excluded.
    /// </summary>
    public const string Statement = Candidates + """
        ,
        created AS (
            INSERT INTO enrollments (tenant_id, campaign_id, resident_id, status, history, gap_years, registered_at, registered_by_user_id)
            SELECT $1, $2, c.resident_id, 'registered',
        """ + History + ", " + GapYears + """
        ,
                   $5, $6
            FROM candidates c
            WHERE c.status = 'active' AND NOT c.excluded
            ON CONFLICT (tenant_id, campaign_id, resident_id) DO NOTHING
            RETURNING history
        ),
        made AS (
            SELECT count(*) FILTER (WHERE history = 'continuing') AS continuing,
                   count(*) FILTER (WHERE history = 'first_time') AS first_time,
                   count(*) FILTER (WHERE history = 'interrupted') AS interrupted,
                   count(*) AS total
            FROM created
        )
        -- Two one-row aggregates, so the answer has its row even when the area holds nobody.
        SELECT made.continuing, made.first_time, made.interrupted, seen.eligible - made.total,
               seen.deceased, seen.moved_out, seen.cancelled, seen.excluded
        FROM made, (
            SELECT count(*) FILTER (WHERE c.status = 'active' AND NOT c.excluded) AS eligible,
                   count(*) FILTER (WHERE c.status = 'deceased') AS deceased,
                   count(*) FILTER (WHERE c.status = 'moved_out') AS moved_out,
                   count(*) FILTER (WHERE c.status = 'cancelled') AS cancelled,
                   count(*) FILTER (WHERE c.status = 'active' AND c.excluded) AS excluded
            FROM candidates c
        ) AS seen
        """;

    /// <summary>
    /// The hash joins and the aggregate over a county's 2.7 million enrollments spill to disk at the default 4 MB;
    /// local to the roll-over's own transaction.
    /// </summary>
    public const string WorkMem = "SELECT set_config('work_mem', '128MB', true)";

    /// <summary>The one audit row for the bulk insert, which the EF audit interceptor never sees.</summary>
    /// <summary>Through the audit function: the app role may not INSERT audit rows itself.</summary>
    public const string Audit = """
        SELECT append_audit(ARRAY[$1::integer], ARRAY[$2::timestamptz], ARRAY[$3::bigint], ARRAY[$4::text], ARRAY['enrollments'],
                            ARRAY[$5::text], ARRAY['insert'], ARRAY[NULL::text], ARRAY[$6::text])
        """;
}
