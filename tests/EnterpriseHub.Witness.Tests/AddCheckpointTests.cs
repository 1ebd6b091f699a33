using System.Net;
using System.Text;
using EnterpriseHub.Core.Audit.Merkle;
using EnterpriseHub.Transparency;
using EnterpriseHub.Transparency.Notes;

namespace EnterpriseHub.Witness.Tests;

public sealed class AddCheckpointTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("witness-").FullName;
    private readonly Ed25519NoteSigner _log = new("hub.example/audit", Ed25519Key.Generate());
    private readonly CosignatureSigner _witnessKey = new("witness.example/w1", Ed25519Key.Generate(), TimeProvider.System);
    private readonly List<byte[]> _leaves = [.. Enumerable.Range(0, 20).Select(i => MerkleHash.Leaf(Encoding.UTF8.GetBytes($"record {i}")))];
    private readonly MerkleProofs _tree;
    private WitnessServer _server = null!;

    public AddCheckpointTests() => _tree = new MerkleProofs((level, index) => Perfect(level, index));

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_directory, "witness.key"), _witnessKey.ToKeyText() + "\n");
        _server = await WitnessServer.StartAsync(_directory, _log.VerifierKey);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AddCheckpoint_GrowingLog_CosignedEachTime()
    {
        foreach (var (old, size) in new[] { (0L, 3L), (3L, 8L), (8L, 8L), (8L, 20L) })
        {
            var response = await Post(old, old == 0 ? [] : _tree.Consistency(old, size), Signed(size));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = await response.Content.ReadAsStringAsync();
            // The reply's lines appended to the checkpoint make a note the witness's vkey verifies.
            var note = Signed(size).Format() + lines;
            var policy = new WitnessPolicy([CosignatureVerifier.FromVerifierKey(_witnessKey.VerifierKey)], 1);
            Assert.Equal(size, Checkpoint.Open(note, Ed25519NoteVerifier.FromVerifierKey(_log.VerifierKey), policy).Checkpoint.Size);
        }
    }

    [Fact]
    public async Task AddCheckpoint_ForkAtTheSameSize_Refused()
    {
        Assert.Equal(HttpStatusCode.OK, (await Post(0, [], Signed(5))).StatusCode);
        var fork = new Checkpoint(_log.Name, 5, MerkleHash.Leaf("other"u8)).Sign(_log);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post(5, [], fork)).StatusCode);
    }

    [Fact]
    public async Task AddCheckpoint_InconsistentProof_RefusedAndStateKept()
    {
        Assert.Equal(HttpStatusCode.OK, (await Post(0, [], Signed(4))).StatusCode);
        var proof = _tree.Consistency(4, 9).Select(h => (byte[])h.Clone()).ToList();
        proof[0][0] ^= 1;
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post(4, proof, Signed(9))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(4, _tree.Consistency(4, 9), Signed(9))).StatusCode);
    }

    [Fact]
    public async Task AddCheckpoint_WrongOldSize_ConflictWithTheLastSize()
    {
        Assert.Equal(HttpStatusCode.OK, (await Post(0, [], Signed(6))).StatusCode);
        var response = await Post(3, _tree.Consistency(3, 10), Signed(10));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("text/x.tlog.size", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("6\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AddCheckpoint_Restart_KeepsTheLastSize()
    {
        Assert.Equal(HttpStatusCode.OK, (await Post(0, [], Signed(7))).StatusCode);
        await _server.DisposeAsync();
        _server = await WitnessServer.StartAsync(_directory, _log.VerifierKey);
        var stale = await Post(0, [], Signed(9));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("7\n", await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Post(7, _tree.Consistency(7, 9), Signed(9))).StatusCode);
    }

    [Fact]
    public async Task AddCheckpoint_UnknownOrigin_NotFound()
    {
        var stranger = new Ed25519NoteSigner("other.example/log", Ed25519Key.Generate());
        var note = new Checkpoint(stranger.Name, 3, _tree.Root(3)).Sign(stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(0, [], note)).StatusCode);
    }

    [Fact]
    public async Task AddCheckpoint_NotSignedByTheLogKey_Forbidden()
    {
        var impostor = new Ed25519NoteSigner(_log.Name, Ed25519Key.Generate());
        var note = new Checkpoint(_log.Name, 3, _tree.Root(3)).Sign(impostor);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(0, [], note)).StatusCode);
    }

    [Fact]
    public async Task AddCheckpoint_BadRequests_Refused()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(5, [], Signed(3))).StatusCode); // old above new
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post(0, _tree.Consistency(2, 3), Signed(3))).StatusCode); // proof from 0
        var emptyButRoot = new Checkpoint(_log.Name, 0, _tree.Root(1)).Sign(_log);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post(0, [], emptyButRoot)).StatusCode);
        var note = Signed(3).Format();
        var tooLong = string.Concat(Enumerable.Repeat(Convert.ToBase64String(_leaves[0]) + "\n", 64));
        foreach (var (body, message) in new[]
        {
            ("old 0\n", "the request has no blank line before the checkpoint"),
            ("old 01\n\n" + note, "the old size is not a decimal number without leading zeroes"),
            ("new 0\n\n" + note, "the request does not start with an old size line"),
            ("old 0\nAA==\n\n" + note, "a consistency proof hash is not 32 bytes"),
            ("old 0\n" + tooLong + "\n" + note, "the request has more than 63 proof lines"),
            ("old 0\n\nnot a note\n", "the note has no blank line before its signatures"),
        })
        {
            var response = await _server.Client.PostAsync("/add-checkpoint", new StringContent(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(message + "\n", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AddCheckpoint_BodyNotUtf8OrTooLarge_Refused()
    {
        foreach (var body in new[] { new byte[] { 0x6f, 0xff, 0x0a }, new byte[Note.MaxSize + 10 * 1024] })
        {
            var response = await _server.Client.PostAsync("/add-checkpoint", new ByteArrayContent(body));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("the body is too large or not UTF-8\n", await response.Content.ReadAsStringAsync());
        }
    }

    private Note Signed(long size) => new Checkpoint(_log.Name, size, _tree.Root(size)).Sign(_log);

    private Task<HttpResponseMessage> Post(long old, IReadOnlyList<byte[]> proof, Note checkpoint)
    {
        var body = $"old {old}\n" + string.Concat(proof.Select(h => Convert.ToBase64String(h) + "\n")) + "\n" + checkpoint.Format();
        return _server.Client.PostAsync("/add-checkpoint", new StringContent(body, Encoding.UTF8, "text/plain"));
    }

    private byte[] Perfect(int level, long index) =>
        level == 0 ? _leaves[(int)index] : MerkleHash.Node(Perfect(level - 1, 2 * index), Perfect(level - 1, 2 * index + 1));
}
