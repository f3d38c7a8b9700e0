using System.Collections.Concurrent;
using Enrollment.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Enrollment.Web.Tests.Home;

/// <summary>One SQL command the app ran, with EF's own timing (until the reader is returned).</summary>
internal sealed record ExecutedCommand(string Milliseconds, string Sql);

/// <summary>
/// The app on an existing database (a generated county, not a fresh test database), with the business date inside
/// the tengzhou-2025 window and every executed SQL command collected.
/// </summary>
internal sealed class GeneratedCountyApp(string ownerConnectionString) : WebApplicationFactory<Program>
{
    private const string CommandCategory = "Microsoft.EntityFrameworkCore.Database.Command";

    public ConcurrentQueue<ExecutedCommand> Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:EnrollmentApp", Enrollment.Data.EnrollmentDataOptions.DeriveAppConnectionString(ownerConnectionString));
        builder.UseSetting("Enrollment:IdHashKey", TestKeys.IdHashKey);
        builder.UseSetting("Enrollment:BusinessDate", "2024-11-20");
        builder.UseSetting($"Logging:LogLevel:{CommandCategory}", "Information");
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(new CommandLogProvider(Commands))));
    }

    private sealed class CommandLogProvider(ConcurrentQueue<ExecutedCommand> commands) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => categoryName == CommandCategory ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // RelationalEventId.CommandExecuted carries the elapsed time and the SQL as structured values.
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "elapsed").Value is { } elapsed
                && values.FirstOrDefault(v => v.Key == "commandText").Value is string sql)
            {
                commands.Enqueue(new ExecutedCommand(elapsed.ToString() ?? "", sql));
            }
        }

        public void Dispose()
        {
        }
    }
}
