using Enrollment.Data.Auditing;
using Enrollment.Data.Migrations;
using Enrollment.Data.Registry;
using Enrollment.Data.Resilience;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Enrollment.Data;

/// <summary>The schema owner's data source, for migrations and bulk loads only (distinct type so DI keeps it apart).</summary>
public sealed record OwnerDataSource(NpgsqlDataSource DataSource);

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the data layer with <paramref name="connectionString"/> as the schema owner's connection and the
    /// app role's derived from it (see <see cref="EnrollmentDataOptions.AppConnectionString"/>).
    /// </summary>
    public static IServiceCollection AddEnrollmentData(this IServiceCollection services, string connectionString) =>
        services.AddEnrollmentData(new EnrollmentDataOptions { OwnerConnectionString = connectionString });

    /// <summary>
    /// Registers: the app role's <see cref="NpgsqlDataSource"/> (what the contexts below use; a connection opened on
    /// it directly for tenant data must go through <see cref="TenantConnections"/>), the owner's
    /// <see cref="OwnerDataSource"/>, a scoped <see cref="TenantContext"/>, <see cref="EnrollmentDbContext"/> on the
    /// app role with the tenant and audit interceptors, the <see cref="CitizenIdHasher"/> and
    /// <see cref="DuplicateRegistry"/>, the payments API's pool (<see cref="Payments.ApiDataSource"/>), and the SQL migrator.
    /// </summary>
    public static IServiceCollection AddEnrollmentData(this IServiceCollection services, EnrollmentDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var appDataSource = new NpgsqlDataSourceBuilder(options.ResolveAppConnectionString()).Build();
        services.AddSingleton(appDataSource);
        services.AddSingleton(Payments.ApiDataSource.Create(options.ResolveAppConnectionString()));
        if (options.OwnerConnectionString is { Length: > 0 } owner)
        {
            // Only where the owner's connection is given at all (the CLI, tests): the web process never has it.
            services.AddSingleton(new OwnerDataSource(new NpgsqlDataSourceBuilder(owner).Build()));
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(CitizenIdHasher.FromBase64(options.IdHashKey));
        services.AddSingleton<AuditInterceptor>();
        services.AddScoped<TenantContext>();
        services.AddScoped<DuplicateRegistry>();
        // A scoped factory (it reads the scope's TenantContext); it also registers the context itself as scoped for
        // request code. Interactive pages create one context per operation from the factory, never one per circuit.
        services.AddDbContextFactory<EnrollmentDbContext>((provider, builder) =>
            Configure(builder, appDataSource, provider.GetRequiredService<AuditInterceptor>(), options.Retry), ServiceLifetime.Scoped);
        services.AddSingleton<SqlMigrator>();
        return services;
    }

    /// <summary>The context options: Npgsql on <paramref name="dataSource"/>, the tenant and audit interceptors.</summary>
    public static DbContextOptionsBuilder Configure(
        DbContextOptionsBuilder builder, NpgsqlDataSource dataSource, AuditInterceptor auditInterceptor, RetrySettings? retry = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        retry ??= new RetrySettings();
        return builder
            .UseNpgsql(dataSource, o => o.ExecutionStrategy(d => new RetryOutsideTransactions(d, retry.MaxRetryCount, retry.MaxRetryDelay)))
            .AddInterceptors(TenantConnectionInterceptor.Instance, auditInterceptor)
            // Dependents are filtered at least as strictly as the principals they require (same tenant, a subtree
            // inside the principal's), so EF's warning about required navigations to filtered entities is moot.
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
    }

    /// <summary>
    /// Options for a second context on a connection another context has open (and its transaction, to be joined
    /// with <c>Database.UseTransaction</c>): one transaction across two tenant contexts. The connection's
    /// app.tenant_id is the caller's to set (transaction-local), as the connection is already open.
    /// </summary>
    public static DbContextOptions<EnrollmentDbContext> CreateOptions(System.Data.Common.DbConnection openConnection, TimeProvider? clock = null)
    {
        var builder = new DbContextOptionsBuilder<EnrollmentDbContext>();
        builder.UseNpgsql(openConnection)
            .AddInterceptors(TenantConnectionInterceptor.Instance, new AuditInterceptor(clock ?? TimeProvider.System))
            .ConfigureWarnings(w => w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
        return builder.Options;
    }

    /// <summary>Options for a context created by hand (CLI, tests): <c>new EnrollmentDbContext(options, TenantContext.For(…), hasher)</c>.</summary>
    public static DbContextOptions<EnrollmentDbContext> CreateOptions(NpgsqlDataSource dataSource, TimeProvider? clock = null)
    {
        var builder = new DbContextOptionsBuilder<EnrollmentDbContext>();
        Configure(builder, dataSource, new AuditInterceptor(clock ?? TimeProvider.System));
        return builder.Options;
    }
}
