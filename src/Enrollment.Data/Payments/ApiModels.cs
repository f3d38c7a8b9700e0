namespace Enrollment.Data.Payments;

/// <summary>The key a request was authenticated with (its tenant acts county-wide).</summary>
public sealed record ApiCaller(int TenantId, long KeyId, string KeyName, IReadOnlyList<string> Scopes, DateTimeOffset? LastUsedAt)
{
    public bool Has(string scope) => Scopes.Contains(scope);
}

/// <summary>An answer that is not a success: status, stable code, Chinese title and detail, and the extra fields some carry.</summary>
public sealed record ApiProblem(int Status, string Code, string Title, string Detail)
{
    public decimal? AmountDue { get; init; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public static ApiProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, "invalid_request", "请求格式不正确", "请求体或参数有误，见 errors。") { Errors = errors };

    public static ApiProblem Unauthorized() =>
        new(401, "unauthorized", "未授权", "缺少 API 密钥，或密钥无效、已吊销。请在 Authorization 头中以 Bearer 方式提供有效密钥。");

    public static ApiProblem Scope(string scope) =>
        new(403, "insufficient_scope", "权限不足", $"该 API 密钥没有 {scope} 权限。");

    public static ApiProblem NotFound() => new(404, "not_found", "未找到", "没有这条记录。");

    public static ApiProblem Conflict() =>
        new(409, "reference_conflict", "流水号冲突", "同一渠道、同一流水号、同一身份证号已有一笔内容不同的缴费。");

    public static ApiProblem Unprocessable(string code, string title, string detail) => new(422, code, title, detail);
}

/// <summary>A validated POST /api/v1/payments body.</summary>
public sealed record PaymentBody(string Campaign, string IdNumber, string Name, decimal Amount, DateOnly PaidOn, string Channel, string Reference);

/// <summary>The answer of a recorded payment (201) or of its repeat (200).</summary>
public sealed record PaymentAnswer(long PaymentId, string Status, decimal Payable, DateOnly CoverageStart, bool Late, bool Repeat);

/// <summary>GET …/dues/{id}: what a channel asks before it takes money.</summary>
public sealed record DuesAnswer(string IdNumber, string Name, string Status, decimal Payable, DateOnly CoverageStart, bool Late);

/// <summary>GET /api/v1/payments/{id}.</summary>
public sealed record PaymentView(
    long PaymentId, string Status, decimal Payable, DateOnly? CoverageStart, bool? Late, string Campaign, string IdNumber,
    decimal Amount, DateOnly PaidOn, string Channel, string? Reference, string State);

/// <summary>One row of GET …/progress (the county's total or a township).</summary>
public sealed record ProgressLine(string Name, int Order, int? Quota, int Paid, decimal? Rate, int PaidToday, decimal Amount);

public sealed record ProgressAnswer(string Campaign, DateTimeOffset AsOf, ProgressLine Total, IReadOnlyList<ProgressLine> Townships);

/// <summary>Either a value or a problem.</summary>
public readonly record struct ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public static implicit operator ApiResult<T>(T value) => new(value, null);

    public static implicit operator ApiResult<T>(ApiProblem problem) => new(default, problem);
}
