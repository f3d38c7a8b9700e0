using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;

namespace Enrollment.Web.Tests.Security;

/// <summary>What a handler's answer to one call means.</summary>
internal enum Verdict
{
    /// <summary>Saved: rows were (or may have been) written.</summary>
    Stored,
    /// <summary>Taken as valid by a handler that stores nothing (a trial quote).</summary>
    Accepted,
    /// <summary>Refused with messages for the person.</summary>
    Refused,
    /// <summary>Answered like a missing record (the page shows its 404).</summary>
    NotFound,
    /// <summary>A read: whatever it answered, it must not throw or write.</summary>
    Read,
}

internal sealed record Outcome(Verdict Verdict, IReadOnlyList<string> Messages)
{
    public static readonly Outcome Stored = new(Verdict.Stored, []);
    public static readonly Outcome Accepted = new(Verdict.Accepted, []);
    public static readonly Outcome NotFound = new(Verdict.NotFound, []);
    public static readonly Outcome Read = new(Verdict.Read, []);

    public static Outcome Refused(IEnumerable<string?> messages) => new(Verdict.Refused, [.. messages.Select(m => m ?? "")]);

    public static Outcome Refused(params string?[] messages) => Refused((IEnumerable<string?>)messages);
}

/// <summary>State a walk keeps between calls: cached records, and whether the last call wrote (so they need renewing).</summary>
internal sealed class WalkState
{
    public bool Dirty { get; set; } = true;

    public int Counter { get; set; }

    public Dictionary<string, object?> Cache { get; } = [];

    public int Next() => ++Counter;

    /// <summary>The record kept under <paramref name="key"/>, made anew when missing or after a call that wrote.</summary>
    public async Task<T> KeepAsync<T>(string key, Func<Task<T>> make)
    {
        if (Dirty || !Cache.TryGetValue(key, out var value))
        {
            value = await make();
            Cache[key] = value;
        }
        return (T)value!;
    }
}

/// <summary>
/// One handler method walked with the corpus: who calls it, the valid arguments each call starts from, and how its
/// answer reads. Every field of every argument is set to every corpus value of its type in turn.
/// </summary>
internal sealed record HandlerWalk
{
    public required Type Service { get; init; }

    public required string Method { get; init; }

    /// <summary>Two walks of one method (a new household, joining one) tell themselves apart by this.</summary>
    public string Variant { get; init; } = "";

    public required string Login { get; init; }

    /// <summary>The valid arguments (without the cancellation token), built for each call.</summary>
    public required Func<WalkState, Task<object?[]>> Arguments { get; init; }

    /// <summary>The answer's meaning for the field walked; a read by default.</summary>
    public Func<object?, string, Outcome> Judge { get; init; } = (_, _) => Outcome.Read;

    /// <summary>Garbage a field may take because it is ignored there (documented where declared).</summary>
    public Func<string, BadValue, bool> Accepts { get; init; } = (_, _) => false;

    /// <summary>Values the field's own rule refuses beyond the corpus's garbage (a name with digits, a date that does not read).</summary>
    public Func<string, BadValue, bool> MustRefuse { get; init; } = (_, _) => false;

    /// <summary>
    /// More ids for a field (by path): records of its kind in another county or outside the user's subtree, and records
    /// of the wrong kind. Per field, because ids of different tables may coincide.
    /// </summary>
    public Func<string, IReadOnlyList<BadValue>> Ids { get; init; } = _ => [];

    /// <summary>Whether the arguments' own call is made first and must be taken (false only where it cannot be made in a test).</summary>
    public bool ValidCall { get; init; } = true;

    public string Name => $"{Service.Name}.{Method}{(Variant.Length > 0 ? $" ({Variant})" : "")}";
}

/// <summary>A field of a handler's arguments: a parameter, a property of a form, an element of a list.</summary>
internal sealed class FieldPath(string name, Type type, bool nullable, Func<object?[], object?> get, Action<object?[], object?> set, bool isList)
{
    private static readonly NullabilityInfoContext Nullability = new();

    public string Name => name;

    public Type Type => type;

    public bool Nullable => nullable;

    public bool IsList => isList;

    public void Set(object?[] arguments, object? value) => set(arguments, value);

    /// <summary>Every field reachable from the arguments, as walked: scalars, lists (whole), the first element's fields.</summary>
    public static List<FieldPath> Of(ParameterInfo[] parameters, object?[] arguments)
    {
        var paths = new List<FieldPath>();
        for (var i = 0; i < parameters.Length; i++)
        {
            var index = i;
            var parameter = parameters[i];
            var nullable = Nullability.Create(parameter).WriteState == NullabilityState.Nullable;
            Walk(paths, parameter.Name!, parameter.ParameterType, nullable, a => a[index], (a, v) => a[index] = v, arguments);
        }
        return paths;
    }

    private static void Walk(
        List<FieldPath> paths, string name, Type type, bool nullable, Func<object?[], object?> get, Action<object?[], object?> set, object?[] sample)
    {
        if (IsScalar(type))
        {
            paths.Add(new FieldPath(name, type, nullable, get, set, isList: false));
            return;
        }
        if (typeof(Stream).IsAssignableFrom(type))
        {
            // A file's bytes are no field: the import's own tests feed it garbage, empty and oversized files.
            return;
        }
        if (ElementOf(type) is { } element)
        {
            paths.Add(new FieldPath(name, type, nullable, get, set, isList: true));
            if (IsScalar(element))
            {
                // A list of texts (notes): one value added at its end.
                paths.Add(new FieldPath(name + "[+]", element, false, _ => null, (a, v) => ((IList)get(a)!).Add(v), isList: false));
            }
            else if (get(sample) is IList { Count: > 0 })
            {
                Walk(paths, name + "[0]", element, false, a => ((IList)get(a)!)[0], (a, v) => ((IList)get(a)!)[0] = v, sample);
            }
            else
            {
                // Fields of an element the valid call does not have would go unwalked: the walk must give it one.
                throw new InvalidOperationException($"The valid call has no element in {name} whose fields could be walked.");
            }
            return;
        }
        if (type.Namespace?.StartsWith("Enrollment.", StringComparison.Ordinal) == true && type.IsClass)
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
            {
                var nullableProperty = Nullability.Create(property).WriteState == NullabilityState.Nullable;
                Walk(paths, $"{name}.{property.Name}", property.PropertyType, nullableProperty,
                    a => property.GetValue(get(a)), (a, v) => property.SetValue(get(a), v), sample);
            }
            return;
        }
        throw new InvalidOperationException($"The walk does not know how to fill {name} ({type}).");
    }

    private static bool IsScalar(Type type)
    {
        var core = System.Nullable.GetUnderlyingType(type) ?? type;
        return core.IsPrimitive || core.IsEnum || core == typeof(string) || core == typeof(DateOnly) || core == typeof(decimal) || core == typeof(Guid);
    }

    private static Type? ElementOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(IEnumerable<>))
            ? type.GetGenericArguments()[0]
            : null;

    /// <summary>The whole-list values: empty, and ten thousand copies of the first element (or of a text).</summary>
    public IReadOnlyList<BadValue> ListValues(object?[] arguments)
    {
        var element = ElementOf(Type)!;
        var listType = typeof(List<>).MakeGenericType(element);
        var empty = (IList)Activator.CreateInstance(listType)!;
        var huge = (IList)Activator.CreateInstance(listType)!;
        var item = get(arguments) is IList { Count: > 0 } current ? current[0] : element == typeof(string) ? "x" : Activator.CreateInstance(element);
        for (var i = 0; i < 10_000; i++)
        {
            huge.Add(item);
        }
        return [new BadValue("empty list", empty, false), new BadValue("10,000 items", huge, false)];
    }
}

/// <summary>
/// Runs walks: for every field and every corpus value, a fresh valid call with that one field changed, as the walk's
/// user; what the handler answered, whether anything was written, and whether what was written is clean.
/// </summary>
internal sealed class FormWalker(DemoApp app)
{
    private static readonly Type[] RefusalTypes = [typeof(OperationRefusedException)];

    public List<string> Failures { get; } = [];

    public int Calls { get; private set; }

    public async Task RunAsync(HandlerWalk walk)
    {
        var method = walk.Service.GetMethod(walk.Method, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"No method {walk.Name}.");
        var parameters = method.GetParameters().Where(p => p.ParameterType != typeof(CancellationToken)).ToArray();
        var state = new WalkState();
        await using var session = await app.SessionAsync(walk.Login);
        var service = session.Services.GetService(walk.Service) ?? throw new InvalidOperationException($"{walk.Service} is not registered.");

        var sample = await walk.Arguments(state);
        state.Dirty = false;
        // The call every other starts from must itself be valid, or every refusal below proves nothing.
        if (walk.ValidCall && await CallAsync(walk, method, service, parameters, sample, "(no field changed)", new BadValue("valid", null, false), state)
            is { Verdict: Verdict.Refused or Verdict.NotFound } refused)
        {
            Failures.Add($"{walk.Name}: the valid call was answered {refused.Verdict}: {string.Join("；", refused.Messages)}");
            return;
        }
        sample = await walk.Arguments(state);
        state.Dirty = false;
        foreach (var path in FieldPath.Of(parameters, sample))
        {
            IReadOnlyList<BadValue> values = path.IsList
                ? path.ListValues(sample)
                : [.. BadInputCorpus.For(path.Type, path.Nullable), .. IdsFor(path, walk)];
            foreach (var value in values)
            {
                var arguments = await walk.Arguments(state);
                state.Dirty = false;
                path.Set(arguments, value.Value is IList list && path.IsList ? Copy(list) : value.Value);
                await CallAsync(walk, method, service, parameters, arguments, path.Name, value, state);
            }
        }
    }

    private static IList Copy(IList list)
    {
        var copy = (IList)Activator.CreateInstance(list.GetType())!;
        foreach (var item in list)
        {
            copy.Add(item);
        }
        return copy;
    }

    private static IEnumerable<BadValue> IdsFor(FieldPath path, HandlerWalk walk)
    {
        var core = Nullable.GetUnderlyingType(path.Type) ?? path.Type;
        return core == typeof(long) ? walk.Ids(path.Name) : [];
    }

    private async Task<Outcome?> CallAsync(
        HandlerWalk walk, MethodInfo method, object service, ParameterInfo[] parameters, object?[] arguments, string field, BadValue value, WalkState state)
    {
        Calls++;
        var where = $"{walk.Name} {field} = {value.Label}";
        var before = await SequencesAsync();
        object? result;
        try
        {
            var task = (Task)method.Invoke(service, [.. arguments, .. method.GetParameters().Length > parameters.Length ? [CancellationToken.None] : Array.Empty<object?>()])!;
            await task;
            result = task.GetType().GetProperty("Result")?.GetValue(task);
        }
        catch (Exception e)
        {
            var error = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            if (!RefusalTypes.Contains(error.GetType()))
            {
                Failures.Add($"{where}: threw {error.GetType().Name}: {First(error.Message)}");
            }
            state.Dirty = true;
            return null;
        }

        Outcome outcome;
        try
        {
            outcome = walk.Judge(result, field);
        }
        catch (Exception e)
        {
            Failures.Add($"{where}: unexpected answer ({e.Message})");
            state.Dirty = true;
            return null;
        }
        var after = await SequencesAsync();
        var written = after.All != before.All ? await WrittenAsync(before) : [];
        if (outcome.Verdict == Verdict.Stored || written.Count > 0)
        {
            state.Dirty = true;
        }

        switch (outcome.Verdict)
        {
            case Verdict.Refused:
                if (outcome.Messages.Count == 0)
                {
                    Failures.Add($"{where}: refused without a message");
                }
                foreach (var message in outcome.Messages.Where(m => !BadInputCorpus.IsChinese(m)))
                {
                    Failures.Add($"{where}: refused with a message that is not Chinese: {First(message)}");
                }
                break;
            case Verdict.Stored:
                foreach (var text in written)
                {
                    Check(where, text);
                }
                break;
            case Verdict.Accepted or Verdict.NotFound or Verdict.Read:
                break;
        }
        if (outcome.Verdict != Verdict.Stored && written.Count > 0)
        {
            Failures.Add($"{where}: answered {outcome.Verdict} but wrote {written.Count} audited row(s)");
        }
        if (outcome.Verdict is Verdict.Stored or Verdict.Accepted && !walk.Accepts(field, value))
        {
            if (value.Garbage)
            {
                Failures.Add($"{where}: garbage taken as valid ({outcome.Verdict})");
            }
            else if (walk.MustRefuse(field, value))
            {
                Failures.Add($"{where}: the field's rule refuses it, but it was taken as valid ({outcome.Verdict})");
            }
        }
        return outcome;
    }

    /// <summary>Every string of a written row must be one a person could have typed, and of a sane length.</summary>
    private void Check(string where, string json)
    {
        using var document = JsonDocument.Parse(json);
        Visit(document.RootElement);

        void Visit(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Visit(property.Value);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item);
                    }
                    break;
                case JsonValueKind.String:
                    var text = element.GetString()!;
                    if (text.Length > 1 && text[0] is '{' or '[' && TryParse(text) is { } nested)
                    {
                        using (nested)
                        {
                            Visit(nested.RootElement);
                        }
                        break;
                    }
                    if (BadInputCorpus.Unclean(text) is { } why)
                    {
                        Failures.Add($"{where}: stored text holding {why}: {First(text)}");
                    }
                    else if (text.Length > 2_000)
                    {
                        Failures.Add($"{where}: stored a text of {text.Length} characters");
                    }
                    break;
                case JsonValueKind.Undefined or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null:
                    break;
            }
        }
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Sequences(long All, long Audit, long SystemAudit);

    private async Task<Sequences> SequencesAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestPostgres.ConnectionStringFor(app.DatabaseName));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT coalesce(sum(last_value), 0)::bigint,
                   coalesce(max(last_value) FILTER (WHERE sequencename = 'audit_log_id_seq'), 0)::bigint,
                   coalesce(max(last_value) FILTER (WHERE sequencename = 'system_audit_log_id_seq'), 0)::bigint
            FROM pg_sequences WHERE schemaname = 'public'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Sequences(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>
    /// The rows written since <paramref name="before"/>, as their audit entries record them (every write is audited). A
    /// registration check's own audit row (action lookup) is written whatever the call answers: not a stored input.
    /// </summary>
    private async Task<List<string>> WrittenAsync(Sequences before)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestPostgres.ConnectionStringFor(app.DatabaseName));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            SELECT coalesce(after, before, '{}')::text FROM audit_log WHERE id > $1 AND action <> 'lookup'
            UNION ALL SELECT coalesce(after, before, '{}')::text FROM system_audit_log WHERE id > $2
            """, connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = before.Audit });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = before.SystemAudit });
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    private static string First(string text)
    {
        var cut = text.Length > 160 ? text[..160] + "…" : text;
        var builder = new StringBuilder(cut.Length);
        foreach (var c in cut)
        {
            builder.Append(char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format || char.IsSurrogate(c)
                ? $"\\u{(int)c:X4}" : c.ToString());
        }
        return builder.ToString();
    }
}
