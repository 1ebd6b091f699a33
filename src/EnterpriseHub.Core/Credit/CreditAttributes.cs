using System.Text.Json;
using EnterpriseHub.Core.Facts;

namespace EnterpriseHub.Core.Credit;

/// <summary>Each fact's attributes parsed once per evaluation, however many rules read them.</summary>
internal sealed class CreditAttributes : IDisposable
{
    private readonly Dictionary<Fact, JsonDocument?> parsed = new(ReferenceEqualityComparer.Instance);

    /// <summary>The attributes object; an undefined element, where every field is missing, when the stored text is not JSON.</summary>
    public JsonElement Of(Fact fact)
    {
        if (!parsed.TryGetValue(fact, out var document))
        {
            try
            {
                document = JsonDocument.Parse(fact.AttributesJson);
            }
            catch (JsonException)
            {
                document = null;
            }

            parsed[fact] = document;
        }

        return document?.RootElement ?? default;
    }

    public void Dispose()
    {
        foreach (var document in parsed.Values)
        {
            document?.Dispose();
        }
    }
}
