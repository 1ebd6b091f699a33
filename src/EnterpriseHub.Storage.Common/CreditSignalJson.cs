using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EnterpriseHub.Core.Credit;

namespace EnterpriseHub.Storage.Common;

/// <summary>
/// A profile's signals as the <c>signals</c> column holds them: one JSON array, times as UTC ticks
/// and weights as JSON numbers, which System.Text.Json reads back into the very same decimal
/// (scale included).
/// </summary>
internal static class CreditSignalJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter<Severity>() },
        // Only the store reads this text; escaping every non-ASCII character would only make it larger.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(IReadOnlyList<CreditSignal> signals)
    {
        if (signals.Count == 0)
        {
            // Most enterprises have no signal; the serializer would write the same.
            return "[]";
        }

        var stored = new StoredSignal[signals.Count];
        for (var i = 0; i < stored.Length; i++)
        {
            var (signal, fact) = (signals[i], signals[i].Fact);
            stored[i] = new StoredSignal(
                signal.Rule, signal.Severity, signal.Weight, signal.Reason, fact.FactType, fact.Publisher, fact.SourceRecordId,
                fact.Sequence, fact.EffectiveTime.UtcTicks, fact.PublishTime.UtcTicks, signal.EndsAt?.UtcTicks);
        }

        return JsonSerializer.Serialize(stored, Options);
    }

    public static CreditSignal[] Read(string json)
    {
        var stored = JsonSerializer.Deserialize<StoredSignal[]>(json, Options)
            ?? throw new InvalidDataException("A stored credit profile has no signals.");
        var signals = new CreditSignal[stored.Length];
        for (var i = 0; i < signals.Length; i++)
        {
            var s = stored[i];
            signals[i] = new CreditSignal(
                s.Rule, s.Severity, s.Weight, s.Reason,
                new FactRef(s.FactType, s.Publisher, s.SourceRecordId, s.Sequence, Utc(s.EffectiveTicks), Utc(s.PublishTicks)),
                s.EndsTicks is { } ends ? Utc(ends) : null);
        }

        return signals;
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private sealed record StoredSignal(
        string Rule, Severity Severity, decimal Weight, string Reason, string FactType, string Publisher, string SourceRecordId,
        long Sequence, long EffectiveTicks, long PublishTicks, long? EndsTicks);
}
