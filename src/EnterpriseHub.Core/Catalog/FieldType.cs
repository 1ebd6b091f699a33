namespace EnterpriseHub.Core.Catalog;

/// <summary>The JSON shape an attribute must have; spelled in lower case in the catalog file.</summary>
public enum FieldType
{
    /// <summary>A JSON string.</summary>
    String,

    /// <summary>A JSON number without a fractional part, within the range of a 64-bit integer.</summary>
    Integer,

    /// <summary>Any JSON number.</summary>
    Decimal,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A string <c>YYYY-MM-DD</c> naming a real calendar day.</summary>
    Date,

    /// <summary>A string among the field's listed values.</summary>
    Enum,
}
