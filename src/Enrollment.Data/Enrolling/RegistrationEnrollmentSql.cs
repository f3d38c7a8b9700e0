using Enrollment.Data.Rollover;

namespace Enrollment.Data.Enrolling;

/// <summary>
/// The statements of enrolling at registration: plan (who gets an enrollment, with which history), then insert
/// the planned rows already quoted, so each new enrollment is written once (an insert followed by a re-quote's
/// update wrote every row twice, with all its index entries: a third of an import's commit).
/// </summary>
internal static class RegistrationEnrollmentSql
{
    /// <summary>A second campaign in the same transaction starts afresh.</summary>
    public static readonly string[] CreatePlan =
    [
        "DROP TABLE IF EXISTS pg_temp.registration_plan",
        "CREATE TEMP TABLE registration_plan (resident_id bigint PRIMARY KEY, history text NOT NULL, gap_years integer NOT NULL) ON COMMIT DROP",
    ];

    /// <summary>
    /// The roll-over's candidates (parameters as <see cref="RolloverSql.Statement"/>; $5 and $6 unused) that are
    /// eligible and not yet enrolled in the target go into the plan. Returns the named residents who already had
    /// an enrollment there: theirs is kept, and only re-quoted (a transfer changes the township).
    /// </summary>
    public const string Plan = RolloverSql.Candidates + """
        ,
        planned AS (
            INSERT INTO registration_plan (resident_id, history, gap_years)
            SELECT c.resident_id,
        """ + RolloverSql.History + ", " + RolloverSql.GapYears + """

            FROM candidates c
            WHERE c.status = 'active' AND NOT c.excluded
              AND NOT EXISTS (SELECT 1 FROM enrollments t WHERE t.tenant_id = $1 AND t.campaign_id = $2 AND t.resident_id = c.resident_id)
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM planned),
               ARRAY(SELECT t.resident_id FROM enrollments t WHERE t.tenant_id = $1 AND t.campaign_id = $2 AND t.resident_id = ANY($7::bigint[]))
        """;

    public const string AnalyzePlan = "ANALYZE registration_plan";

    /// <summary>
    /// The planned enrollments with the quote staged for each (QuoteSnapshotRefresh's tables, keyed by resident;
    /// unquoted where the policy could not quote). $1 tenant, $2 campaign, $3 registered_at, $4 user, $5 quoted_at,
    /// $6 policy version. Returns the counts by history and the quoted rows' totals for the audit rows.
    /// </summary>
    public const string Insert = """
        WITH created AS (
            INSERT INTO enrollments (tenant_id, campaign_id, resident_id, status, history, gap_years, registered_at, registered_by_user_id,
                                     quoted_at, quote_policy_version, quote_payable, quote_subsidy, quote_basis, quote_county_share,
                                     quote_township_share, quote_funding, quote_mode, quote_coverage_start, quote_late)
            SELECT $1, $2, p.resident_id, 'registered', p.history, p.gap_years, $3, $4,
                   CASE WHEN s.no IS NOT NULL THEN $5::timestamptz END, CASE WHEN s.no IS NOT NULL THEN $6::integer END,
                   s.payable, s.subsidy, s.basis, s.county_share, s.township_share, s.funding, s.mode, s.coverage_start, s.late
            FROM registration_plan p
            LEFT JOIN requote_row q ON q.id = p.resident_id
            LEFT JOIN requote_snapshot s ON s.no = q.no
            ON CONFLICT (tenant_id, campaign_id, resident_id) DO NOTHING
            RETURNING history, quoted_at, quote_payable, quote_subsidy, quote_county_share, quote_township_share
        )
        SELECT count(*) FILTER (WHERE history = 'continuing'), count(*) FILTER (WHERE history = 'first_time'),
               count(*) FILTER (WHERE history = 'interrupted'), count(quoted_at)::integer,
               coalesce(sum(quote_payable), 0), coalesce(sum(quote_subsidy), 0),
               coalesce(sum(quote_county_share), 0), coalesce(sum(quote_township_share), 0)
        FROM created
        """;
}
