"""The audit log verifier against RFC 6962 vectors, transparency-dev's cases, C2SP's examples and fresh keys."""

from __future__ import annotations

import base64
import hashlib
import json
import pathlib
import struct
import unittest
from typing import List, Sequence, Tuple

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from enterprisehub.audit_proof import (COSIGNATURE_V1, ED25519, ProofError, Verifier, leaf_hash, parse_checkpoint,
                                       parse_note, parse_proof_file, root_from_leaves, verify_checkpoint,
                                       verify_consistency, verify_inclusion, verify_note, verify_proof_file)

TESTDATA = pathlib.Path(__file__).resolve().parent / "testdata" / "merkle"

# RFC 6962's reference leaves and the roots of their first 1..8 (as transparency-dev's tests carry them).
LEAVES = [bytes.fromhex(h) for h in ["", "00", "10", "2021", "3031", "40414243", "5051525354555657",
                                     "606162636465666768696a6b6c6d6e6f"]]
ROOTS = ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
         "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
         "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
         "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
         "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
         "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
         "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
         "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"]


def _b(text: str) -> bytes:
    return base64.b64decode(text)


# ---- a tiny reference tree: RFC 9162 §2.1 definitions, recursive, for generating proofs --------------------

def _mth(hashes: Sequence[bytes]) -> bytes:
    if len(hashes) == 1:
        return hashes[0]
    k = 1 << ((len(hashes) - 1).bit_length() - 1)
    return hashlib.sha256(b"\x01" + _mth(hashes[:k]) + _mth(hashes[k:])).digest()


def _path(m: int, hashes: Sequence[bytes]) -> List[bytes]:
    if len(hashes) == 1:
        return []
    k = 1 << ((len(hashes) - 1).bit_length() - 1)
    if m < k:
        return _path(m, hashes[:k]) + [_mth(hashes[k:])]
    return _path(m - k, hashes[k:]) + [_mth(hashes[:k])]


def _subproof(m: int, hashes: Sequence[bytes], whole: bool) -> List[bytes]:
    n = len(hashes)
    if m == n:
        return [] if whole else [_mth(hashes)]
    k = 1 << ((n - 1).bit_length() - 1)
    if m <= k:
        return _subproof(m, hashes[:k], whole) + [_mth(hashes[k:])]
    return _subproof(m - k, hashes[k:], False) + [_mth(hashes[:k])]


def _tree(n: int) -> List[bytes]:
    return [leaf_hash(bytes([i, i ^ 0x5A])) for i in range(n)]


def _flips(proof: Sequence[bytes]):
    """Every proof with one bit of one hash flipped (the first and last bit of each byte is enough)."""
    for i, element in enumerate(proof):
        for byte in range(len(element)):
            for bit in (0x01, 0x80):
                flipped = bytearray(element)
                flipped[byte] ^= bit
                yield list(proof[:i]) + [bytes(flipped)] + list(proof[i + 1:])


class HashingTest(unittest.TestCase):
    def test_rfc6962_vectors(self) -> None:
        self.assertEqual(root_from_leaves([]).hex(),
                         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        self.assertEqual(leaf_hash(b"").hex(), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
        for n in range(1, 9):
            with self.subTest(n=n):
                self.assertEqual(root_from_leaves(LEAVES[:n]).hex(), ROOTS[n - 1])

    def test_root_from_leaves_matches_the_recursive_definition(self) -> None:
        for n in range(1, 65):
            leaves = [bytes([i]) for i in range(n)]
            self.assertEqual(root_from_leaves(leaves), _mth([leaf_hash(x) for x in leaves]))


class TransparencyDevCasesTest(unittest.TestCase):
    def _run(self, folder: str, verify) -> None:
        """Runs every case of a testdata folder: those with wantErr must be refused, the others accepted."""
        cases = sorted((TESTDATA / folder).rglob("*.json"))
        self.assertGreater(len(cases), 50)
        for path in cases:
            case = json.loads(path.read_text())
            with self.subTest(case=str(path.relative_to(TESTDATA))):
                proof = [_b(p) for p in case["proof"] or []]
                if case["wantErr"]:
                    self.assertRaises(ProofError, verify, case, proof)
                else:
                    verify(case, proof)

    def test_inclusion_cases(self) -> None:
        self._run("inclusion", lambda c, proof: verify_inclusion(c["leafIdx"], c["treeSize"], _b(c["leafHash"]),
                                                                 proof, _b(c["root"])))

    def test_consistency_cases(self) -> None:
        self._run("consistency", lambda c, proof: verify_consistency(c["size1"], c["size2"], proof, _b(c["root1"]),
                                                                     _b(c["root2"])))


class ExhaustiveProofsTest(unittest.TestCase):
    """Every proof of every tree up to 32 leaves verifies, and every tampered variant of it is refused."""

    def _refused(self, reason: str, call) -> None:
        with self.assertRaises(ProofError) as caught:
            call()
        self.assertIn(caught.exception.reason, (reason, ProofError.MALFORMED_PROOF))

    def test_inclusion_up_to_32(self) -> None:
        for n in range(1, 33):
            hashes = _tree(n)
            root = _mth(hashes)
            for m in range(n):
                proof = _path(m, hashes)
                verify_inclusion(m, n, hashes[m], proof, root)
                bad = ProofError.BAD_INCLUSION
                for tampered in _flips(proof):
                    self._refused(bad, lambda: verify_inclusion(m, n, hashes[m], tampered, root))
                self._refused(bad, lambda: verify_inclusion(m, n, hashes[m], proof + [root], root))
                if proof:
                    self._refused(bad, lambda: verify_inclusion(m, n, hashes[m], proof[:-1], root))
                    self._refused(bad, lambda: verify_inclusion(m, n, hashes[m], proof[1:], root))
                # A wrong size is refused against that size's root (with the same root the shape of some
                # trees does not change, which is why a checkpoint signs the size and the root together).
                for size in (n + 1, n * 2, n - 1):
                    if m < size:
                        other = _mth(_tree(size))
                        self._refused(bad, lambda: verify_inclusion(m, size, hashes[m], proof, other))
                if n > 1:
                    self._refused(bad, lambda: verify_inclusion(m ^ 1, n, hashes[m], proof, root))
                    self._refused(bad, lambda: verify_inclusion(m, n, hashes[(m + 1) % n], proof, root))
                self._refused(bad, lambda: verify_inclusion(m, n, hashes[m], proof, leaf_hash(root)))
                self._refused(bad, lambda: verify_inclusion(n, n, hashes[m], proof, root))

    def test_consistency_up_to_32(self) -> None:
        for n in range(1, 33):
            hashes = _tree(n)
            root2 = _mth(hashes)
            for m in range(1, n + 1):
                root1 = _mth(hashes[:m])
                proof = _subproof(m, hashes, True)
                verify_consistency(m, n, proof, root1, root2)
                bad = ProofError.BAD_CONSISTENCY
                for tampered in _flips(proof):
                    self._refused(bad, lambda: verify_consistency(m, n, tampered, root1, root2))
                self._refused(bad, lambda: verify_consistency(m, n, proof + [root1], root1, root2))
                if proof:
                    self._refused(bad, lambda: verify_consistency(m, n, proof[:-1], root1, root2))
                    self._refused(bad, lambda: verify_consistency(m, n, proof[1:], root1, root2))
                self._refused(bad, lambda: verify_consistency(m, n + 1, proof, root1, _mth(_tree(n + 1))))
                self._refused(bad, lambda: verify_consistency(m, n, proof, leaf_hash(root1), root2))
                self._refused(bad, lambda: verify_consistency(m, n, proof, root1, leaf_hash(root2)))
                if m < n:
                    self._refused(bad, lambda: verify_consistency(m + 1, n, proof, root1, root2))
                    self._refused(bad, lambda: verify_consistency(n, m, proof, root2, root1))
                if m > 1:
                    self._refused(bad, lambda: verify_consistency(m - 1, n, proof, root1, root2))

    def test_refusals_name_their_reason(self) -> None:
        root = _mth(_tree(4))
        with self.assertRaises(ProofError) as caught:
            verify_inclusion(0, 4, _tree(4)[0], [b"short"], root)
        self.assertEqual(caught.exception.reason, ProofError.MALFORMED_PROOF)
        with self.assertRaises(ProofError) as caught:
            verify_consistency(0, 4, [], root, root)
        self.assertEqual(caught.exception.reason, ProofError.BAD_CONSISTENCY)
        with self.assertRaises(ProofError) as caught:
            verify_consistency(2, 4, [], root, root)
        self.assertEqual(caught.exception.reason, ProofError.BAD_CONSISTENCY)


# ---- notes, checkpoints, cosignatures, proof files -------------------------------------------------------

C2SP_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
C2SP_NOTE = ("This is an example message.\n\n"
             "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHj"
             "G1Yu72IneyaQM=\n")


class Signer:
    """A fresh Ed25519 key that signs like a log (type 0x01) or cosigns like a witness (type 0x04)."""

    def __init__(self, name: str, sig_type: int) -> None:
        self.name, self.sig_type, self.key = name, sig_type, Ed25519PrivateKey.generate()
        public = self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.key_id = hashlib.sha256(name.encode() + b"\n" + bytes([sig_type]) + public).digest()[:4]
        self.vkey = f"{name}+{self.key_id.hex()}+{base64.b64encode(bytes([sig_type]) + public).decode()}"

    def line(self, text: str, timestamp: int = 1700000000) -> str:
        if self.sig_type == COSIGNATURE_V1:
            stamp = struct.pack(">Q", timestamp)
            signature = stamp + self.key.sign(f"cosignature/v1\ntime {timestamp}\n{text}".encode())
        else:
            signature = self.key.sign(text.encode())
        return f"\u2014 {self.name} {base64.b64encode(self.key_id + signature).decode()}\n"


def _checkpoint_text(origin: str, leaves: Sequence[bytes]) -> str:
    return f"{origin}\n{len(leaves)}\n{base64.b64encode(root_from_leaves(leaves)).decode()}\n"


class SignedNoteTest(unittest.TestCase):
    def test_c2sp_example_verifies_byte_for_byte(self) -> None:
        verifier = Verifier.from_vkey(C2SP_VKEY)
        self.assertEqual((verifier.name, verifier.key_id.hex(), verifier.sig_type), ("example.com/foo", "530d903a",
                                                                                      ED25519))
        note = verify_note(C2SP_NOTE.encode("utf-8"), [verifier])
        self.assertEqual(note.text, "This is an example message.\n")
        altered = C2SP_NOTE.replace("example message", "example messagE")
        self.assertEqual(self._reason(lambda: verify_note(altered, [verifier])), ProofError.BAD_SIGNATURE)
        short = "This is an example message.\n\n\u2014 example.com/foo " + base64.b64encode(
            base64.b64decode(C2SP_NOTE.split(" ")[-1])[:-1]).decode() + "\n"  # a signature one byte short
        self.assertEqual(self._reason(lambda: verify_note(short, [verifier])), ProofError.BAD_SIGNATURE)

    def _reason(self, call) -> str:
        with self.assertRaises(ProofError) as caught:
            call()
        return caught.exception.reason

    def test_unknown_keys_are_ignored_but_one_known_signature_is_needed(self) -> None:
        log, other = Signer("example.com/log", ED25519), Signer("example.com/other", ED25519)
        text = "hello\n"
        same_name = Signer("example.com/log", ED25519)  # same name, other key ID: not the known key
        note = text + "\n" + other.line(text) + same_name.line("forged\n") + log.line(text)
        verify_note(note, [Verifier.from_vkey(log.vkey)])
        self.assertEqual(self._reason(lambda: verify_note(text + "\n" + other.line(text),
                                                          [Verifier.from_vkey(log.vkey)])), ProofError.NOT_SIGNED)

    def test_malformed_notes_are_refused(self) -> None:
        log = Signer("example.com/log", ED25519)
        good = log.line("hello\n")
        sig = good.split(" ")[2].rstrip("\n")
        for note in ["hello\n" + good,                              # no blank line
                     "hello\n\n" + good.rstrip("\n"),               # no final newline
                     "hel\tlo\n\n" + good,                          # control character
                     "hello\n\n- example.com/log " + sig + "\n",    # hyphen, not em dash
                     "hello\n\n\u2014 example.com/log  " + sig + "\n",
                     "hello\n\n\u2014  " + sig + "\n",              # empty name
                     "hello\n\n\u2014 a+b " + sig + "\n",           # plus in name
                     "hello\n\n\u2014 example.com/log " + sig + "!\n",
                     "hello\n\n\u2014 example.com/log AAAA\n",      # shorter than a key ID
                     "hello\n\n" + good + "\n",                     # empty signature line
                     "hello\n\n" + good * 65]:                      # too many signatures
            with self.subTest(note=note[:40]):
                self.assertEqual(self._reason(lambda: parse_note(note)), ProofError.MALFORMED_NOTE)
        self.assertEqual(self._reason(lambda: parse_note(b"hello\n\n\xff\n")), ProofError.MALFORMED_NOTE)
        self.assertEqual(len(parse_note("hello\n\n" + good * 16).signatures), 16)

    def test_malformed_vkeys_are_refused(self) -> None:
        name, key_id, key = C2SP_VKEY.split("+")
        raw = base64.b64decode(key)
        for vkey in [f"{name}+{key_id}", f"{name}+{key_id}+{key}+x", f"+{key_id}+{key}", f"a b+{key_id}+{key}",
                     f"{name}+530D903A+{key}", f"{name}+530d90+{key}", f"{name}+530d903g+{key}",
                     f"{name}+{key_id}+{key}!", f"{name}+{key_id}+{base64.b64encode(raw[:-1]).decode()}",
                     f"{name}+{key_id}+{base64.b64encode(bytes([2]) + raw[1:]).decode()}",
                     f"{name}+530d903b+{key}", f"example.com/bar+{key_id}+{key}"]:
            with self.subTest(vkey=vkey):
                self.assertEqual(self._reason(lambda: Verifier.from_vkey(vkey)), ProofError.MALFORMED_VKEY)


class _SignedLog(unittest.TestCase):
    """A log key, three witness keys and the checkpoint of the reference tree; no tests of its own."""

    def setUp(self) -> None:
        self.log = Signer("hub.example/audit", ED25519)
        self.witnesses = [Signer(f"witness{i}.example", COSIGNATURE_V1) for i in range(3)]
        self.text = _checkpoint_text(self.log.name, LEAVES)

    def _note(self, signers: Sequence[Signer]) -> str:
        return self.text + "\n" + "".join(s.line(self.text) for s in signers)

    def _reason(self, call) -> str:
        with self.assertRaises(ProofError) as caught:
            call()
        return caught.exception.reason

    def _policy(self) -> Tuple[Verifier, List[Verifier]]:
        return Verifier.from_vkey(self.log.vkey), [Verifier.from_vkey(w.vkey) for w in self.witnesses]


class CheckpointTest(_SignedLog):

    def test_signed_and_cosigned_checkpoint_verifies(self) -> None:
        log, witnesses = self._policy()
        checkpoint = verify_checkpoint(self._note([self.log] + self.witnesses[:2]), log, witnesses, 2)
        self.assertEqual((checkpoint.origin, checkpoint.size, checkpoint.root.hex()), (self.log.name, 8, ROOTS[7]))
        self.assertEqual(checkpoint.witnesses, {"witness0.example", "witness1.example"})

    def test_too_few_witnesses_is_refused(self) -> None:
        log, witnesses = self._policy()
        note = self._note([self.log, self.witnesses[0], self.witnesses[0]])  # one witness twice counts once
        self.assertEqual(self._reason(lambda: verify_checkpoint(note, log, witnesses, 2)),
                         ProofError.TOO_FEW_WITNESSES)

    def test_a_bad_cosignature_is_refused(self) -> None:
        log, witnesses = self._policy()
        line = self.witnesses[0].line(self.text, timestamp=5)
        raw = bytearray(base64.b64decode(line.split(" ")[2]))
        raw[4:12] = struct.pack(">Q", 6)  # another time than the one signed
        forged = f"\u2014 {self.witnesses[0].name} {base64.b64encode(bytes(raw)).decode()}\n"
        note = self._note([self.log]) + forged
        self.assertEqual(self._reason(lambda: verify_checkpoint(note, log, witnesses, 1)), ProofError.BAD_SIGNATURE)
        short = f"\u2014 {self.witnesses[0].name} {base64.b64encode(bytes(raw[:-1])).decode()}\n"
        self.assertEqual(self._reason(lambda: verify_checkpoint(self._note([self.log]) + short, log, witnesses, 1)),
                         ProofError.BAD_SIGNATURE)
        huge = self.witnesses[0].line(self.text, timestamp=2 ** 63)
        self.assertEqual(self._reason(lambda: verify_checkpoint(self._note([self.log]) + huge, log, witnesses, 1)),
                         ProofError.BAD_SIGNATURE)

    def test_wrong_keys_and_origin_are_refused(self) -> None:
        log, witnesses = self._policy()
        self.assertEqual(self._reason(lambda: verify_checkpoint(self._note(self.witnesses), log, witnesses, 0)),
                         ProofError.NOT_SIGNED)
        self.assertEqual(self._reason(lambda: verify_checkpoint(self._note([self.log]), witnesses[0])),
                         ProofError.MALFORMED_VKEY)
        self.assertEqual(self._reason(lambda: verify_checkpoint(self._note([self.log]), log, [log], 0)),
                         ProofError.MALFORMED_VKEY)
        stranger = Signer("elsewhere.example", ED25519)
        text = _checkpoint_text("hub.example/other", LEAVES)
        note = text + "\n" + stranger.line(text)
        self.assertEqual(self._reason(lambda: verify_checkpoint(note, Verifier.from_vkey(stranger.vkey))),
                         ProofError.WRONG_ORIGIN)
        for origin in ("elsewhere.examples", "elsewhere.example/", "elsewhere"):
            text = _checkpoint_text(origin, LEAVES)
            note = text + "\n" + stranger.line(text)
            self.assertEqual(self._reason(lambda: verify_checkpoint(note, Verifier.from_vkey(stranger.vkey))),
                             ProofError.WRONG_ORIGIN, origin)
        text = _checkpoint_text("elsewhere.example/6f1c2a9e40b7d358", LEAVES)
        note = text + "\n" + stranger.line(text)
        self.assertEqual(verify_checkpoint(note, Verifier.from_vkey(stranger.vkey)).origin, "elsewhere.example/6f1c2a9e40b7d358")

    def test_checkpoint_body_parse_is_strict(self) -> None:
        root = base64.b64encode(bytes(32)).decode()
        parsed = parse_checkpoint(f"o\n0\n{root}\next one\n")
        self.assertEqual((parsed.origin, parsed.size, parsed.root, parsed.extensions), ("o", 0, bytes(32),
                                                                                        ("ext one",)))
        for text in [f"o\n1\n{root}", f"o\n1\n", f"\n1\n{root}\n", f"o\n01\n{root}\n", f"o\n-1\n{root}\n",
                     f"o\n1a\n{root}\n", f"o\n\u0661\n{root}\n", f"o\n1\n{root[:-2]}\n",
                     f"o\n1\n{base64.b64encode(bytes(31)).decode()}\n", f"o\n1\n{root}\n\next\n"]:
            with self.subTest(text=text):
                self.assertEqual(self._reason(lambda: parse_checkpoint(text)), ProofError.MALFORMED_CHECKPOINT)


class ProofFileTest(_SignedLog):
    def _file(self, index: int, leaf: bytes = None, proof: Sequence[bytes] = None, signers=None) -> str:
        hashes = [leaf_hash(x) for x in LEAVES]
        proof = _path(index, hashes) if proof is None else proof
        extra = f"extra {base64.b64encode(leaf).decode()}\n" if leaf is not None else ""
        lines = "".join(base64.b64encode(p).decode() + "\n" for p in proof)
        signers = [self.log] + self.witnesses if signers is None else signers
        return f"c2sp.org/tlog-proof@v1\n{extra}index {index}\n{lines}\n{self._note(signers)}"

    def test_every_leaf_verifies_from_the_file_or_given(self) -> None:
        log, witnesses = self._policy()
        for index, leaf in enumerate(LEAVES):
            checkpoint = verify_proof_file(self._file(index, leaf), None, log, witnesses, 3)
            self.assertEqual(checkpoint.size, 8)
            verify_proof_file(self._file(index).encode(), leaf, log, witnesses, 3)
        self.assertEqual(parse_proof_file(self._file(3, b"x")).extra, b"x")

    def test_wrong_leaf_index_or_path_is_refused(self) -> None:
        log, witnesses = self._policy()
        self.assertEqual(self._reason(lambda: verify_proof_file(self._file(2, LEAVES[3]), None, log, witnesses, 1)),
                         ProofError.BAD_INCLUSION)
        self.assertEqual(self._reason(lambda: verify_proof_file(self._file(2, LEAVES[2]), LEAVES[1], log)),
                         ProofError.BAD_INCLUSION)
        self.assertEqual(self._reason(lambda: verify_proof_file(self._file(8, LEAVES[2], proof=[]), None, log)),
                         ProofError.BAD_INCLUSION)
        self.assertEqual(self._reason(lambda: verify_proof_file(self._file(2), None, log)), ProofError.NO_LEAF)
        self.assertEqual(self._reason(lambda: verify_proof_file(self._file(2, LEAVES[2], signers=[self.log]),
                                                                None, log, witnesses, 1)),
                         ProofError.TOO_FEW_WITNESSES)
        self.assertEqual(self._reason(lambda: verify_proof_file(self._file(2, LEAVES[2], signers=self.witnesses),
                                                                None, log, witnesses, 1)),
                         ProofError.NOT_SIGNED)

    def test_malformed_files_are_refused(self) -> None:
        good = self._file(2, LEAVES[2])
        for text in [good.replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2"),
                     good.replace("index 2", "index 02"), good.replace("index 2", "index x"),
                     good.replace("index 2\n", ""), good.replace("extra ", "extra !"),
                     good.replace("\n\n", "\n", 1), "c2sp.org/tlog-proof@v1\nindex 2\n" + base64.b64encode(
                         bytes(32)).decode() + "=\n\n" + self._note([self.log])]:
            with self.subTest(text=text[:60]):
                self.assertEqual(self._reason(lambda: parse_proof_file(text)), ProofError.MALFORMED_PROOF_FILE)
        self.assertEqual(self._reason(lambda: parse_proof_file(b"\xff\n\n")), ProofError.MALFORMED_PROOF_FILE)


if __name__ == "__main__":
    unittest.main()
