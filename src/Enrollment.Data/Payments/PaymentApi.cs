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
    private const string ReadResident = PaymentChecks.SelectResident + " WHERE r.citizen_id = $1";

    private const string ReadRequest = PaymentChecks.SelectRequest + " WHERE q.channel_code = $1 AND q.reference = $2 AND r.citizen_id = $3";

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
        PaymentResident? resident = null;
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
                    resident = await reader.ReadAsync(ct) ? PaymentChecks.ReadResident(reader) : null;
                    await reader.NextResultAsync(ct);
                    stored = await reader.ReadAsync(ct) ? PaymentChecks.ReadStored(reader) : null;
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

    private async Task<ApiResult<(Quote, PaymentResident)>> CheckAsync(
        NpgsqlConnection connection, ApiCaller caller, PaymentBody body, bool campaignFound, string? campaignStatus, CitizenId citizen, bool idValid,
        PaymentResident? resident, DateOnly today, CancellationToken ct)
    {
        var policy = campaignFound ? await PolicyAsync(connection, caller, resident, ct) : null;
        var idProblem = idValid ? null : CitizenId.TryParse(body.IdNumber, out _, out var error) ? null : error.ToChinese();
        return PaymentChecks.Check(body.Campaign, campaignFound ? campaignStatus : null, body.Channel, citizen, idProblem, resident,
            body.Name, body.Amount, body.PaidOn, policy, today);
    }

    /// <summary>The quote on <paramref name="paidOn"/>, or outside_collection when the date is outside what the policy collects for.</summary>
    private async Task<ApiResult<Quote>> QuoteAsync(
        NpgsqlConnection connection, ApiCaller caller, CitizenId citizen, PaymentResident resident, DateOnly paidOn, DateOnly today, CancellationToken ct) =>
        PaymentChecks.Quote(await PolicyAsync(connection, caller, resident, ct), citizen, resident, paidOn, today);

    /// <summary>The campaign's current policy (compiled once per version), when the resident is enrolled in it.</summary>
    private async Task<CompiledPolicy?> PolicyAsync(NpgsqlConnection connection, ApiCaller caller, PaymentResident? resident, CancellationToken ct) =>
        resident is { PolicyVersion: { } version, CampaignId: { } campaign }
            ? await policies.GetAsync(connection, caller.TenantId, campaign, version, ct)
            : null;
}
