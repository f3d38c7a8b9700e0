using System.Diagnostics;
using System.Reflection;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns.Rollover;
using Enrollment.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Enrollment.Adversarial;

/// <summary>
/// The handler half of the adversarial suite. Interactive pages act over the circuit, not over HTTP: they call the
/// feature services (queries, commands, editors) directly. Every public method of every one of them is called as
/// every demo role of every county, as nobody, and as a county administrator bound to one township, with ids of the
/// actor's own subtree, a sibling township, another county and none at all; each answers what
/// <see cref="HandlerExpectations"/> says, holds nothing the actor must not see, and a refused call writes nothing.
/// </summary>
public sealed class HandlerSweepTests(DemoApp app, ITestOutputHelper output) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Every_handler_answers_every_actor_as_the_permission_table_and_their_scope_say()
    {
        var clock = Stopwatch.StartNew();
        var world = await HandlerWorld.CreateAsync(app);
        using var watch = new WriteWatch(app.DatabaseName, app.Services.GetRequiredService<RolloverJobs>());
        var methods = HandlerSweep.Methods().Select(HandlerSweep.Key)
            .Where(k => HandlerExpectations.Table.TryGetValue(k, out var e) && !e.Exempt).ToList();

        var wrong = new List<string>();
        var allowed = methods.ToDictionary(k => k, _ => 0);
        var tried = 0;
        var refused = 0;
        // The look after the last refused call: still the state when nothing was allowed to write since.
        IReadOnlyList<string>? settled = null;
        foreach (var actor in world.Actors)
        {
            await using var session = await ActorSession.StartAsync(app, actor);
            var unseen = HandlerExpectations.Unseen(actor, world).ToHashSet(StringComparer.Ordinal);
            foreach (var key in methods)
            {
                foreach (var probe in HandlerExpectations.Table[key].Probes!(actor, world))
                {
                    tried++;
                    refused += probe.Allowed ? 0 : 1;
                    var where = $"{actor} {key} ({probe.Why})";
                    var before = probe.Allowed ? null : settled ?? await watch.LookAsync();
                    object? answer = null;
                    Exception? error = null;
                    try
                    {
                        answer = await probe.Call(session);
                    }
                    catch (Exception e)
                    {
                        error = e;
                    }

                    if (error is OperationRefusedException)
                    {
                        if (probe.Allowed)
                        {
                            wrong.Add($"{where}: refused ({error.Message}), but the permission table and the record's place allow it");
                        }
                    }
                    else if (error is not null)
                    {
                        wrong.Add($"{where}: threw {error.GetType().Name}: {error.Message}");
                    }
                    else if (probe.Allowed)
                    {
                        var problem = probe.Check is null ? Answers.IsRefusal(answer) ? "refused" : null : await probe.Check(answer);
                        if (problem is null)
                        {
                            allowed[key]++;
                        }
                        else
                        {
                            wrong.Add($"{where}: {problem}: {Short(answer)}");
                        }
                    }
                    else if (!Answers.IsRefusal(answer))
                    {
                        wrong.Add($"{where}: answered {Short(answer)}, but must be refused (not found)");
                    }

                    var leaked = Answers.SecretsIn(answer, unseen.Concat(probe.Secrets).Except(probe.Echoes, StringComparer.Ordinal));
                    if (leaked.Count > 0)
                    {
                        wrong.Add($"{where}: the answer holds what the actor must not see ({string.Join("、", leaked)}): {Short(answer)}");
                    }

                    if (probe.Allowed)
                    {
                        settled = null;
                    }
                    else
                    {
                        var after = await watch.LookAsync();
                        if (WriteWatch.Difference(before!, after) is { Length: > 0 } written)
                        {
                            wrong.Add($"{where}: was refused but wrote: {written}");
                        }
                        settled = after;
                    }
                }
            }
        }
        output.WriteLine($"{tried} calls ({refused} to be refused) of {methods.Count} methods as {world.Actors.Count} actors in {clock.Elapsed.TotalSeconds:F0} s");

        Assert.True(wrong.Count == 0, $"{wrong.Count} handler calls answered wrongly:\n" + string.Join("\n", wrong));
        // Each method served somebody: the sweep cannot pass by everything being refused.
        allowed.Where(m => m.Value == 0).Select(m => m.Key).ShouldBeEmpty("methods no actor was allowed to use successfully");
        tried.ShouldBeGreaterThan(2000);
    }

    private static string Short(object? answer)
    {
        var text = Answers.Describe(answer);
        return text.Length <= 400 ? text : text[..400] + "…";
    }
}

/// <summary>The feature services' methods the sweep must cover, read from the container the app builds.</summary>
public static class HandlerSweep
{
    /// <summary>
    /// Every public instance method declared by a service <c>AddEnrollmentFeatures</c> registers whose class lives in
    /// <c>Enrollment.Web.Features</c> — exactly what a component can inject and call. Read from the service
    /// collection rather than by scanning the assembly: the static helpers (pure rules, the handlers' internal steps)
    /// are not reachable from a page, while a newly registered service is found without anyone listing it. Property
    /// and event accessors are left out (their state is not a handler); inherited methods too (object's, a hosted
    /// service's start and stop).
    /// </summary>
    public static IReadOnlyList<MethodInfo> Methods() =>
        [.. new ServiceCollection().AddEnrollmentFeatures()
            .Select(d => d.ImplementationType ?? d.ServiceType)
            .Where(t => t.Namespace?.StartsWith("Enrollment.Web.Features", StringComparison.Ordinal) == true)
            .Distinct()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName)
            .OrderBy(m => m.DeclaringType!.Name, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)];

    public static string Key(MethodInfo method) => HandlerExpectations.Key(method.DeclaringType!, method.Name);
}

/// <summary>The sweep's table against the app: no method without an entry, no entry without a method. Needs no database.</summary>
public sealed class HandlerSweepCompletenessTests
{
    [Fact]
    public void Every_public_method_of_every_feature_service_has_an_entry_in_the_handler_sweep()
    {
        var methods = HandlerSweep.Methods();
        var keys = methods.Select(HandlerSweep.Key).ToList();

        keys.Where(k => !HandlerExpectations.Table.ContainsKey(k)).ShouldBeEmpty(
            "feature service methods without an entry in HandlerExpectations.Table: say who may call each, with which records, or why it needs no probe");
        HandlerExpectations.Table.Keys.Except(keys).ShouldBeEmpty("entries of HandlerExpectations.Table for methods that no longer exist");
        keys.GroupBy(k => k).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("overloads share an entry: give the table one per overload");
        HandlerExpectations.Table.Where(e => e.Value.Probes is null && string.IsNullOrWhiteSpace(e.Value.ExemptBecause)).Select(e => e.Key)
            .ShouldBeEmpty("entries with neither probes nor a reason");
        // The enumeration itself finds the services: a change that made it find nothing would pass the checks above.
        methods.Count.ShouldBeGreaterThan(40);
        keys.ShouldContain("TransferCommands.DecideAsync");
        keys.ShouldContain("PolicyEditor.SaveAsync");
    }
}
