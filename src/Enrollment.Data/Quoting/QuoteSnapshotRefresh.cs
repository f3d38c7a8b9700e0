using System.Globalization;
using System.Text.Json.Nodes;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Enrollment.Data.Quoting;

/// <summary>What a re-quote did: rows rewritten, unpaid enrollments the new policy could not quote (left as they were).</summary>
public sealed record RequoteResult(int Requoted, int NotQuotable, int DistinctSnapshots);

/// <summary>
/// When an open campaign gets a new policy version, the enrollments not paid yet (no confirmed, unreversed
/// payment) are re-quoted with it, dated the business day of the save, and their quote snapshot is rewritten; the
/// paid keep the snapshot they paid by. Set-based, for a county of 1.4 million: the inputs are streamed, each
/// distinct snapshot is binary-COPYed once and each row as (enrollment, snapshot number) into temporary tables,
/// then one UPDATE … FROM writes them. It must run inside the caller's transaction (the version's save), so both
/// land or neither. The bulk UPDATE bypasses the audit interceptor, so one audit row summarises it: the count
/// and the totals before and after.
/// </summary>
public static class QuoteSnapshotRefresh
{
    /// <summary>For the county-wide statements of a policy change: a rare administrator action, better slow than lost.</summary>
    public const int LongCommandSeconds = 600;

    private static readonly string[] CreateTemp =
    [
        // A second re-quote in the same transaction (two open campaigns for one registration) starts afresh.
        "DROP TABLE IF EXISTS pg_temp.requote_snapshot, pg_temp.requote_row",
        """
        CREATE TEMP TABLE requote_snapshot (
            no integer PRIMARY KEY, payable numeric(12,2) NOT NULL, subsidy numeric(12,2) NOT NULL, basis text NULL,
            county_share numeric(12,2) NOT NULL, township_share numeric(12,2) NOT NULL, funding text NULL, mode text NULL,
            coverage_start date NOT NULL, late boolean NOT NULL) ON COMMIT DROP
        """,
        // id: the enrollment's, or the resident's for enrollments not inserted yet (RegistrationEnrollment).
        "CREATE TEMP TABLE requote_row (id bigint NOT NULL, no integer NOT NULL) ON COMMIT DROP",
    ];

    // The paid check is repeated at write time: an enrollment paid since the inputs were read keeps its
    // snapshot. The old values come from the statement's snapshot (the CTE's UPDATE is not visible to the join).
    private const string Update = """
        WITH changed AS (
            UPDATE enrollments e
            SET quoted_at = $3, quote_policy_version = $4, quote_payable = s.payable, quote_subsidy = s.subsidy,
                quote_basis = s.basis, quote_county_share = s.county_share, quote_township_share = s.township_share,
                quote_funding = s.funding, quote_mode = s.mode, quote_coverage_start = s.coverage_start, quote_late = s.late
            FROM requote_row q JOIN requote_snapshot s ON s.no = q.no
            WHERE e.tenant_id = $1 AND e.id = q.id AND e.campaign_id = $2 AND e.status <> 'cancelled'
              AND NOT enrollment_is_paid(e.status)
            RETURNING e.id, s.payable, s.subsidy, s.county_share, s.township_share
        )
        SELECT count(*)::integer, count(o.quoted_at)::integer,
               coalesce(sum(o.quote_payable), 0), coalesce(sum(o.quote_subsidy), 0),
               coalesce(sum(o.quote_county_share), 0), coalesce(sum(o.quote_township_share), 0),
               coalesce(sum(c.payable), 0), coalesce(sum(c.subsidy), 0),
               coalesce(sum(c.county_share), 0), coalesce(sum(c.township_share), 0)
        FROM changed c JOIN enrollments o ON o.tenant_id = $1 AND o.id = c.id
        """;

    /// <summary>
    /// Re-quotes the campaign's unpaid enrollments — or, with <paramref name="residentIds"/>, only those residents'
    /// (a registration or an import quoting its new enrollments) — and writes one summary audit row.
    /// </summary>
    public static async Task<RequoteResult> ApplyAsync(
        EnrollmentDbContext db, long campaignId, CompiledPolicy policy, int policyVersion, string reason, DateOnly today,
        DateTimeOffset now, IReadOnlyCollection<long>? residentIds = null, CancellationToken ct = default)
    {
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Re-quoting runs inside the transaction that saves the policy version.");
        var connection = transaction.Connection!;
        var staged = await StageAsync(db, connection, transaction, policy, policyVersion, today,
            EnrollmentQuoteInputs.ReadAsync(db, campaignId, unpaidOnly: true, residentIds, ct), ct);
        var totals = await UpdateAsync(db, connection, transaction, campaignId, policyVersion, now, ct);

        db.AuditLog.Add(Summary(db, campaignId, policyVersion, reason, today, now, totals, staged.NotQuotable));
        await db.SaveChangesAsync(ct);
        return new RequoteResult(totals.Count, staged.NotQuotable, staged.Snapshots);
    }

    /// <summary>
    /// Quotes <paramref name="inputs"/> with <paramref name="policy"/> (none: nothing is quotable) for
    /// <paramref name="today"/> and stages the answers in the temporary tables requote_snapshot (each distinct
    /// snapshot once) and requote_row (input id → snapshot), for an UPDATE or an INSERT to join. Inputs whose ID
    /// does not parse, or that the policy cannot quote, are counted and left out.
    /// </summary>
    internal static async Task<(int NotQuotable, int Snapshots)> StageAsync(
        EnrollmentDbContext db, NpgsqlConnection connection, NpgsqlTransaction transaction, CompiledPolicy? policy, int policyVersion,
        DateOnly today, IAsyncEnumerable<EnrollmentQuoteInput> inputs, CancellationToken ct)
    {
        var snapshots = new Dictionary<QuoteSnapshots.SnapshotKey, int>();
        var rows = new List<(long Enrollment, int Snapshot)>();
        var notQuotable = 0;
        if (policy is not null)
        {
            var townships = EnrollmentQuoteInputs.Resolve(await EnrollmentQuoteInputs.TownshipNamesAsync(db, ct), policy);
            await foreach (var e in inputs)
            {
                if (!e.IdValid)
                {
                    notQuotable++;
                    continue;
                }
                policy.Quote(new QuoteRequest(e.Citizen, e.Categories, e.History, e.GapYears, today, townships.GetValueOrDefault(e.TownshipId, TownshipRef.None)), out var quote);
                if (!quote.IsSuccess)
                {
                    // E.g. the new window has not begun: nothing sensible to charge by yet, so the old snapshot stays.
                    notQuotable++;
                    continue;
                }
                var key = QuoteSnapshots.KeyOf(quote);
                if (!snapshots.TryGetValue(key, out var number))
                {
                    number = snapshots.Count;
                    snapshots.Add(key, number);
                }
                rows.Add((e.EnrollmentId, number));
            }
        }
        foreach (var sql in CreateTemp)
        {
            await using var create = new NpgsqlCommand(sql, connection, transaction);
            await create.ExecuteNonQueryAsync(ct);
        }
        await CopySnapshotsAsync(connection, snapshots, policyVersion, ct);
        await CopyRowsAsync(connection, rows, ct);
        // Statistics for the join's plan: a freshly filled temporary table has none.
        await using (var analyze = new NpgsqlCommand("ANALYZE requote_row", connection, transaction))
        {
            await analyze.ExecuteNonQueryAsync(ct);
        }
        return (notQuotable, snapshots.Count);
    }

    private static async Task CopySnapshotsAsync(
        NpgsqlConnection connection, Dictionary<QuoteSnapshots.SnapshotKey, int> snapshots, int policyVersion, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY requote_snapshot (no, payable, subsidy, basis, county_share, township_share, funding, mode, coverage_start, late) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (key, number) in snapshots)
        {
            var s = QuoteSnapshots.From(policyVersion, key);
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(number, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(s.Payable, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(s.Subsidy, NpgsqlDbType.Numeric, ct);
            await WriteTextAsync(copy, s.Basis, ct);
            await copy.WriteAsync(s.CountyShare, NpgsqlDbType.Numeric, ct);
            await copy.WriteAsync(s.TownshipShare, NpgsqlDbType.Numeric, ct);
            await WriteTextAsync(copy, s.Funding, ct);
            await WriteTextAsync(copy, s.Mode, ct);
            await copy.WriteAsync(s.CoverageStart, NpgsqlDbType.Date, ct);
            await copy.WriteAsync(s.Late, NpgsqlDbType.Boolean, ct);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task CopyRowsAsync(NpgsqlConnection connection, List<(long Enrollment, int Snapshot)> rows, CancellationToken ct)
    {
        // Synchronous writes: they only fill Npgsql's buffer, which is flushed as it fills; an await per value
        // would cost more than the write itself for a million rows.
        await using var copy = await connection.BeginBinaryImportAsync("COPY requote_row (id, no) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (enrollment, snapshot) in rows)
        {
            copy.StartRow();
            copy.Write(enrollment, NpgsqlDbType.Bigint);
            copy.Write(snapshot, NpgsqlDbType.Integer);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task<Totals> UpdateAsync(
        EnrollmentDbContext db, NpgsqlConnection connection, NpgsqlTransaction transaction, long campaignId, int policyVersion,
        DateTimeOffset now, CancellationToken ct)
    {
        // Npgsql's default 30 s is too short when most of a county is unpaid (early in the window, after a
        // roll-over): 1.38 million rows rewritten, each with three index entries (docs/performance.md).
        await using var command = new NpgsqlCommand(Update, connection, transaction) { CommandTimeout = LongCommandSeconds };
        command.Parameters.Add(new NpgsqlParameter { Value = db.Tenant.TenantId!.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = policyVersion });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Totals(
            reader.GetInt32(0), reader.GetInt32(1),
            new Money(reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5)),
            new Money(reader.GetDecimal(6), reader.GetDecimal(7), reader.GetDecimal(8), reader.GetDecimal(9)));
    }

    /// <summary>The one audit row of a bulk quote, which the EF audit interceptor never sees: the count and the totals before and after.</summary>
    internal static AuditEntry Summary(
        EnrollmentDbContext db, long campaignId, int policyVersion, string reason, DateOnly today, DateTimeOffset now, Totals totals, int notQuotable) =>
        new()
        {
            OccurredAt = now,
            ActorUserId = db.Tenant.UserId,
            Actor = db.Tenant.Actor,
            Entity = "enrollments",
            EntityKey = new JsonObject { ["campaign_id"] = campaignId, ["requote_policy_version"] = policyVersion }.ToJsonString(),
            Action = AuditAction.Update,
            Before = WithMoney(totals.Before, new JsonObject
            {
                ["enrollments"] = totals.Count,
                ["previously_quoted"] = totals.PreviouslyQuoted,
            }).ToJsonString(),
            After = WithMoney(totals.After, new JsonObject
            {
                ["enrollments"] = totals.Count,
                ["quote_policy_version"] = policyVersion,
                ["quoted_for"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["not_quotable_kept"] = notQuotable,
                ["reason"] = reason,
            }).ToJsonString(),
        };

    private static JsonObject WithMoney(Money money, JsonObject json)
    {
        json["quote_payable"] = money.Payable;
        json["quote_subsidy"] = money.Subsidy;
        json["quote_county_share"] = money.County;
        json["quote_township_share"] = money.Township;
        return json;
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);

    internal sealed record Money(decimal Payable, decimal Subsidy, decimal County, decimal Township);

    internal sealed record Totals(int Count, int PreviouslyQuoted, Money Before, Money After);
}
