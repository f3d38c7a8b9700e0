using System.Security.Cryptography;
using System.Text;
using Enrollment.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Payments;

/// <summary>A key as lists show it: never its secret.</summary>
public sealed record ApiKeyRow(long Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Creating, listing and revoking API keys (the administrator's page and the CLI call these). A secret is
/// <c>enr_</c> + 43 characters of base64url (256 random bits); only its SHA-256 is stored, so it is shown once.
/// </summary>
public static class ApiKeySecrets
{
    public const string Prefix = "enr_";

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The key's problems with name and scopes, as Chinese sentences (empty when it can be created).</summary>
    public static IReadOnlyList<string> Check(string name, IReadOnlyCollection<string> scopes)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 50)
        {
            problems.Add("密钥名称不能为空，且不超过 50 个字。");
        }
        if (scopes.Count == 0)
        {
            problems.Add("至少选择一项权限（payments:write 或 progress:read）。");
        }
        foreach (var unknown in scopes.Where(s => !ApiScopes.All.Contains(s)))
        {
            problems.Add($"未知的权限“{unknown}”：只可为 payments:write 或 progress:read。");
        }
        return problems;
    }

    /// <summary>Creates a key in the context's tenant; returns it and its secret (shown once).</summary>
    public static async Task<(ApiKey Key, string Secret)> CreateAsync(
        EnrollmentDbContext db, string name, IReadOnlyCollection<string> scopes, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var problems = Check(name, scopes);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name.Trim(),
            Scopes = [.. ApiScopes.All.Where(scopes.Contains)],
            SecretHash = Hash(secret),
            CreatedAt = now,
            CreatedByUserId = db.Tenant.UserId,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return (key, secret);
    }

    public static Task<List<ApiKeyRow>> ListAsync(EnrollmentDbContext db, CancellationToken ct = default) =>
        db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.Id)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Scopes, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
            .ToListAsync(ct);

    /// <summary>Revokes a key of the context's tenant; false when there is no such live key.</summary>
    public static async Task<bool> RevokeAsync(EnrollmentDbContext db, long id, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, ct);
        if (key is null)
        {
            return false;
        }
        key.RevokedAt = now;
        key.RevokedByUserId = db.Tenant.UserId;
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
