using System.Net;
using Enrollment.Testing.Web;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Enrollment.Adversarial;

/// <summary>
/// Every page and endpoint of the app, from its own endpoint data source, requested as every demo role of every county
/// (and as nobody, and as a county administrator bound to a township) with ids of the actor's own subtree, a sibling
/// township, another county and none at all: each answers what <see cref="Expectations"/> says and nothing else.
/// </summary>
public sealed class EndpointSweepTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Every_route_answers_every_actor_as_the_permission_table_and_their_scope_say()
    {
        var targets = await Targets.LoadAsync(app);
        var actors = await Actors.LoadAsync(app);
        actors.Add(await Actors.AddSubtreeAdminAsync(app));
        var routes = Routes();
        var unknown = routes.Where(r => !Expectations.Open.Contains(r) && Expectations.For(r, actors[0], targets) is null).ToList();

        var wrong = new List<string>();
        var tried = 0;
        foreach (var actor in actors)
        {
            var client = await ClientAsync(actor);
            foreach (var probe in routes.Except(unknown).Where(r => !Expectations.Open.Contains(r)).SelectMany(r => Expectations.For(r, actor, targets)!))
            {
                var response = await client.GetAsync(probe.Url);
                tried++;
                if (response.StatusCode != probe.Expected
                    || (probe.Expected == HttpStatusCode.Redirect && response.Headers.Location?.ToString().Contains("/account/sign-in", StringComparison.Ordinal) != true))
                {
                    wrong.Add($"{actor} GET {probe.Url} ({probe.Why}): {(int)response.StatusCode}, expected {(int)probe.Expected}");
                }
            }
        }

        wrong.ShouldBeEmpty();
        unknown.ShouldBeEmpty("routes without expectations: add them to Expectations.For");
        tried.ShouldBeGreaterThan(300);
    }

    /// <summary>The app's routes: its pages and endpoints, without the framework's own (files, the circuit's hub).</summary>
    private List<string> Routes() =>
        [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(r => !r.StartsWith("/_blazor", StringComparison.Ordinal) && r != "/_framework/opaque-redirect" && r != "/{**path:file}")
            .Distinct()
            .Order()];

    private async Task<HttpClient> ClientAsync(Actor actor)
    {
        var client = app.NewClient();
        if (actor.SignedIn)
        {
            (await DemoApp.SignInAsync(client, actor.Login)).StatusCode.ShouldBe(HttpStatusCode.Redirect, actor.Login);
        }
        return client;
    }
}
