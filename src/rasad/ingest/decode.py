"""Encoding detection for Persian text files.

Order of evidence, most certain first: a byte-order mark; the NUL pattern of BOM-less UTF-16; strict
UTF-8; Windows-1256 (the usual legacy encoding of Persian) when the result is mostly Arabic-script letters;
then charset-normalizer's guess, accepted only when it yields readable text. Anything else, and anything
with NUL bytes or many control characters, is binary: a :class:`DecodeError` names the file's problem.
"""

from __future__ import annotations

import codecs
import re

from rasad.ingest.errors import DecodeError

_ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
_LETTER = re.compile(r"[^\W\d_]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _looks_like_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    # Persian in UTF-16 has 0x06 high bytes; ASCII-heavy text has NUL high bytes.
    even_06 = sample[0::2].count(6) / max(1, len(sample[0::2]))
    odd_06 = sample[1::2].count(6) / max(1, len(sample[1::2]))
    if odd_nul + odd_06 > 0.6 and even_nul < 0.1:
        return "utf-16-le"
    if even_nul + even_06 > 0.6 and odd_nul < 0.1:
        return "utf-16-be"
    return None


def _readable(text: str) -> bool:
    if not text.strip():
        return True
    controls = len(_CONTROL.findall(text[:20000]))
    return controls <= max(2, len(text[:20000]) // 1000)


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`DecodeError` with a reason a person can act on."""
    if not data:
        raise DecodeError(f"{name}: empty file")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check(data.decode(enc), enc, name)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name}: starts with a {enc} byte-order mark but is not valid {enc}: {exc}") from exc
    enc16 = _looks_like_utf16(data)
    if enc16:
        try:
            return _check(data.decode(enc16), enc16, name)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise DecodeError(f"{name}: binary data (NUL bytes), not a text file")
    try:
        return _check(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
        letters = _LETTER.findall(text[:20000])
        arabic = sum(1 for c in letters if _ARABIC_LETTER.match(c))
        if letters and arabic / len(letters) >= 0.5:
            return _check(text, "cp1256", name)
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
    except Exception:  # noqa: BLE001 - detection is best effort; the error below says what happened
        best = None
    if best is not None and best.encoding:
        try:
            return _check(data.decode(best.encoding), best.encoding, name)
        except (UnicodeDecodeError, LookupError, DecodeError):
            pass
    raise DecodeError(f"{name}: not UTF-8, UTF-16 or Windows-1256 text (binary or unknown encoding)")


def _check(text: str, enc: str, name: str) -> tuple[str, str]:
    if not _readable(text):
        raise DecodeError(f"{name}: decodes as {enc} but is full of control characters (binary?)")
    if not text.strip():
        raise DecodeError(f"{name}: no text (only white space)")
    return text, enc
