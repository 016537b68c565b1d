"""Build ``model/obscene_words.txt`` from the shared lexicons (Unlicense and MIT).

Only the words that the root lexicon itself recognises as мат or vulgar are kept:
the list serves to read masked words such as ``п***ц``, not to decide what is
obscene.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterable
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


VK_LEXICON = ("abuse_words.txt", "insults.txt", "extend_insults.txt")
VK_HEADER = (
    "# Insult word forms kept from the VK moderation bot's lexicon (A. I. Klepikov,\n"
    "# sguschonka/vkbot_moderation_system, CC BY 4.0). Built by `gospablik moderate train`:\n"
    "# single normalized words that model/obscenity.txt does not already match, seen in\n"
    "# at least {min_toxic} toxic training comments and in none of the clean training texts;\n"
    "# nouns and adjectives only, minus a few with an ordinary sense (lexicon.VK_STOP).\n"
)
VK_MIN_TOXIC = 3
VK_POS = frozenset(("NOUN", "ADJF", "ADJS"))  # names and epithets; verbs are too ambiguous
# Forms with an ordinary sense on a ministry's page (history posts, body words).
VK_STOP = frozenset(("фашист", "фашиста", "фашистам", "фашисты", "толстяк", "примитивный"))
_TOKEN = re.compile(r"[а-я]+")


def vk_insult_words(
    lexicon_dir: Path, toxic: Iterable[str], clean: Iterable[str], min_toxic: int = VK_MIN_TOXIC
) -> list[str]:
    """Forms of the VK-bot lexicon that the training texts show to be insults:
    ``toxic`` and ``clean`` are normalized texts."""
    lexicon = ObscenityLexicon(words=[])
    forms = {
        w
        for name in VK_LEXICON
        if (lexicon_dir / name).exists()
        for line in _lines(lexicon_dir / name)
        if len(w := normalize(line.strip())) >= 4 and _TOKEN.fullmatch(w) and not lexicon.find(w)
    }
    in_toxic = collections.Counter(w for t in toxic for w in set(_TOKEN.findall(t)) if w in forms)
    in_clean = {w for t in clean for w in _TOKEN.findall(t) if w in forms}
    kept = [w for w, n in in_toxic.items() if n >= min_toxic and w not in in_clean]
    return sorted(w for w in kept if w not in VK_STOP and _pos(w) in VK_POS)


def _pos(word: str) -> str | None:
    from gospablik.moderation.classifier.insults import _morph

    return _morph().parse(word)[0].tag.POS  # type: ignore[attr-defined]


def write_vk_insult_words(words: list[str], out: Path) -> int:
    header = VK_HEADER.format(min_toxic=VK_MIN_TOXIC)
    out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)
