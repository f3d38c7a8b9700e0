using System.CommandLine;
using System.Globalization;
using Enrollment.Cli.Hosting;
using Enrollment.Data;
using Enrollment.Data.Payments;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Cli.ApiKeys;

/// <summary>
/// <c>api-key create --tenant tengzhou --name 税务推送 --scopes payments:write,progress:read</c> (the secret alone on
/// the last line of standard output, shown once), <c>api-key list --tenant T</c> and <c>api-key revoke --tenant T --id N</c>.
/// Runs as the app role, like the administrator's page. Exit codes: 0 done, 2 arguments, settings or database unusable.
/// </summary>
internal static class ApiKeyCommand
{
    public static Command Create()
    {
        var command = new Command("api-key", "Create, list and revoke the keys other systems call /api/v1 with.");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(RevokeCommand());
        return command;
    }

    private static Option<string> Tenant() => new("--tenant") { Description = "Tenant code, e.g. tengzhou.", Required = true };

    private static Command CreateCommand()
    {
        var tenant = Tenant();
        var name = new Option<string>("--name") { Description = "What the key is for, e.g. 税务推送.", Required = true };
        var scopes = new Option<string>("--scopes") { Description = "Comma-separated: payments:write, progress:read.", Required = true };
        var connection = CliDatabase.ConnectionOption();
        var command = new Command("create", "Create a key; its secret is printed once, alone on the last line.") { tenant, name, scopes, connection };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(connection), parse.GetValue(tenant)!, parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error, async (db, output, error) =>
            {
                var wanted = parse.GetValue(scopes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var problems = ApiKeySecrets.Check(parse.GetValue(name)!, wanted);
                if (problems.Count > 0)
                {
                    await error.WriteLineAsync(string.Join(Environment.NewLine, problems));
                    return 2;
                }
                var (key, secret) = await ApiKeySecrets.CreateAsync(db, parse.GetValue(name)!, wanted, DateTimeOffset.UtcNow, ct);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"created API key {key.Id} \"{key.Name}\" ({string.Join(",", key.Scopes)}); the secret below is shown only once:"));
                await output.WriteLineAsync(secret);
                return 0;
            }, ct));
        return command;
    }

    private static Command ListCommand()
    {
        var tenant = Tenant();
        var connection = CliDatabase.ConnectionOption();
        var command = new Command("list", "List the tenant's keys: id, name, scopes, created, last used, revoked.") { tenant, connection };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(connection), parse.GetValue(tenant)!, parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error, async (db, output, _) =>
            {
                foreach (var k in await ApiKeySecrets.ListAsync(db, ct))
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{k.Id}\t{k.Name}\t{string.Join(",", k.Scopes)}\t{k.CreatedAt:O}\t{k.LastUsedAt?.ToString("O") ?? "-"}\t{(k.RevokedAt is { } r ? "revoked " + r.ToString("O") : "active")}"));
                }
                return 0;
            }, ct));
        return command;
    }

    private static Command RevokeCommand()
    {
        var tenant = Tenant();
        var id = new Option<long>("--id") { Description = "The key's id (from list).", Required = true };
        var connection = CliDatabase.ConnectionOption();
        var command = new Command("revoke", "Revoke a key: it answers 401 from then on.") { tenant, id, connection };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(connection), parse.GetValue(tenant)!, parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error, async (db, output, error) =>
            {
                if (!await ApiKeySecrets.RevokeAsync(db, parse.GetValue(id), DateTimeOffset.UtcNow, ct))
                {
                    await error.WriteLineAsync($"没有编号为 {parse.GetValue(id)} 的有效密钥。");
                    return 2;
                }
                await output.WriteLineAsync($"revoked API key {parse.GetValue(id)}");
                return 0;
            }, ct));
        return command;
    }

    private static async Task<int> RunAsync(
        string? connectionFlag, string tenantCode, TextWriter output, TextWriter error,
        Func<EnrollmentDbContext, TextWriter, TextWriter, Task<int>> work, CancellationToken ct)
    {
        var owner = CliSettings.Get(connectionFlag, "ConnectionStrings__Enrollment") ?? CliSettings.Get(null, "ENROLLMENT_DB");
        if (owner is null)
        {
            await error.WriteLineAsync("没有数据库连接：请用 --connection，或设置 ConnectionStrings__Enrollment（或先运行 deploy/run.sh）。");
            return 2;
        }
        try
        {
            var app = Environment.GetEnvironmentVariable("ConnectionStrings__EnrollmentApp") ?? EnrollmentDataOptions.DeriveAppConnectionString(owner);
            await using var dataSource = NpgsqlDataSource.Create(app);
            var options = DataServiceCollectionExtensions.CreateOptions(dataSource);
            int? tenantId;
            await using (var system = new EnrollmentDbContext(options, new TenantContext()))
            {
                tenantId = await system.Tenants.Where(t => t.Code == tenantCode).Select(t => (int?)t.Id).SingleOrDefaultAsync(ct);
            }
            if (tenantId is null)
            {
                await error.WriteLineAsync($"没有代码为 {tenantCode} 的县（租户）。");
                return 2;
            }
            await using var db = new EnrollmentDbContext(options, TenantContext.For(tenantId.Value, "cli:api-key"));
            return await work(db, output, error);
        }
        catch (NpgsqlException e)
        {
            await error.WriteLineAsync($"数据库不可用：{e.Message}");
            return 2;
        }
    }
}
