namespace EnterpriseHub.Core.Catalog;

/// <summary>How sharing classes and field types are spelled in the catalog file.</summary>
internal static class CatalogSpelling
{
    public const string SharingChoices = "unconditional, conditional, not_shared";
    public const string FieldTypeChoices = "string, integer, decimal, boolean, date, enum";

    public static string Of(SharingClass sharing) => sharing switch
    {
        SharingClass.Unconditional => "unconditional",
        SharingClass.Conditional => "conditional",
        SharingClass.NotShared => "not_shared",
        _ => throw new ArgumentOutOfRangeException(nameof(sharing), sharing, null),
    };

    public static string Of(FieldType type) => type switch
    {
        FieldType.String => "string",
        FieldType.Integer => "integer",
        FieldType.Decimal => "decimal",
        FieldType.Boolean => "boolean",
        FieldType.Date => "date",
        FieldType.Enum => "enum",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static SharingClass? Sharing(string text) => text switch
    {
        "unconditional" => SharingClass.Unconditional,
        "conditional" => SharingClass.Conditional,
        "not_shared" => SharingClass.NotShared,
        _ => null,
    };

    public static FieldType? Field(string text) => text switch
    {
        "string" => FieldType.String,
        "integer" => FieldType.Integer,
        "decimal" => FieldType.Decimal,
        "boolean" => FieldType.Boolean,
        "date" => FieldType.Date,
        "enum" => FieldType.Enum,
        _ => null,
    };
}
