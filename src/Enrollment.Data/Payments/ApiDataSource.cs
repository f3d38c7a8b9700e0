using Npgsql;

namespace Enrollment.Data.Payments;

/// <summary>
/// The payments API's own pool of app-role connections. Unlike the app's pool it keeps session state when a
/// connection goes back: no <c>DISCARD ALL</c>, which threw away the server's cached plans of <c>payment_record</c>,
/// its triggers, foreign-key checks and the audit function on every request and made each payment plan them all again.
/// That is safe only because every use of these connections starts with <see cref="ApiConnection.AddAuthentication"/>,
/// whose statement sets <c>app.tenant_id</c> unconditionally (to the key's tenant, or to nothing) before any tenant
/// statement of the same batch; nothing else of a request outlives it (no explicit transactions, no temporary
/// tables). The statements are prepared automatically after a few uses, which saves parsing and planning them.
/// </summary>
public sealed record ApiDataSource(NpgsqlDataSource DataSource)
{
    public static ApiDataSource Create(string appConnectionString) => new(new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(appConnectionString) { NoResetOnClose = true, MaxAutoPrepare = 32 }.ConnectionString).Build());
}
