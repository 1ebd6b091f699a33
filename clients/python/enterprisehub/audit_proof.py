"""Offline verification of the hub's audit log: Merkle proofs, signed checkpoints, witnesses, proof files.

Written from the specifications, independently of the hub's own code, so that a record's proof can be
checked without trusting the hub:

* RFC 9162 §2.1: the Merkle tree hashes, inclusion proofs (§2.1.3.2) and consistency proofs (§2.1.4.2);
* c2sp.org/signed-note: verifier keys (vkeys) and Ed25519 note signatures;
* c2sp.org/tlog-checkpoint: the checkpoint body (origin, tree size, root hash, extension lines);
* c2sp.org/tlog-cosignature: witnesses' timestamped Ed25519 cosignatures and a k-of-n policy;
* c2sp.org/tlog-proof: the proof file that binds a leaf to a signed, witnessed checkpoint.

Every failure raises :class:`ProofError`, whose ``reason`` names what was wrong.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple, Union

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

__all__ = ["ProofError", "leaf_hash", "node_hash", "root_from_leaves", "verify_inclusion",
           "verify_consistency", "Verifier", "Note", "parse_note", "verify_note", "Checkpoint",
           "parse_checkpoint", "verify_cosignatures", "verify_checkpoint", "ProofFile", "parse_proof_file",
           "verify_proof_file", "ED25519", "COSIGNATURE_V1"]

ED25519 = 0x01
"""Signature type of a log's Ed25519 note signature (c2sp.org/signed-note)."""
COSIGNATURE_V1 = 0x04
"""Signature type of a witness's timestamped Ed25519 cosignature (c2sp.org/tlog-cosignature)."""

_HASH_SIZE = 32
_EM_DASH = "\u2014"
_PROOF_HEADER = "c2sp.org/tlog-proof@v1"
# The signed-note spec asks verifiers to cap the signatures of a note and to accept at least 16.
_MAX_SIGNATURES = 64
_MAX_TIMESTAMP = 2 ** 63 - 1


class ProofError(Exception):
    """A proof, key, note, checkpoint or proof file was refused.

    ``reason`` is one of the upper-case codes below (stable, for programs); the message says more (for people).
    """

    MALFORMED_PROOF = "MALFORMED_PROOF"
    BAD_INCLUSION = "BAD_INCLUSION"
    BAD_CONSISTENCY = "BAD_CONSISTENCY"
    MALFORMED_VKEY = "MALFORMED_VKEY"
    MALFORMED_NOTE = "MALFORMED_NOTE"
    BAD_SIGNATURE = "BAD_SIGNATURE"
    NOT_SIGNED = "NOT_SIGNED"
    MALFORMED_CHECKPOINT = "MALFORMED_CHECKPOINT"
    WRONG_ORIGIN = "WRONG_ORIGIN"
    TOO_FEW_WITNESSES = "TOO_FEW_WITNESSES"
    MALFORMED_PROOF_FILE = "MALFORMED_PROOF_FILE"
    NO_LEAF = "NO_LEAF"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason = reason


# ---- RFC 9162 §2.1: the tree ------------------------------------------------------------------------------

def leaf_hash(leaf: bytes) -> bytes:
    """SHA-256(0x00 ‖ leaf): the hash of one leaf."""
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 ‖ left ‖ right): the hash of an inner node."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_from_leaves(leaves: Sequence[bytes]) -> bytes:
    """The root hash of the tree over ``leaves`` (the raw leaves, not their hashes); SHA-256("") when empty."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    level = [leaf_hash(leaf) for leaf in leaves]
    # Pairing left to right and carrying an odd last node up unchanged builds the same tree as RFC 9162's
    # split at the largest power of two below n.
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def _check_hashes(proof: Sequence[bytes]) -> None:
    for element in proof:
        if len(element) != _HASH_SIZE:
            raise ProofError(ProofError.MALFORMED_PROOF, f"a hash has {len(element)} bytes, not 32")


def verify_inclusion(index: int, tree_size: int, leaf_digest: bytes, proof: Sequence[bytes], root: bytes) -> None:
    """Checks that the leaf with hash ``leaf_digest`` is at ``index`` in the tree of ``tree_size`` with ``root``.

    RFC 9162 §2.1.3.2. Raises :class:`ProofError` (``BAD_INCLUSION`` or ``MALFORMED_PROOF``) when it is not.
    """
    if index < 0 or index >= tree_size:
        raise ProofError(ProofError.BAD_INCLUSION, f"index {index} is outside a tree of {tree_size}")
    _check_hashes([leaf_digest, root, *proof])
    fn, sn, r = index, tree_size - 1, leaf_digest
    for p in proof:
        if sn == 0:
            raise ProofError(ProofError.BAD_INCLUSION, "the proof is longer than the path to the root")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            # A right edge node: climb past the levels where it has no sibling.
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError(ProofError.BAD_INCLUSION, "the proof is shorter than the path to the root")
    if not hmac.compare_digest(r, root):
        raise ProofError(ProofError.BAD_INCLUSION, "the proof does not lead to the root")


def verify_consistency(size1: int, size2: int, proof: Sequence[bytes], root1: bytes, root2: bytes) -> None:
    """Checks that the tree of ``size2`` with ``root2`` extends the tree of ``size1`` with ``root1``.

    RFC 9162 §2.1.4.2. A proof from the empty tree is refused: it would prove nothing. Raises
    :class:`ProofError` (``BAD_CONSISTENCY`` or ``MALFORMED_PROOF``) when the proof does not hold.
    """
    if size1 <= 0 or size2 < size1:
        raise ProofError(ProofError.BAD_CONSISTENCY, f"no consistency proof goes from size {size1} to {size2}")
    if size1 == size2:
        if proof:
            raise ProofError(ProofError.BAD_CONSISTENCY, "equal sizes take an empty proof")
        if not hmac.compare_digest(root1, root2):
            raise ProofError(ProofError.BAD_CONSISTENCY, "equal sizes but different roots")
        return
    if not proof:
        raise ProofError(ProofError.BAD_CONSISTENCY, "the proof is empty")
    _check_hashes(proof)
    path = list(proof)
    # When the old tree is a perfect subtree of the new one, its root is the first node of the path.
    if size1 & (size1 - 1) == 0:
        path.insert(0, root1)
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError(ProofError.BAD_CONSISTENCY, "the proof is longer than the path to the root")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError(ProofError.BAD_CONSISTENCY, "the proof is shorter than the path to the root")
    if not hmac.compare_digest(fr, root1):
        raise ProofError(ProofError.BAD_CONSISTENCY, "the proof does not lead to the first root")
    if not hmac.compare_digest(sr, root2):
        raise ProofError(ProofError.BAD_CONSISTENCY, "the proof does not lead to the second root")


# ---- c2sp.org/signed-note -------------------------------------------------------------------------------

def _b64(text: str, reason: str, what: str) -> bytes:
    """Strict standard base64 (RFC 4648 §4): no other characters, correct padding."""
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ProofError(reason, f"{what} is not base64") from None


def _valid_key_name(name: str) -> bool:
    return bool(name) and "+" not in name and not any(ch.isspace() for ch in name)


def _key_id(name: str, sig_type: int, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([sig_type]) + public_key).digest()[:4]


@dataclass(frozen=True)
class Verifier:
    """A trusted public key: a log's (type ``ED25519``) or a witness's (type ``COSIGNATURE_V1``)."""

    name: str
    key_id: bytes
    sig_type: int
    public_key: bytes

    @classmethod
    def from_vkey(cls, vkey: str) -> "Verifier":
        """Parses ``<name>+<key ID hex>+<base64(type ‖ key)>`` and checks that the key ID is the key's own."""
        # The name holds no '+', but the base64 key may: split at the first two only.
        parts = vkey.strip("\n").split("+", 2)
        if len(parts) != 3:
            raise ProofError(ProofError.MALFORMED_VKEY, "a vkey has three parts separated by '+'")
        name, id_hex, key_b64 = parts
        if not _valid_key_name(name):
            raise ProofError(ProofError.MALFORMED_VKEY, "the key name is empty or holds a space")
        if len(id_hex) != 8 or id_hex != id_hex.lower() or any(c not in "0123456789abcdef" for c in id_hex):
            raise ProofError(ProofError.MALFORMED_VKEY, "the key ID is not 8 lower-case hex digits")
        material = _b64(key_b64, ProofError.MALFORMED_VKEY, "the key")
        if len(material) != 1 + 32 or material[0] not in (ED25519, COSIGNATURE_V1):
            raise ProofError(ProofError.MALFORMED_VKEY, "not an Ed25519 or cosignature/v1 key")
        key_id = bytes.fromhex(id_hex)
        if key_id != _key_id(name, material[0], material[1:]):
            raise ProofError(ProofError.MALFORMED_VKEY, "the key ID does not match the name and key")
        return cls(name, key_id, material[0], material[1:])

    def verify(self, text: str, signature: bytes) -> Optional[int]:
        """Checks a signature of this key over a note's text; returns a cosignature's time, None for a log's.

        Raises ``BAD_SIGNATURE`` when it does not verify.
        """
        if self.sig_type == COSIGNATURE_V1:
            if len(signature) != 8 + 64:
                raise ProofError(ProofError.BAD_SIGNATURE, f"{self.name}: a cosignature has 72 bytes")
            (timestamp,) = struct.unpack(">Q", signature[:8])
            if timestamp > _MAX_TIMESTAMP:
                raise ProofError(ProofError.BAD_SIGNATURE, f"{self.name}: the cosignature's time is out of range")
            message, signature = f"cosignature/v1\ntime {timestamp}\n{text}", signature[8:]
        else:
            timestamp, message = None, text
        try:
            Ed25519PublicKey.from_public_bytes(self.public_key).verify(signature, message.encode("utf-8"))
        except InvalidSignature:
            raise ProofError(ProofError.BAD_SIGNATURE, f"the signature of {self.name} does not verify") from None
        return timestamp


@dataclass(frozen=True)
class Note:
    """A parsed signed note: its text (with the final newline) and its (key name, key ID, signature) lines."""

    text: str
    signatures: Tuple[Tuple[str, bytes, bytes], ...]


def parse_note(note: Union[str, bytes]) -> Note:
    """Splits a signed note into text and signatures, refusing anything the format does not allow."""
    if isinstance(note, bytes):
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError:
            raise ProofError(ProofError.MALFORMED_NOTE, "the note is not UTF-8") from None
    if any(ord(ch) < 0x20 and ch != "\n" for ch in note):
        raise ProofError(ProofError.MALFORMED_NOTE, "the note holds a control character")
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n"):
        raise ProofError(ProofError.MALFORMED_NOTE, "no blank line before signature lines ending in a newline")
    text, lines = note[:split + 1], note[split + 2:-1].split("\n")
    if len(lines) > _MAX_SIGNATURES:
        raise ProofError(ProofError.MALFORMED_NOTE, f"more than {_MAX_SIGNATURES} signatures")
    signatures = []
    for line in lines:
        fields = line.split(" ")
        if len(fields) != 3 or fields[0] != _EM_DASH or not _valid_key_name(fields[1]):
            raise ProofError(ProofError.MALFORMED_NOTE, "a signature line is not '— <name> <base64>'")
        raw = _b64(fields[2], ProofError.MALFORMED_NOTE, "a signature")
        if len(raw) < 5:
            raise ProofError(ProofError.MALFORMED_NOTE, "a signature is shorter than a key ID")
        signatures.append((fields[1], raw[:4], raw[4:]))
    return Note(text, tuple(signatures))


def _verified_by(note: Note, verifiers: Iterable[Verifier]) -> Dict[str, Optional[int]]:
    """Verifies every signature whose name and key ID are a known key's, ignoring the others.

    Returns the names of the keys that signed, with each cosignature's time. One failing signature of a
    known key refuses the whole note, as the spec recommends: a known key does not sign wrongly by accident.
    """
    known = {(v.name, v.key_id): v for v in verifiers}
    signed: Dict[str, Optional[int]] = {}
    for name, key_id, signature in note.signatures:
        verifier = known.get((name, key_id))
        if verifier is not None:
            signed[name] = verifier.verify(note.text, signature)
    return signed


def verify_note(note: Union[str, bytes, Note], verifiers: Sequence[Verifier]) -> Note:
    """Parses a note and checks that at least one of ``verifiers`` signed it; returns the note."""
    parsed = note if isinstance(note, Note) else parse_note(note)
    if not _verified_by(parsed, verifiers):
        raise ProofError(ProofError.NOT_SIGNED, "no known key signed the note")
    return parsed


# ---- c2sp.org/tlog-checkpoint and tlog-cosignature ------------------------------------------------------

@dataclass(frozen=True)
class Checkpoint:
    """A checkpoint's body: the log's origin, the tree size, its root hash and any extension lines.

    ``witnesses`` holds, once the checkpoint is verified, the witnesses whose cosignature verified.
    """

    origin: str
    size: int
    root: bytes
    extensions: Tuple[str, ...] = ()
    witnesses: FrozenSet[str] = frozenset()


def parse_checkpoint(text: str) -> Checkpoint:
    """Parses a checkpoint's note text (ending in a newline), strictly."""
    if not text.endswith("\n"):
        raise ProofError(ProofError.MALFORMED_CHECKPOINT, "the checkpoint does not end in a newline")
    lines = text[:-1].split("\n")
    if len(lines) < 3 or any(not line for line in lines):
        raise ProofError(ProofError.MALFORMED_CHECKPOINT, "a checkpoint has at least three non-empty lines")
    origin, size_text, root_text = lines[:3]
    if not size_text.isascii() or not size_text.isdigit() or (size_text.startswith("0") and size_text != "0"):
        raise ProofError(ProofError.MALFORMED_CHECKPOINT, "the tree size is not a decimal without leading zeroes")
    root = _b64(root_text, ProofError.MALFORMED_CHECKPOINT, "the root hash")
    if len(root) != _HASH_SIZE:
        raise ProofError(ProofError.MALFORMED_CHECKPOINT, "the root hash is not 32 bytes")
    return Checkpoint(origin, int(size_text), root, tuple(lines[3:]))


def verify_cosignatures(note: Note, witnesses: Sequence[Verifier], k: int) -> FrozenSet[str]:
    """Checks that at least ``k`` of ``witnesses`` cosigned the note; returns the names of those that did."""
    if any(w.sig_type != COSIGNATURE_V1 for w in witnesses):
        raise ProofError(ProofError.MALFORMED_VKEY, "a witness key is not a cosignature/v1 key")
    cosigned = frozenset(_verified_by(note, witnesses))
    if len(cosigned) < k:
        raise ProofError(ProofError.TOO_FEW_WITNESSES, f"{len(cosigned)} of the {k} witnesses required cosigned")
    return cosigned


def origin_under(origin: str, key_name: str) -> bool:
    """Whether a log key of ``key_name`` may sign checkpoints of ``origin``: the name itself, or the name, a slash
    and more (the hub's origin is its key's name and the store's log id, never reused after a reset)."""
    return origin == key_name or (origin.startswith(key_name + "/") and len(origin) > len(key_name) + 1)


def verify_checkpoint(note: Union[str, bytes], log: Verifier, witnesses: Sequence[Verifier] = (),
                      k: int = 0) -> Checkpoint:
    """Verifies a signed checkpoint: the log's signature, its origin, and ``k`` of ``witnesses``' cosignatures."""
    if log.sig_type != ED25519:
        raise ProofError(ProofError.MALFORMED_VKEY, "the log key is not an Ed25519 key")
    parsed = verify_note(note, [log])
    checkpoint = parse_checkpoint(parsed.text)
    if not origin_under(checkpoint.origin, log.name):
        raise ProofError(ProofError.WRONG_ORIGIN, f"the checkpoint is of {checkpoint.origin!r}, not under {log.name!r}")
    cosigned = verify_cosignatures(parsed, witnesses, k)
    return Checkpoint(checkpoint.origin, checkpoint.size, checkpoint.root, checkpoint.extensions, cosigned)


# ---- c2sp.org/tlog-proof --------------------------------------------------------------------------------

@dataclass(frozen=True)
class ProofFile:
    """A parsed tlog-proof file: extra data (the hub puts the leaf there), index, audit path, checkpoint note."""

    extra: Optional[bytes]
    index: int
    proof: Tuple[bytes, ...]
    checkpoint: str


def parse_proof_file(text: Union[str, bytes]) -> ProofFile:
    """Parses a ``c2sp.org/tlog-proof@v1`` file, strictly; the checkpoint is kept verbatim, unverified."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ProofError(ProofError.MALFORMED_PROOF_FILE, "the file is not UTF-8") from None
    head, blank, checkpoint = text.partition("\n\n")
    if not blank:
        raise ProofError(ProofError.MALFORMED_PROOF_FILE, "no blank line before the checkpoint")
    lines = head.split("\n")
    if lines[0] != _PROOF_HEADER:
        raise ProofError(ProofError.MALFORMED_PROOF_FILE, f"the first line is not {_PROOF_HEADER}")
    lines = lines[1:]
    extra = None
    if lines and lines[0].startswith("extra "):
        extra = _b64(lines.pop(0)[len("extra "):], ProofError.MALFORMED_PROOF_FILE, "the extra data")
    if not lines or not lines[0].startswith("index "):
        raise ProofError(ProofError.MALFORMED_PROOF_FILE, "no index line")
    index_text = lines.pop(0)[len("index "):]
    if not index_text.isascii() or not index_text.isdigit() or (index_text.startswith("0") and index_text != "0"):
        raise ProofError(ProofError.MALFORMED_PROOF_FILE, "the index is not a decimal without leading zeroes")
    proof = tuple(_b64(line, ProofError.MALFORMED_PROOF_FILE, "a proof hash") for line in lines)
    return ProofFile(extra, int(index_text), proof, checkpoint)


def verify_proof_file(text: Union[str, bytes], leaf: Optional[bytes], log: Verifier,
                      witnesses: Sequence[Verifier] = (), k: int = 0) -> Checkpoint:
    """Verifies a tlog-proof file end to end and returns the checkpoint the leaf is proven against.

    ``leaf`` is the raw leaf (for the hub: the record's salt followed by its canonical encoding), or None to
    take it from the file's ``extra`` line, where the hub writes it. The checkpoint must be signed by ``log``
    and cosigned by ``k`` of ``witnesses``, and the audit path must bind the leaf to its root.
    """
    parsed = parse_proof_file(text)
    if leaf is None:
        if parsed.extra is None:
            raise ProofError(ProofError.NO_LEAF, "no leaf given and the file has no extra line")
        leaf = parsed.extra
    checkpoint = verify_checkpoint(parsed.checkpoint, log, witnesses, k)
    verify_inclusion(parsed.index, checkpoint.size, leaf_hash(leaf), parsed.proof, checkpoint.root)
    return checkpoint
