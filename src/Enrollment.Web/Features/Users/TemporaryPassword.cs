using System.Security.Cryptography;

namespace Enrollment.Web.Features.Users;

/// <summary>
/// Temporary passwords the page generates: three groups of four lower-case letters and digits, without look-alikes
/// (0/o, 1/l/i), e.g. <c>k7mq-x3pt-9wha</c>: easy to read out over the phone, and they meet the password policy.
/// </summary>
internal static class TemporaryPassword
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public static string Generate()
    {
        while (true)
        {
            var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 12);
            var text = string.Join('-', new string(chars, 0, 4), new string(chars, 4, 4), new string(chars, 8, 4));
            if (chars.Any(char.IsAsciiDigit) && chars.Any(char.IsAsciiLetterLower) && chars.Distinct().Count() >= 6)
            {
                return text;
            }
        }
    }
}
