namespace Enrollment.Cli.Generate;

/// <summary>What to generate: a tenant's population of <paramref name="Residents"/>, of whom
/// <paramref name="PaidFraction"/> (of those not excluded) have paid the current campaign by
/// <paramref name="PaidThrough"/> (null = the end of the window).</summary>
internal sealed record PopulationSettings(
    string TenantCode,
    int Residents,
    double PaidFraction,
    ulong Seed,
    string CampaignCode,
    DateOnly? PaidThrough = null)
{
    /// <summary>The campaign a tenant's generated population pays into, unless told otherwise.</summary>
    public static string CurrentCampaignOf(string tenantCode) => tenantCode switch
    {
        "tengzhou" => "tengzhou-2025",
        "pubei" => "pubei-2020",
        "qufu" => "xiaoxue-2020",
        _ => throw new ArgumentException($"no current campaign known for tenant '{tenantCode}'", nameof(tenantCode)),
    };

    public void Validate()
    {
        if (Residents < 0)
        {
            throw new ArgumentException("the number of residents cannot be negative");
        }

        if (PaidFraction is < 0 or > 1 || double.IsNaN(PaidFraction))
        {
            throw new ArgumentException("the paid fraction must be between 0 and 1");
        }
    }
}
