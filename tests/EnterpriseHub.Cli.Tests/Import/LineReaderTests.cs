using System.Text;
using EnterpriseHub.Cli.Import;

namespace EnterpriseHub.Cli.Tests.Import;

public sealed class LineReaderTests
{
    [Fact]
    public void TryRead_BomCrLfAndNoFinalNewline_LinesAndOffsetsThatResumeExactly()
    {
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("first\r\n企业\nlast")]);
        var lines = new List<InputLine>();
        using (var reader = new LineReader(path, 0, 0))
        {
            while (reader.TryRead(out var line))
            {
                lines.Add(line);
            }
        }

        Assert.Equal(["first", "企业", "last"], lines.Select(l => l.Text));
        Assert.Equal([1L, 2, 3], lines.Select(l => l.Number));
        Assert.Equal(new FileInfo(path).Length, lines[^1].EndOffset);

        using var resumed = new LineReader(path, lines[0].EndOffset, 1);
        Assert.True(resumed.TryRead(out var second));
        Assert.Equal(new InputLine(2, "企业", lines[1].EndOffset), second);
        File.Delete(path);
    }

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("\"a,b\",\"say \"\"hi\"\"\",", new[] { "a,b", "say \"hi\"", "" })]
    [InlineData("\"two\nlines\",x", new[] { "two\nlines", "x" })]
    public void Split_Rfc4180Fields_Unquoted(string record, string[] expected)
    {
        Assert.Equal(expected, CsvFields.Split(record, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("a,\"open", "column 2: a quoted field is not closed")]
    [InlineData("a,b\"c", "column 2: a quote inside an unquoted field")]
    [InlineData("\"a\"b", "column 1: text after the closing quote")]
    public void Split_MalformedRecord_NamesTheColumn(string record, string expected)
    {
        Assert.Null(CsvFields.Split(record, out var problem));
        Assert.Equal(expected, problem);
    }
}
