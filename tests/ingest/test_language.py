"""Language detection from stop words."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.ingest import detect_language, read_article

SAMPLES = {
    "en": "The minister said on Thursday that the talks would continue next week in the capital.",
    "de": "Der russische Präsident hat erklärt, dass Russland seine Ziele in der Ukraine weiter verfolgen werde.",
    "fr": "Le président russe a déclaré que la Russie ne renoncerait pas à ses objectifs en Ukraine.",
    "es": "El presidente ruso dijo a Trump que Rusia no abandonará sus objetivos en Ucrania, según el Kremlin.",
    "it": "Il presidente russo ha detto a Trump che la Russia non rinuncerà ai suoi obiettivi in Ucraina.",
    "pt": "O presidente russo disse a Trump que a Rússia não vai abandonar os seus objetivos na Ucrânia.",
    "nl": "De Russische president heeft gezegd dat Rusland zijn doelen in Oekraïne niet zal opgeven.",
    "ru": "Президент России заявил Трампу, что Россия не откажется от своих целей на Украине.",
    "uk": "Президент Росії заявив Трампу, що Росія не відмовиться від своїх цілей в Україні.",
    "pl": "Prezydent Rosji powiedział Trumpowi, że Rosja nie zrezygnuje ze swoich celów na Ukrainie.",
    "sv": "Rysslands president sa till Trump att Ryssland inte kommer att ge upp sina mål i Ukraina.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_detects_language(code: str) -> None:
    assert detect_language(SAMPLES[code]) == code


def test_unknown_when_unsure() -> None:
    assert detect_language("") == "unknown"
    assert detect_language("12 34 56") == "unknown"
    assert detect_language("Xq zzv pplk") == "unknown"


def test_script_languages() -> None:
    assert detect_language("Ο Ρώσος πρόεδρος είπε στον Τραμπ ότι η Ρωσία θα συνεχίσει.") == "el"


def test_german_file_is_not_english(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    text = SAMPLES["de"] + "\n\nDie Gespräche sollen in der nächsten Woche fortgesetzt werden."
    path.write_text(text, encoding="utf-8")
    [article] = read_article(path)
    assert article.language == "de"
