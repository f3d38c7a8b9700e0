using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace Enrollment.Data.Resilience;

/// <summary>
/// Retries what can be retried safely when the database goes away for a moment (a restart, a failover): a query or a
/// save that runs in a transaction of its own. A statement inside a transaction the code opened is never retried on
/// its own — the rest of that transaction is lost with the connection — so there the failure surfaces (the web app
/// answers 503 稍后重试) instead of EF refusing the transaction outright, as its stock retrying strategy does.
/// </summary>
public sealed class RetryOutsideTransactions(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay, errorCodesToAdd: null)
{
    private readonly ExecutionStrategyDependencies context = dependencies;

    /// <summary>Whether the context runs inside a transaction it did not open for this one operation.</summary>
    private bool InUserTransaction => context.CurrentContext.Context.Database.CurrentTransaction is not null;

    // The stock check throws when a transaction is open; here that only means "do not retry".
    protected override void OnFirstExecution()
    {
        if (!InUserTransaction)
        {
            base.OnFirstExecution();
        }
    }

    protected override bool ShouldRetryOn(Exception? exception) => !InUserTransaction && base.ShouldRetryOn(exception);
}

/// <summary>How long a failing database is retried (configuration <c>Enrollment:Database</c>).</summary>
public sealed class RetrySettings
{
    /// <summary>About 10 s of retries in all: longer than a PostgreSQL restart, short enough to answer a person.</summary>
    public int MaxRetryCount { get; init; } = 4;

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Whether <paramref name="exception"/> (or what it wraps) says the database cannot be reached right now.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow }:
                    return true;
            }
        }
        return false;
    }
}
