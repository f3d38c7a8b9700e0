using System.CommandLine;
using Enrollment.Cli.ApiKeys;
using Enrollment.Cli.Seed;
using Enrollment.Data.Payments;
using Enrollment.Data.Registry;
using Enrollment.Testing;
using Npgsql;

namespace Enrollment.Cli.Tests.ApiKeys;

/// <summary>api-key create / list / revoke: the secret alone on the last line, only its hash stored, revocation kept.</summary>
public sealed class ApiKeyCommandTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Create_prints_the_secret_once_on_the_last_line_stores_its_hash_and_list_and_revoke_follow()
    {
        await DemoSeeder.SeedAsync(database.ConnectionString, CitizenIdHasher.FromBase64(TestKeys.IdHashKey), default);
        var (exit, output, error) = await Run("create", "--tenant", "tengzhou", "--name", "税务推送", "--scopes", "payments:write,progress:read");
        exit.ShouldBe(0, error);
        var secret = output.TrimEnd().Split('\n')[^1].Trim();
        secret.ShouldStartWith(ApiKeySecrets.Prefix);
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        await using (var command = new NpgsqlCommand("SELECT count(*) FROM api_keys WHERE secret_hash = $1 AND name = '税务推送' AND scopes = ARRAY['payments:write', 'progress:read']", db))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = ApiKeySecrets.Hash(secret) });
            ((long)(await command.ExecuteScalarAsync())!).ShouldBe(1);
        }
        await using (var command = new NpgsqlCommand("SELECT count(*) FROM api_keys WHERE encode(secret_hash, 'escape') LIKE '%' || $1 || '%'", db))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = secret[4..] });
            ((long)(await command.ExecuteScalarAsync())!).ShouldBe(0, "the secret itself is never stored");
        }

        var (_, listed, _) = await Run("list", "--tenant", "tengzhou");
        listed.ShouldContain("税务推送");
        listed.ShouldContain("active");
        var id = listed.Split('\t')[0].Trim();
        (await Run("revoke", "--tenant", "tengzhou", "--id", id)).Exit.ShouldBe(0);
        (await Run("list", "--tenant", "tengzhou")).Output.ShouldContain("revoked");
        (await Run("revoke", "--tenant", "tengzhou", "--id", id)).Exit.ShouldBe(2);
        // Another county does not see or revoke it.
        (await Run("list", "--tenant", "pubei")).Output.ShouldNotContain("税务推送");
    }

    [Theory]
    [InlineData("--tenant", "nowhere", "--name", "x", "--scopes", "payments:write")]
    [InlineData("--tenant", "tengzhou", "--name", "x", "--scopes", "payments:delete")]
    [InlineData("--tenant", "tengzhou", "--name", " ", "--scopes", "progress:read")]
    public async Task Unusable_arguments_exit_2_and_create_nothing(params string[] args)
    {
        await DemoSeeder.SeedAsync(database.ConnectionString, CitizenIdHasher.FromBase64(TestKeys.IdHashKey), default);
        var (exit, _, error) = await Run(["create", .. args]);
        exit.ShouldBe(2);
        error.ShouldNotBeNullOrWhiteSpace();
    }

    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { ApiKeyCommand.Create() };
        var exit = await root.Parse(["api-key", .. args, "--connection", database.ConnectionString])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
