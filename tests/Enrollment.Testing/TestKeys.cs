namespace Enrollment.Testing;

/// <summary>Fixed secrets for tests, so hashes are reproducible. Never used outside tests.</summary>
public static class TestKeys
{
    /// <summary>Base64 of the 32 bytes 1..32: the duplicate registry's HMAC key (config <c>Enrollment:IdHashKey</c>).</summary>
    public static readonly string IdHashKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
}
