using Enrollment.Data.Imports;

namespace Enrollment.Web.Features.Imports;

/// <summary>
/// A checked file waiting for its commit: whose it is, what the check found (the import's own preview type: a
/// residents handler finds only residents checks, a payments handler only payments checks), and whether it was stored.
/// </summary>
public sealed class ImportSession(Guid id, long userId, int tenantId, string fileName, DateTimeOffset createdAt, IImportPreview preview)
{
    public Guid Id { get; } = id;
    public long UserId { get; } = userId;
    public int TenantId { get; } = tenantId;
    public string FileName { get; } = fileName;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public IImportPreview Preview { get; } = preview;

    /// <summary>The commit's outcome (the import's own type) once stored or refused; a session is committed at most once.</summary>
    public object? Outcome { get; set; }

    /// <summary>Held while a commit runs, so a double click does not store twice.</summary>
    public SemaphoreSlim CommitLock { get; } = new(1, 1);

    /// <summary>Runs <paramref name="commit"/> once: a second call (a double click) waits for the first and answers its outcome.</summary>
    public async Task<T> CommitOnceAsync<T>(Func<Task<T>> commit, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(commit);
        await CommitLock.WaitAsync(cancellationToken);
        try
        {
            if (Outcome is T done)
            {
                return done;
            }
            var outcome = await commit();
            Outcome = outcome;
            return outcome;
        }
        finally
        {
            CommitLock.Release();
        }
    }

    public int Weight => Math.Max(1, Preview.Results.Count);
}

/// <summary>
/// The checked files between preview and commit, kept in memory so the file is read once: keyed by a random id and
/// bound to the user who uploaded it (another user's id is "not found"), expiring after <see cref="Lifetime"/>, and
/// bounded in rows held across all users (the oldest sessions go first). A restart forgets them: the user uploads again.
/// </summary>
public sealed class ImportSessions(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>Rows held across all sessions: a few 100,000-row files, a few hundred MB at most.</summary>
    public const int MaxRows = 400_000;

    /// <summary>Sessions one user keeps: an upload beyond it drops their oldest.</summary>
    public const int PerUser = 3;

    private readonly Dictionary<Guid, ImportSession> _sessions = [];
    private readonly Lock _lock = new();

    public ImportSession Add(long userId, int tenantId, string fileName, IImportPreview preview)
    {
        var session = new ImportSession(Guid.NewGuid(), userId, tenantId, fileName, clock.GetUtcNow(), preview);
        lock (_lock)
        {
            Expire();
            foreach (var old in _sessions.Values.Where(s => s.UserId == userId).OrderByDescending(s => s.CreatedAt).Skip(PerUser - 1).ToList())
            {
                _sessions.Remove(old.Id);
            }
            var held = _sessions.Values.Sum(s => s.Weight);
            foreach (var old in _sessions.Values.OrderBy(s => s.CreatedAt).ToList())
            {
                if (held + session.Weight <= MaxRows)
                {
                    break;
                }
                _sessions.Remove(old.Id);
                held -= old.Weight;
            }
            _sessions[session.Id] = session;
        }
        return session;
    }

    /// <summary>The user's own live session, or null (unknown, expired, or another user's).</summary>
    public ImportSession? Find(Guid id, long userId, int? tenantId)
    {
        lock (_lock)
        {
            Expire();
            return _sessions.TryGetValue(id, out var session) && session.UserId == userId && session.TenantId == tenantId ? session : null;
        }
    }

    private void Expire()
    {
        var cutoff = clock.GetUtcNow() - Lifetime;
        foreach (var old in _sessions.Values.Where(s => s.CreatedAt < cutoff).ToList())
        {
            _sessions.Remove(old.Id);
        }
    }
}
