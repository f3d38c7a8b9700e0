using System.Threading.RateLimiting;
using Enrollment.Data.Payments;

namespace Enrollment.Web.Features.Api;

/// <summary>Settings of /api/v1 (section <c>Enrollment:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Enrollment:Api";

    /// <summary>Requests per second per key, with a burst of the same size: generous, it stops only a runaway client.</summary>
    public int RequestsPerSecond { get; set; } = 2000;
}

internal static class ApiHosting
{
    public static WebApplicationBuilder AddEnrollmentApi(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.Services.AddSingleton<PolicyCache>();
        builder.Services.AddSingleton<PaymentApi>();
        builder.Services.AddRateLimiter(limiter =>
        {
            // Per key: the partition is the hash of the bearer secret, so keys never share a budget.
            limiter.AddPolicy(ApiEndpoints.RateLimitPolicy, context => RateLimitPartition.GetTokenBucketLimiter(
                Convert.ToHexString(ApiEndpoints.KeyHash(context)),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RequestsPerSecond,
                    TokensPerPeriod = options.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            limiter.OnRejected = async (rejected, ct) =>
            {
                var problem = new ApiProblem(429, "rate_limited", "请求过于频繁", "该 API 密钥的请求超过了每秒上限，请稍后重试。");
                await ApiJson.Problem(problem, rejected.HttpContext).ExecuteAsync(rejected.HttpContext);
            };
        });
        return builder;
    }
}
