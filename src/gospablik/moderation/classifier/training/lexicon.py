"""Build ``model/obscene_words.txt`` from the shared lexicons (Unlicense and MIT).

Only the words that the root lexicon itself recognises as мат or vulgar are kept:
the list serves to read masked words such as ``п***ц``, not to decide what is
obscene.
"""

from __future__ import annotations

from pathlib import Path

from gospablik.moderation.classifier.normalize import normalize
from gospablik.moderation.classifier.obscenity import ObscenityLexicon

SOURCES = ("censor-text_profanity-list_ru.txt", "alla-g_bad_wordlist.txt")
HEADER = (
    "# Obscene word forms for reading masked words (бл*, п***ц). Built by\n"
    "# `gospablik moderate train` from censor-text/profanity-list (Unlicense) and\n"
    "# alla-g/toxicity-detection-thesis bad_wordlist.txt (MIT), normalized, keeping\n"
    "# only the words that model/obscenity.txt matches whole.\n"
)


def obscene_words(lexicon_dir: Path) -> list[str]:
    lexicon = ObscenityLexicon(words=[])
    words = {normalize(line.strip()) for name in SOURCES for line in _lines(lexicon_dir / name)}
    return sorted(w for w in words if w and " " not in w and _whole(lexicon, w))


def write_obscene_words(lexicon_dir: Path, out: Path) -> int:
    words = obscene_words(lexicon_dir)
    out.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _whole(lexicon: ObscenityLexicon, word: str) -> bool:
    return any(hit.start == 0 and hit.end == len(word) for hit in lexicon.find(word))
