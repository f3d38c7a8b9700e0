using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Enrollment.Testing.Web;

/// <summary>
/// The real web app on a fresh migrated database of its own. Compiled into the web-facing test projects
/// only (linked source), so the data tests do not drag ASP.NET in.
/// </summary>
public class EnrollmentAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string DatabaseName { get; private set; } = "";

    /// <summary>Every log line the app wrote, for asserting on what operators will see.</summary>
    public ConcurrentQueue<string> LogLines { get; } = new();

    /// <summary>Settings applied before the app builds, e.g. Enrollment:BusinessDate.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        DatabaseName = await TestPostgres.CreateDatabaseAsync(GetType().Name);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development the framework's and MudBlazor's files (blazor.web.js, _content/…) are found only through
        // the build's static web assets manifest: the circuit cannot start without them.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:EnrollmentApp", TestPostgres.AppConnectionStringFor(DatabaseName));
        builder.UseSetting("Enrollment:IdHashKey", TestKeys.IdHashKey);
        builder.UseSetting("Diagnostics:EnableThrowEndpoint", "true");
        // One fixture serves many tests as the same demo users: their lookups would add up to the per-user limit.
        // The limit's own tests set it low.
        builder.UseSetting("Enrollment:IdLookup:Burst", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
            services.AddLogging(logging => logging.AddProvider(new QueueLoggerProvider(LogLines))));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (DatabaseName.Length > 0)
        {
            await TestPostgres.DropDatabaseAsync(DatabaseName);
        }
    }

    private sealed class QueueLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QueueLogger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class QueueLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}");
    }
}
