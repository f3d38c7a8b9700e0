namespace Enrollment.Data.Entities;

/// <summary>
/// A key another system (the tax bureau's push, a bank) calls /api/v1 with. It belongs to one tenant and acts
/// county-wide inside it. Only the SHA-256 of the secret is stored; the secret is shown once, when created.
/// </summary>
public class ApiKey : TenantEntity
{
    public string Name { get; set; } = "";

    /// <summary><c>payments:write</c>, <c>progress:read</c> (<see cref="ApiScopes"/>).</summary>
    public string[] Scopes { get; set; } = [];

    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public long? CreatedByUserId { get; set; }

    /// <summary>Written at most once a minute per key.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public long? RevokedByUserId { get; set; }
}

/// <summary>The scopes an API key may hold.</summary>
public static class ApiScopes
{
    public const string PaymentsWrite = "payments:write";

    public const string ProgressRead = "progress:read";

    public static IReadOnlyList<string> All { get; } = [PaymentsWrite, ProgressRead];
}
