"""Decoding files: encodings, empty and binary files, missing and oversized files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.ingest import decode, read_article
from newsprism.ingest.decode import decode_bytes

BODY = "Le café – “quoted” était plein.\n\nLa police a fermé la rue jeudi soir."


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found") as info:
        read_article(tmp_path / "nope.txt")
    assert "nope.txt" in str(info.value)


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\r\n\t ")
    for name in ("empty.txt", "blank.txt"):
        with pytest.raises(InputError, match="is empty"):
            read_article(tmp_path / name)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="looks like a binary file, not text"):
        read_article(path)


def test_pdf_is_named(tmp_path: Path) -> None:
    path = tmp_path / "story.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(InputError, match="PDF"):
        read_article(path)


def test_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_article(tmp_path)


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("This file is longer than ten bytes.", encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        read_article(path)


def test_cp1252_file(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(BODY.encode("cp1252"))
    [article] = read_article(path)
    assert article.text == BODY
    assert article.meta["encoding"] == "cp1252"


def test_short_cp1252_text() -> None:
    assert decode_bytes("café – “quoted”".encode("cp1252")).text == "café – “quoted”"
    assert decode_bytes("Naïve résumé, déjà vu.".encode("cp1252")).text == "Naïve résumé, déjà vu."


def test_other_legacy_encodings() -> None:
    russian = "Президент России заявил, что Россия продолжит переговоры."
    assert decode_bytes(russian.encode("cp1251")).text == russian
    polish = "Prezydent Rosji powiedział, że Rosja nie zrezygnuje ze swoich celów. Zażółć gęślą jaźń."
    assert decode_bytes(polish.encode("cp1250")).text == polish
    german = "Der Bürgermeister sagte, dass die Straße gesperrt wird."
    assert decode_bytes(german.encode("latin-1")).text == german


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("\ufeff".encode("utf-16-le") + BODY.replace("\n", "\r\n").encode("utf-16-le"))
    [article] = read_article(path)
    assert article.text == BODY
    assert article.meta["encoding"] == "utf-16-le"
    path.write_bytes(b"\xfe\xff" + BODY.encode("utf-16-be"))
    assert read_article(path)[0].text == BODY


def test_utf8_bom_and_newlines() -> None:
    decoded = decode_bytes(b"\xef\xbb\xbfOne line.\r\nTwo line.\rThree.")
    assert decoded.text == "One line.\nTwo line.\nThree."
    assert decoded.encoding == "utf-8-sig"
