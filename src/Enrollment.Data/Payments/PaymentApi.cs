using Enrollment.Data.Entities;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;
using Npgsql;

namespace Enrollment.Data.Payments;

/// <summary>
/// POST /api/v1/payments on the lean path (docs/decisions/0009): one round trip authenticates and reads what the
/// checks need, the rules engine computes the amount due on the payment date in memory, and a second round trip
/// records it through <c>payment_record</c> (the payment service's function) with the call's audit row. The checks
/// run in the documented order; nothing is stored on any error but the audit row.
/// </summary>
public sealed partial class PaymentApi(ApiDataSource api, PolicyCache policies)
{
    private readonly NpgsqlDataSource _dataSource = api.DataSource;

    private const string ReadCampaign = "SELECT id, status FROM campaigns WHERE code = $1";

    // The resident, their enrollment in the campaign, its township's name (for a township's subsidy mode), the
    // campaign's current policy version and the resident's certifications for it. Row-level security adds the tenant.
    private const string ReadResident = """
        SELECT r.id, r.name, e.id, e.status, e.history, e.gap_years, t.name,
               (SELECT max(pv.version) FROM campaign_policy_versions pv WHERE pv.campaign_id = c.id),
               (SELECT array_agg(x.category_code) FROM certifications x WHERE x.campaign_id = c.id AND x.resident_id = r.id),
               (SELECT array_agg(x.first_certified_on) FROM certifications x WHERE x.campaign_id = c.id AND x.resident_id = r.id),
               c.id
        FROM residents r
        JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
        LEFT JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND t.id = NULLIF(split_part(v.path, '/', 3), '')::bigint
        LEFT JOIN campaigns c ON c.tenant_id = r.tenant_id AND c.code = $2
        LEFT JOIN enrollments e ON e.tenant_id = r.tenant_id AND e.campaign_id = c.id AND e.resident_id = r.id
        WHERE r.citizen_id = $1
        """;

    private const string ReadRequest = """
        SELECT c.code, q.name, q.amount, q.paid_on, q.payment_id, q.outcome, q.payable, q.coverage_start, q.late
        FROM payment_requests q
        JOIN residents r ON r.tenant_id = q.tenant_id AND r.id = q.resident_id
        JOIN campaigns c ON c.tenant_id = q.tenant_id AND c.id = q.campaign_id
        WHERE q.channel_code = $1 AND q.reference = $2 AND r.citizen_id = $3
        """;

    private sealed record StoredRequest(string Campaign, string Name, decimal Amount, DateOnly PaidOn, PaymentAnswer Answer);

    private sealed record ResidentRow(
        long ResidentId, string Name, long? EnrollmentId, string? Status, Domain.Rules.EnrollmentHistory History, int GapYears,
        string? Township, int? PolicyVersion, CertifiedCategories Categories, long? CampaignId);

    /// <summary>Authenticates and records. <paramref name="body"/> null: the body was invalid (<paramref name="invalid"/>).</summary>
    public async Task<(ApiCaller? Caller, ApiResult<PaymentAnswer> Result)> RecordAsync(
        byte[] keyHash, PaymentBody? body, ApiProblem? invalid, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        var idValid = body is not null && CitizenId.TryParse(body.IdNumber, out _, out _);
        var citizen = idValid ? CitizenId.Parse(body!.IdNumber) : default;
        var normalId = idValid ? citizen.ToString() : null;

        ApiCaller? caller;
        bool campaignFound = false;
        string? campaignStatus = null;
        ResidentRow? resident = null;
        StoredRequest? stored = null;
        await using (var batch = new NpgsqlBatch(connection))
        {
            ApiConnection.AddAuthentication(batch, keyHash);
            if (body is not null)
            {
                batch.BatchCommands.Add(Command(ReadCampaign, body.Campaign));
                if (normalId is not null)
                {
                    batch.BatchCommands.Add(Command(ReadResident, normalId, body.Campaign));
                    batch.BatchCommands.Add(Command(ReadRequest, body.Channel, body.Reference, normalId));
                }
            }
            await using var reader = await batch.ExecuteReaderAsync(ct);
            caller = await ApiConnection.ReadCallerAsync(reader, ct);
            if (caller is not null && body is not null)
            {
                if (await reader.ReadAsync(ct))
                {
                    campaignFound = true;
                    campaignStatus = reader.GetString(1);
                }
                if (normalId is not null)
                {
                    await reader.NextResultAsync(ct);
                    resident = await reader.ReadAsync(ct) ? ReadResidentRow(reader) : null;
                    await reader.NextResultAsync(ct);
                    stored = await reader.ReadAsync(ct) ? ReadStored(reader) : null;
                }
            }
        }
        if (caller is null)
        {
            return (null, ApiProblem.Unauthorized());
        }
        if (!caller.Has(ApiScopes.PaymentsWrite))
        {
            return (caller, await AuditedAsync<PaymentAnswer>(connection, caller, ApiProblem.Scope(ApiScopes.PaymentsWrite), now, ct));
        }
        if (body is null)
        {
            return (caller, await AuditedAsync<PaymentAnswer>(connection, caller, invalid!, now, ct));
        }
        if (stored is not null)
        {
            return (caller, await AuditedAsync<PaymentAnswer>(connection, caller, Repeat(stored, body), now, ct));
        }

        var checkedResult = await CheckAsync(connection, caller, body, campaignFound, campaignStatus, citizen, idValid, resident, today, ct);
        if (checkedResult.Problem is { } problem)
        {
            return (caller, await AuditedAsync<PaymentAnswer>(connection, caller, problem, now, ct));
        }
        var (quote, row) = checkedResult.Value!;
        return (caller, await WriteAsync(connection, caller, body, normalId!, row, quote, now, ct));
    }

    private async Task<ApiResult<(Quote, ResidentRow)>> CheckAsync(
        NpgsqlConnection connection, ApiCaller caller, PaymentBody body, bool campaignFound, string? campaignStatus, CitizenId citizen, bool idValid,
        ResidentRow? resident, DateOnly today, CancellationToken ct)
    {
        if (!campaignFound)
        {
            return ApiChecks.UnknownCampaign(body.Campaign);
        }
        if (campaignStatus != "open")
        {
            return ApiChecks.NotCollecting(body.Campaign);
        }
        if (!ApiText.Channels.Contains(body.Channel))
        {
            return ApiChecks.UnknownChannel(body.Channel);
        }
        if (!idValid)
        {
            return CitizenId.TryParse(body.IdNumber, out _, out var error) ? ApiChecks.NotRegistered() : ApiChecks.InvalidId(error.ToChinese());
        }
        if (resident is not { EnrollmentId: not null } || resident.Status == "cancelled")
        {
            return ApiChecks.NotRegistered();
        }
        if (ApiText.NormalName(resident.Name) != ApiText.NormalName(body.Name))
        {
            return ApiChecks.NameMismatch();
        }
        var quote = await QuoteAsync(connection, caller, citizen, resident, body.PaidOn, today, ct);
        if (quote.Problem is { } problem)
        {
            return problem;
        }
        var q = quote.Value;
        if (q.Payable == 0)
        {
            return ApiChecks.GovernmentPaid();
        }
        if (body.Amount != q.Payable)
        {
            return ApiChecks.AmountMismatch(q.Payable, body.PaidOn);
        }
        return (q, resident);
    }

    /// <summary>The quote on <paramref name="paidOn"/>, or outside_collection when the date is outside what the policy collects for.</summary>
    private async Task<ApiResult<Quote>> QuoteAsync(
        NpgsqlConnection connection, ApiCaller caller, CitizenId citizen, ResidentRow resident, DateOnly paidOn, DateOnly today, CancellationToken ct)
    {
        var policy = resident.PolicyVersion is { } version
            ? await policies.GetAsync(connection, caller.TenantId, resident.CampaignId!.Value, version, ct)
            : null;
        if (policy is null)
        {
            return ApiChecks.NoPolicy();
        }
        if (paidOn > today || paidOn > policy.PolicyYearLastDay || (policy.Window.FirstDayInclusive is { } first && paidOn < first))
        {
            return ApiChecks.OutsideCollection(paidOn, today, policy);
        }
        policy.Quote(new QuoteRequest(citizen, resident.Categories, resident.History, resident.GapYears, paidOn,
            policy.ResolveTownship(resident.Township)), out var quote);
        return quote.IsSuccess ? quote : ApiChecks.Unquotable(quote.Error.ToChinese());
    }
}
