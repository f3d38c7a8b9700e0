using Enrollment.Data.Payments;
using Enrollment.Data.Resilience;
using Enrollment.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace Enrollment.Web.Features.Api;

/// <summary>
/// /api/v1 for other systems (docs/api.md): a bearer API key, not the sign-in cookie — no antiforgery, no redirect
/// to the sign-in page; every error is application/problem+json. Anonymous to the cookie authorization: the key
/// decides (PaymentApi authenticates it in the request's first round trip).
/// </summary>
internal static class ApiEndpoints
{
    public const string RateLimitPolicy = "api-key";

    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicy);
        api.MapPost("/payments", PostPaymentAsync);
        api.MapGet("/payments/{id}", GetPaymentAsync);
        api.MapGet("/campaigns/{campaign}/dues/{idNumber}", GetDuesAsync);
        api.MapGet("/campaigns/{campaign}/progress", GetProgressAsync);
        return app;
    }

    /// <summary>The SHA-256 of the bearer secret (of an empty one when absent: it matches no key).</summary>
    public static byte[] KeyHash(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var secret = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        return secret.Length == 0 ? new byte[32] : ApiKeySecrets.Hash(secret);
    }

    private static Task<IResult> PostPaymentAsync(HttpContext context, PaymentApi api, TimeProvider clock, CancellationToken ct) =>
        GuardAsync(context, async () =>
        {
            var (body, invalid) = await ApiJson.ReadPaymentAsync(context.Request, ct);
            var (_, result) = await api.RecordAsync(KeyHash(context), body, invalid, clock.Today(), clock.GetUtcNow(), ct);
            if (result.Problem is { } problem)
            {
                return ApiJson.Problem(problem, context);
            }
            var answer = result.Value!;
            if (answer.Repeat)
            {
                return Results.Json(ApiJson.Answer(answer));
            }
            context.Response.Headers.Location = $"/api/v1/payments/{answer.PaymentId}";
            return Results.Json(ApiJson.Answer(answer), statusCode: StatusCodes.Status201Created);
        });

    private static Task<IResult> GetPaymentAsync(HttpContext context, string id, PaymentApi api, TimeProvider clock, CancellationToken ct) =>
        GuardAsync(context, async () =>
        {
            // A malformed id names no payment of anybody's: not found, after the key is checked.
            var (_, result) = await api.GetAsync(KeyHash(context), long.TryParse(id, out var number) && number > 0 ? number : 0, clock.GetUtcNow(), ct);
            if (result.Problem is { } problem)
            {
                return ApiJson.Problem(problem, context);
            }
            var v = result.Value!;
            return Results.Json(new Dictionary<string, object?>
            {
                ["payment_id"] = v.PaymentId,
                ["status"] = v.Status,
                ["payable"] = ApiJson.Money(v.Payable),
                ["coverage_start"] = v.CoverageStart is { } start ? ApiJson.Day(start) : null,
                ["late"] = v.Late,
                ["campaign"] = v.Campaign,
                ["id_number"] = v.IdNumber,
                ["amount"] = ApiJson.Money(v.Amount),
                ["paid_on"] = ApiJson.Day(v.PaidOn),
                ["channel"] = v.Channel,
                ["reference"] = v.Reference,
                ["state"] = v.State,
            });
        });

    private static Task<IResult> GetDuesAsync(
        HttpContext context, string campaign, string idNumber, [FromQuery(Name = "paid_on")] string? paidOn, PaymentApi api, TimeProvider clock,
        CancellationToken ct) =>
        GuardAsync(context, async () =>
        {
            DateOnly? day = null;
            ApiProblem? invalid = null;
            if (paidOn is not null)
            {
                if (ApiJson.TryDate(paidOn, out var parsed))
                {
                    day = parsed;
                }
                else
                {
                    invalid = ApiProblem.Invalid(new Dictionary<string, string[]> { ["paid_on"] = ["日期格式应为 YYYY-MM-DD。"] });
                }
            }
            var (_, result) = await api.DuesAsync(KeyHash(context), campaign, idNumber, day, invalid, clock.Today(), clock.GetUtcNow(), ct);
            if (result.Problem is { } problem)
            {
                return ApiJson.Problem(problem, context);
            }
            var d = result.Value!;
            return Results.Json(new Dictionary<string, object?>
            {
                ["id_number"] = d.IdNumber,
                ["name"] = d.Name,
                ["status"] = d.Status,
                ["payable"] = ApiJson.Money(d.Payable),
                ["coverage_start"] = d.Status == "excluded" ? null : ApiJson.Day(d.CoverageStart),
                ["late"] = d.Late,
            });
        });

    private static Task<IResult> GetProgressAsync(HttpContext context, string campaign, PaymentApi api, TimeProvider clock, CancellationToken ct) =>
        GuardAsync(context, async () =>
        {
            var (_, result) = await api.ProgressAsync(KeyHash(context), campaign, clock.Today(), clock.GetUtcNow(), ct);
            if (result.Problem is { } problem)
            {
                return ApiJson.Problem(problem, context);
            }
            var p = result.Value!;
            return Results.Json(new Dictionary<string, object?>
            {
                ["campaign"] = p.Campaign,
                ["as_of"] = p.AsOf.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                ["total"] = Line(p.Total, township: false),
                ["townships"] = p.Townships.Select(t => Line(t, township: true)).ToList(),
            });
        });

    private static Dictionary<string, object?> Line(ProgressLine line, bool township)
    {
        var json = new Dictionary<string, object?>();
        if (township)
        {
            json["name"] = line.Name;
            json["order"] = line.Order;
        }
        json["quota"] = line.Quota;
        json["paid"] = line.Paid;
        json["rate"] = line.Rate;
        json["paid_today"] = line.PaidToday;
        json["amount"] = ApiJson.Money(line.Amount);
        return json;
    }

    /// <summary>The database unreachable answers 503 with Retry-After (nothing was stored), never a 500.</summary>
    private static async Task<IResult> GuardAsync(HttpContext context, Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (Exception e) when (RetrySettings.IsUnavailable(e) || e is Npgsql.NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException })
        {
            return ApiJson.Problem(new ApiProblem(503, "unavailable", "服务暂不可用", "数据库暂时无法访问，未保存任何数据，请稍后重试。"), context);
        }
    }
}
