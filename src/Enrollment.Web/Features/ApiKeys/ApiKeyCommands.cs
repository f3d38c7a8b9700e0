using Enrollment.Data.Entities;
using Enrollment.Data.Payments;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Features.ApiKeys;

/// <summary>The form of a new key: a name and the scopes.</summary>
public sealed class ApiKeyForm
{
    public const int MaxNameLength = 50;

    public string? Name { get; set; }

    public bool PaymentsWrite { get; set; }

    public bool ProgressRead { get; set; }
}

/// <summary>A created key's secret (shown once), or why nothing was created.</summary>
public sealed record ApiKeyCreated(string? Secret, IReadOnlyList<string> Problems);

/// <summary>
/// The county administrator's API keys (docs/security.md, "API keys"): list, create (the secret shown once), revoke.
/// County-wide: an administrator bound to a township has no such page (the operation's scope is the county).
/// </summary>
public sealed class ApiKeyCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<GridPage<ApiKeyRow>> PageAsync(GridRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await currentUser.RequireAsync(Operation.ManageApiKeys);
        await using var db = await contexts.CreateAsync(cancellationToken);
        var rows = await ApiKeySecrets.ListAsync(db, cancellationToken);
        return new GridPage<ApiKeyRow>([.. rows.Skip(request.Skip).Take(request.Size)], rows.Count);
    }

    public async Task<ApiKeyCreated> CreateAsync(ApiKeyForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await currentUser.RequireAsync(Operation.ManageApiKeys);
        var name = TextInput.Read(form.Name, "密钥名称", ApiKeyForm.MaxNameLength, required: true);
        List<string> scopes = [.. new[] { (form.PaymentsWrite, ApiScopes.PaymentsWrite), (form.ProgressRead, ApiScopes.ProgressRead) }
            .Where(s => s.Item1).Select(s => s.Item2)];
        var problems = new List<string>();
        if (name.Problem is { } problem)
        {
            problems.Add(problem);
        }
        problems.AddRange(ApiKeySecrets.Check(name.Value ?? "x", scopes));
        if (problems.Count > 0)
        {
            return new ApiKeyCreated(null, problems);
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var (_, secret) = await ApiKeySecrets.CreateAsync(db, name.Value!, scopes, clock.GetUtcNow(), cancellationToken);
        return new ApiKeyCreated(secret, []);
    }

    /// <summary>False when the key is not one of the county's live keys.</summary>
    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        await currentUser.RequireAsync(Operation.ManageApiKeys);
        await using var db = await contexts.CreateAsync(cancellationToken);
        return await ApiKeySecrets.RevokeAsync(db, id, clock.GetUtcNow(), cancellationToken);
    }
}

internal static class ApiKeyServices
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services) => services.AddScoped<ApiKeyCommands>();
}
