using System.Security.Cryptography;
using System.Text;

namespace Enrollment.Data.Registry;

/// <summary>
/// HMAC-SHA256 of a normalized citizen ID number under the deployment's secret key (config
/// <c>Enrollment:IdHashKey</c>, base64 of at least 32 random bytes). Keyed, so the registry cannot be reversed by
/// hashing every possible number (an 18-digit ID has only ~10^10 plausible values); the same key must be used by
/// every instance of the deployment, or duplicates go unseen.
/// </summary>
public sealed class CitizenIdHasher
{
    public const int MinimumKeyBytes = 32;

    private readonly byte[]? key;

    public CitizenIdHasher(byte[]? key)
    {
        if (key is not null && key.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"The ID hash key must have at least {MinimumKeyBytes} bytes.", nameof(key));
        }
        this.key = key?.ToArray();
    }

    /// <summary>Parses the base64 key from configuration; null or empty gives an unconfigured hasher.</summary>
    public static CitizenIdHasher FromBase64(string? base64) =>
        new(string.IsNullOrWhiteSpace(base64) ? null : Convert.FromBase64String(base64));

    public bool IsConfigured => key is not null;

    /// <summary>The 32-byte hash of an already normalized number (18 characters, upper-case X).</summary>
    public byte[] Hash(string normalizedCitizenId)
    {
        ArgumentNullException.ThrowIfNull(normalizedCitizenId);
        if (key is null)
        {
            throw new InvalidOperationException(
                "No ID hash key is configured (Enrollment:IdHashKey, base64 of at least 32 random bytes): residents " +
                "cannot be registered, because the duplicate registry (不得重复参保) needs it.");
        }
        return HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(normalizedCitizenId));
    }
}
