using Enrollment.Data.Entities;
using Enrollment.Domain.Residents;
using Npgsql;

namespace Enrollment.Data.Payments;

public sealed partial class PaymentApi
{
    private const string ReadExcluded = """
        SELECT EXISTS (SELECT 1 FROM exclusions x JOIN residents r ON r.tenant_id = x.tenant_id AND r.id = x.resident_id
                       JOIN campaigns c ON c.tenant_id = x.tenant_id AND c.id = x.campaign_id
                       WHERE r.citizen_id = $1 AND c.code = $2 AND x.reason_code <> 'refused' AND x.verified_at IS NOT NULL)
        """;

    /// <summary>GET …/dues/{id_number}: the same checks as a payment up to the amount, then the standing and what is due.</summary>
    public async Task<(ApiCaller? Caller, ApiResult<DuesAnswer> Result)> DuesAsync(
        byte[] keyHash, string campaign, string idNumber, DateOnly? paidOn, ApiProblem? invalid, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        var idValid = CitizenId.TryParse(idNumber, out var citizen, out var idError);
        var normalId = idValid ? citizen.ToString() : "";
        ApiCaller? caller;
        string? status = null;
        PaymentResident? resident = null;
        var excluded = false;
        await using (var batch = new NpgsqlBatch(connection))
        {
            ApiConnection.AddAuthentication(batch, keyHash);
            batch.BatchCommands.Add(Command(ReadCampaign, campaign));
            batch.BatchCommands.Add(Command(ReadResident, normalId, campaign));
            batch.BatchCommands.Add(Command(ReadExcluded, normalId, campaign));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            caller = await ApiConnection.ReadCallerAsync(reader, ct);
            if (caller is not null)
            {
                status = await reader.ReadAsync(ct) ? reader.GetString(1) : null;
                await reader.NextResultAsync(ct);
                resident = await reader.ReadAsync(ct) ? PaymentChecks.ReadResident(reader) : null;
                await reader.NextResultAsync(ct);
                excluded = await reader.ReadAsync(ct) && reader.GetBoolean(0);
            }
        }
        if (caller is null)
        {
            return (null, ApiProblem.Unauthorized());
        }
        var result = await DuesCheckAsync(connection, caller, campaign, idNumber, paidOn ?? today, invalid, status, idValid, idError,
            citizen, resident, excluded, today, ct);
        await ApiConnection.AuditAsync(connection, caller, "dues.read", result.Problem?.Code ?? "ok", now, ct);
        return (caller, result);
    }

    private async Task<ApiResult<DuesAnswer>> DuesCheckAsync(
        NpgsqlConnection connection, ApiCaller caller, string campaign, string idNumber, DateOnly paidOn, ApiProblem? invalid,
        string? campaignStatus, bool idValid, Domain.Errors.DomainError idError, CitizenId citizen, PaymentResident? resident, bool excluded,
        DateOnly today, CancellationToken ct)
    {
        if (!caller.Has(ApiScopes.PaymentsWrite))
        {
            return ApiProblem.Scope(ApiScopes.PaymentsWrite);
        }
        if (invalid is not null)
        {
            return invalid;
        }
        if (campaignStatus is null)
        {
            return ApiChecks.UnknownCampaign(campaign);
        }
        if (campaignStatus != "open")
        {
            return ApiChecks.NotCollecting(campaign);
        }
        if (!idValid)
        {
            return ApiChecks.InvalidId(idError.ToChinese());
        }
        if (resident is null)
        {
            return ApiChecks.NotRegistered();
        }
        var normalId = citizen.ToString();
        var name = ApiText.MaskName(resident.Name);
        if (excluded && resident.Status is null or "cancelled")
        {
            return new DuesAnswer(normalId, name, "excluded", 0m, default, false);
        }
        if (resident.EnrollmentId is null || resident.Status == "cancelled")
        {
            return ApiChecks.NotRegistered();
        }
        var quote = await QuoteAsync(connection, caller, citizen, resident, paidOn, today, ct);
        if (quote.Problem is { } problem)
        {
            return problem;
        }
        var q = quote.Value;
        var standing = resident.Status switch
        {
            "paid" or "unconfirmed" => "paid",
            "government_paid" => "government_paid",
            _ when q.Payable == 0 => "government_paid",
            _ => "unpaid",
        };
        return new DuesAnswer(normalId, name, standing, standing == "unpaid" ? q.Payable : 0m, q.CoverageStart, q.Late);
    }

    private const string ReadPayment = """
        SELECT p.id, p.state, p.amount, p.paid_on, p.channel_code, p.reference, r.citizen_id, c.code,
               q.outcome, coalesce(q.payable, e.quote_payable), coalesce(q.coverage_start, e.quote_coverage_start), coalesce(q.late, e.quote_late)
        FROM payments p
        JOIN enrollments e ON e.tenant_id = p.tenant_id AND e.id = p.enrollment_id
        JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
        JOIN residents r ON r.tenant_id = p.tenant_id AND r.id = p.resident_id
        LEFT JOIN LATERAL (SELECT q.outcome, q.payable, q.coverage_start, q.late FROM payment_requests q
                           WHERE q.tenant_id = p.tenant_id AND q.payment_id = p.id ORDER BY q.id LIMIT 1) q ON true
        WHERE p.id = $1
        """;

    /// <summary>GET /api/v1/payments/{id}: a payment of the key's tenant (another tenant's id is not found).</summary>
    public async Task<(ApiCaller? Caller, ApiResult<PaymentView> Result)> GetAsync(byte[] keyHash, long id, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        ApiCaller? caller;
        PaymentView? view = null;
        await using (var batch = new NpgsqlBatch(connection))
        {
            ApiConnection.AddAuthentication(batch, keyHash);
            batch.BatchCommands.Add(Command(ReadPayment, id));
            await using var reader = await batch.ExecuteReaderAsync(ct);
            caller = await ApiConnection.ReadCallerAsync(reader, ct);
            if (caller is not null && await reader.ReadAsync(ct))
            {
                var state = reader.GetString(1);
                view = new PaymentView(
                    reader.GetInt64(0), reader.IsDBNull(8) ? (state == "refund_due" ? "refund_due" : "recorded") : reader.GetString(8),
                    reader.IsDBNull(9) ? 0m : reader.GetDecimal(9), reader.IsDBNull(10) ? null : reader.GetFieldValue<DateOnly>(10),
                    reader.IsDBNull(11) ? null : reader.GetBoolean(11), reader.GetString(7), ApiText.MaskId(reader.GetString(6)),
                    reader.GetDecimal(2), reader.GetFieldValue<DateOnly>(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), state);
            }
        }
        if (caller is null)
        {
            return (null, ApiProblem.Unauthorized());
        }
        ApiResult<PaymentView> result = !caller.Has(ApiScopes.PaymentsWrite) ? ApiProblem.Scope(ApiScopes.PaymentsWrite)
            : view is null ? ApiProblem.NotFound() : view;
        await ApiConnection.AuditAsync(connection, caller, "payments.read", result.Problem?.Code ?? "ok", now, ct);
        return (caller, result);
    }
}
