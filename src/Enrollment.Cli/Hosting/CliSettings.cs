using System.Globalization;

namespace Enrollment.Cli.Hosting;

/// <summary>
/// A setting of a command: its flag, else the environment variable, else the file <c>.data/enrollment.env</c> that
/// the run script writes when it starts its private cluster (NAME=value lines), so a command run from the repository
/// root works on the running app's data with no flags but its own.
/// </summary>
internal static class CliSettings
{
    public const string EnvFile = ".data/enrollment.env";

    public static string? Get(string? flag, string variable, string? envFile = EnvFile)
    {
        if (!string.IsNullOrWhiteSpace(flag))
        {
            return flag;
        }
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }
        if (envFile is null || !File.Exists(envFile))
        {
            return null;
        }
        foreach (var line in File.ReadLines(envFile))
        {
            var split = line.IndexOf('=', StringComparison.Ordinal);
            if (split > 0 && line[..split].Trim() == variable)
            {
                return line[(split + 1)..].Trim() is { Length: > 0 } value ? value : null;
            }
        }
        return null;
    }

    /// <summary>The business date: <c>Enrollment__BusinessDate</c> when pinned, else today in China Standard Time.</summary>
    public static bool TryBusinessDate(string? flag, TimeProvider clock, out DateOnly today, out string? error)
    {
        error = null;
        var text = Get(flag, "Enrollment__BusinessDate");
        if (text is null)
        {
            var china = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
            today = DateOnly.FromDateTime(china.DateTime);
            return true;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out today))
        {
            return true;
        }
        error = $"业务日期（Enrollment__BusinessDate）应为 yyyy-MM-dd 格式，而不是“{text}”。";
        return false;
    }
}
