using System.Data.Common;
using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Data.Payments;

/// <summary>What the payment checks read about the payer: the resident, their enrollment in the campaign and the quote's inputs.</summary>
internal sealed record PaymentResident(
    long ResidentId, string Name, long? EnrollmentId, string? Status, EnrollmentHistory History, int GapYears,
    string? Township, int? PolicyVersion, CertifiedCategories Categories, long? CampaignId, string CitizenId);

/// <summary>The first answer of a (channel, reference, ID) key, kept so a repeat answers the same.</summary>
internal sealed record StoredRequest(string Campaign, string Name, decimal Amount, DateOnly PaidOn, PaymentAnswer Answer);

/// <summary>
/// The checks of one payment after its idempotency key, in the documented order, on what was read beforehand: shared
/// by POST /api/v1/payments (one request) and the tax bureau's file (every row of it), so a row gets exactly the
/// answer the request would. Pure: the reads are the callers' (one round trip for a request, a few for a file).
/// </summary>
internal static class PaymentChecks
{
    /// <summary>The payer's row (by citizen ID; the caller adds the WHERE) and the campaign ($2, by code). RLS adds the tenant.</summary>
    public const string SelectResident = """
        SELECT r.id, r.name, e.id, e.status, e.history, e.gap_years, t.name,
               (SELECT max(pv.version) FROM campaign_policy_versions pv WHERE pv.campaign_id = c.id),
               (SELECT array_agg(x.category_code) FROM certifications x WHERE x.campaign_id = c.id AND x.resident_id = r.id),
               (SELECT array_agg(x.first_certified_on) FROM certifications x WHERE x.campaign_id = c.id AND x.resident_id = r.id),
               c.id, r.citizen_id
        FROM residents r
        JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
        LEFT JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND t.id = NULLIF(split_part(v.path, '/', 3), '')::bigint
        LEFT JOIN campaigns c ON c.tenant_id = r.tenant_id AND c.code = $2
        LEFT JOIN enrollments e ON e.tenant_id = r.tenant_id AND e.campaign_id = c.id AND e.resident_id = r.id
        """;

    /// <summary>The idempotency record of a key and its first answer; the caller adds the WHERE (channel, reference, citizen ID).</summary>
    public const string SelectRequest = """
        SELECT c.code, q.name, q.amount, q.paid_on, q.payment_id, q.outcome, q.payable, q.coverage_start, q.late, q.channel_code, q.reference, r.citizen_id
        FROM payment_requests q
        JOIN residents r ON r.tenant_id = q.tenant_id AND r.id = q.resident_id
        JOIN campaigns c ON c.tenant_id = q.tenant_id AND c.id = q.campaign_id
        """;

    /// <summary>The checks from the campaign to the amount; the value is the quote the payment is recorded with.</summary>
    /// <param name="campaignStatus">Null when there is no such campaign in the tenant.</param>
    /// <param name="idProblem">Why the ID number is invalid (Chinese), or null when it is valid.</param>
    public static ApiResult<(Quote Quote, PaymentResident Resident)> Check(
        string campaign, string? campaignStatus, string channel, CitizenId citizen, string? idProblem, PaymentResident? resident,
        string name, decimal amount, DateOnly paidOn, CompiledPolicy? policy, DateOnly today)
    {
        if (campaignStatus is null)
        {
            return ApiChecks.UnknownCampaign(campaign);
        }
        if (campaignStatus != "open")
        {
            return ApiChecks.NotCollecting(campaign);
        }
        if (!ApiText.Channels.Contains(channel))
        {
            return ApiChecks.UnknownChannel(channel);
        }
        if (idProblem is not null)
        {
            return ApiChecks.InvalidId(idProblem);
        }
        if (resident is not { EnrollmentId: not null } || resident.Status == "cancelled")
        {
            return ApiChecks.NotRegistered();
        }
        if (ApiText.NormalName(resident.Name) != ApiText.NormalName(name))
        {
            return ApiChecks.NameMismatch();
        }
        var quote = Quote(policy, citizen, resident, paidOn, today);
        if (quote.Problem is { } problem)
        {
            return problem;
        }
        var q = quote.Value;
        if (q.Payable == 0)
        {
            return ApiChecks.GovernmentPaid();
        }
        if (amount != q.Payable)
        {
            return ApiChecks.AmountMismatch(q.Payable, paidOn);
        }
        return (q, resident);
    }

    /// <summary>The quote on <paramref name="paidOn"/>, or outside_collection when the date is outside what the policy collects for.</summary>
    public static ApiResult<Quote> Quote(CompiledPolicy? policy, CitizenId citizen, PaymentResident resident, DateOnly paidOn, DateOnly today)
    {
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

    /// <summary>A repeat answers the first answer when campaign, amount, date and name agree, else reference_conflict.</summary>
    public static ApiResult<PaymentAnswer> Repeat(StoredRequest stored, string campaign, decimal amount, DateOnly paidOn, string name) =>
        stored.Campaign == campaign && stored.Amount == amount && stored.PaidOn == paidOn && stored.Name == ApiText.NormalName(name)
            ? stored.Answer
            : ApiProblem.Conflict();

    public static PaymentResident ReadResident(DbDataReader r)
    {
        var categories = default(CertifiedCategories);
        if (!r.IsDBNull(8))
        {
            var codes = r.GetFieldValue<string[]>(8);
            var dates = r.GetFieldValue<DateOnly?[]>(9);
            for (var i = 0; i < codes.Length; i++)
            {
                // As the quote inputs read them: a code the engine does not know is not a certification.
                if (BasisCodes.TryParse(codes[i], out var code))
                {
                    categories.TryAdd(code, dates[i], out _);
                }
            }
        }
        var history = r.IsDBNull(4) ? EnrollmentHistory.Continuing : r.GetString(4) switch
        {
            "first_time" => EnrollmentHistory.FirstTime,
            "interrupted" => EnrollmentHistory.Interrupted,
            _ => EnrollmentHistory.Continuing,
        };
        return new PaymentResident(
            r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3), history,
            r.IsDBNull(5) ? 0 : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetInt32(7),
            categories, r.IsDBNull(10) ? null : r.GetInt64(10), r.GetString(11));
    }

    public static StoredRequest ReadStored(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetDecimal(2), r.GetFieldValue<DateOnly>(3),
        new PaymentAnswer(r.GetInt64(4), r.GetString(5), r.GetDecimal(6), r.GetFieldValue<DateOnly>(7), r.GetBoolean(8), Repeat: true));
}
