using System.Collections.Concurrent;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;
using Npgsql;

namespace Enrollment.Data.Payments;

/// <summary>
/// Compiled policies by (tenant, campaign, version): a version is never edited, so a compiled one stays right; a
/// new version has a new key. Saves parsing the policy document on every payment.
/// </summary>
public sealed class PolicyCache
{
    private readonly ConcurrentDictionary<(int, long, int), CompiledPolicy?> _policies = new();

    public async Task<CompiledPolicy?> GetAsync(NpgsqlConnection connection, int tenant, long campaign, int version, CancellationToken ct)
    {
        if (_policies.TryGetValue((tenant, campaign, version), out var known))
        {
            return known;
        }
        await using var command = new NpgsqlCommand(
            "SELECT document::text FROM campaign_policy_versions WHERE tenant_id = $1 AND campaign_id = $2 AND version = $3", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = tenant });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = campaign });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = version });
        var document = (string?)await command.ExecuteScalarAsync(ct);
        var policy = document is null ? null : PolicyLoader.Load(document).Policy;
        _policies[(tenant, campaign, version)] = policy;
        return policy;
    }
}
