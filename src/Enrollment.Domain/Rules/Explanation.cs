using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Enrollment.Domain.Rules;

/// <summary>
/// The ordered reasons behind a quote, held inline (no array) so a quote allocates nothing. Render it with
/// <see cref="ExplanationText"/> against the policy that produced it.
/// </summary>
public struct Explanation
{
    /// <summary>More reasons than this are dropped; a quote produces at most six.</summary>
    public const int Capacity = 8;

    private ReasonBuffer _reasons;
    private byte _count;

    public readonly int Count => _count;

    public readonly Reason this[int index] =>
        (uint)index < _count ? _reasons[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The reasons as a span over this struct; valid while the struct is.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<Reason> AsSpan() =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in _reasons[0]), _count);

    public void Add(in Reason reason)
    {
        if (_count < Capacity)
        {
            _reasons[_count++] = reason;
        }
    }

    public void Clear() => _count = 0;

    [InlineArray(Capacity)]
    private struct ReasonBuffer
    {
        private Reason _element;
    }
}
