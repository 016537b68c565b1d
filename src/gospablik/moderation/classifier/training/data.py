"""Loaders for the shared data sets (see the data folder's README.md).

Every sample carries its source, a group (rows that must stay in the same fold,
e.g. a toxic comment and its neutral rewrites) and labels for the two model
outputs; ``None`` means "not labelled for this output".
"""

from __future__ import annotations

import csv
import random
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

CITIZENS = Path(__file__).parent / "citizen_comments.txt"
CITIZENS_HOLDOUT = Path(__file__).parent / "citizen_comments_holdout.txt"
# Our hand-labelled comments that look like a ministry's page, for training only
# (the evaluation set is ``data/moderation/ministry_eval.tsv`` at the repository root).
MINISTRY_TRAIN = Path(__file__).parent / "ministry_train.tsv"
# Real VK comments labelled by our rules (data/moderation/vk_real/SOURCE.md): the tuning
# part is trained on; its test part (``test.tsv``) never is.
VK_REAL = Path(__file__).resolve().parents[5] / "data" / "moderation" / "vk_real"
APPEALS_LIMIT = 12000  # citizen appeals kept (of 42k): clean negatives, not the majority
APPEAL_CHARS = (20, 280)  # appeals are cut to comment length (README: length confound)
TOXIC_CLASSES = frozenset(("insult", "obscenity", "threat"))
NEWS_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
AD_POST = re.compile(r"erid|реклам", re.I)


@dataclass(frozen=True)
class Sample:
    text: str
    source: str
    group: str
    insult: int | None
    spam: int | None

    def fold(self, folds: int) -> int:
        return zlib.crc32(self.group.encode("utf-8")) % folds


def load_2ch(root: Path) -> list[Sample]:
    """ru_toxic_2ch_pikabu: toxic 0/1; none of it is spam."""
    with open(root / "ru_toxic_2ch_pikabu" / "labeled.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        Sample(text, "2ch_pikabu", f"2ch:{text.lower()}", int(float(r["toxic"])), 0)
        for r in rows
        if (text := r["comment"].strip())
    ]


def load_russe(root: Path) -> list[Sample]:
    """russe_detox_2022: toxic comments (1) and their distinct neutral rewrites (0)."""
    samples: list[Sample] = []
    for split in ("train", "dev"):
        with open(root / "russe_detox_2022" / f"{split}.tsv", encoding="utf-8") as f:
            for i, row in enumerate(csv.DictReader(f, delimiter="\t")):
                samples += _russe_row(row, f"russe_{split}", f"russe:{split}:{i}")
    return samples


def _russe_row(row: dict[str, str], source: str, group: str) -> list[Sample]:
    out = [Sample(row["toxic_comment"].strip(), source, group, 1, 0)]
    seen = {row["toxic_comment"].strip().lower()}
    for key in ("neutral_comment1", "neutral_comment2", "neutral_comment3"):
        text = (row.get(key) or "").strip()
        if text and text.lower() not in seen:
            seen.add(text.lower())
            out.append(Sample(text, f"{source}_neutral", group, 0, 0))
    return out


def load_news(root: Path, limit: int, seed: int) -> list[Sample]:
    """Sentences of telegram_news_posts (not ads): ordinary text, neither toxic nor spam."""
    with open(root / "telegram_news_posts" / "telegram_news_posts.csv", encoding="utf-8") as f:
        posts = [r for r in csv.DictReader(f) if not AD_POST.search(r["text"])]
    sentences = sorted({s.strip() for p in posts for s in NEWS_SENTENCE.split(p["text"])})
    sentences = [s for s in sentences if 20 <= len(s) <= 300]
    random.Random(seed).shuffle(sentences)  # noqa: S311 - reproducible sampling
    return [Sample(s, "news", f"news:{s[:40]}", 0, 0) for s in sentences[:limit]]


def load_spam(root: Path) -> list[Sample]:
    """telegram_spam_ru: spam 1 / ham 0; chat messages are not labelled for insults."""
    with open(root / "telegram_spam_ru" / "telegram_spam_ru.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        Sample(
            r["message"].strip(),
            "tg_spam" if r["label"] == "1" else "tg_ham",
            f"tg:{r['message'].strip().lower()}",
            None,
            int(r["label"]),
        )
        for r in rows
    ]


def load_citizens(path: Path = CITIZENS, source: str = "citizen") -> list[Sample]:
    """Our hand-written polite comments of citizens to a ministry: not spam, and not
    labelled for insults (the insult output is fitted exactly as without them)."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    texts = [line for line in lines if line and not line.startswith("#")]
    return [Sample(t, source, f"citizen:{t.lower()}", None, 0) for t in texts]


def load_ok(root: Path, known: set[str]) -> list[Sample]:
    """extra/ok_toxic_vyhuholl (none when absent, as for every ``extra/`` set): toxic
    ok.ru comments (positives only). The rows with
    capitals are 2ch/pikabu ones already in ``labeled.csv`` (SOURCE.md): dropped, and so
    is any text in ``known`` (lower case)."""
    path = root / "extra" / "ok_toxic_vyhuholl" / "ok_toxic_vyhuholl.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["likely_origin"] == "ok_ru"]
    texts = dict.fromkeys(t for r in rows if (t := r["text"].strip()) and t.lower() not in known)
    return [Sample(t, "ok", f"ok:{t.lower()}", 1, 0) for t in texts]


def load_sariellee(root: Path) -> list[Sample]:
    """extra/ru_abusive_sariellee: hand-labelled tweets and a TV script (hate speech >= 2)."""
    path = root / "extra" / "ru_abusive_sariellee" / "ru_abusive_sariellee.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        Sample(t, "sariellee", f"sar:{t.lower()}", int(r["toxic"]), 0)
        for r in rows
        if (t := r["text"].strip())
    ]


def load_appeals(root: Path, limit: int, seed: int) -> list[Sample]:
    """extra/spb_citizen_appeals: complaints and requests to a city government, clean
    negatives. Each appeal is cut to its first sentences of comment length (median
    comment ~100 chars, appeals up to 1,000), so that "long and formal" is not a sign of
    "clean"; the rows a regex flagged as possibly rude are left out."""
    path = root / "extra" / "spb_citizen_appeals" / "spb_citizen_appeals.csv"
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["rude_flag"] != "1"]
    texts = sorted({t for r in rows if (t := _comment_sized(r["text"]))})
    random.Random(seed).shuffle(texts)  # noqa: S311 - reproducible sampling
    return [Sample(t, "appeals", f"app:{t[:60].lower()}", 0, 0) for t in texts[:limit]]


def _comment_sized(text: str) -> str:
    low, high = APPEAL_CHARS
    out = ""
    for sentence in NEWS_SENTENCE.split(text.strip()):
        if len(out) + len(sentence) + 1 > high:
            break
        out = f"{out} {sentence}".strip()
    return out if len(out) >= low else ""


def read_labelled(path: Path) -> list[tuple[str, str]]:
    """(label, text) rows of our hand-labelled TSV files (``LABEL<tab>TEXT``)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((label.strip(), text.strip()))
    return rows


def load_ministry(path: Path = MINISTRY_TRAIN, source: str = "ministry") -> list[Sample]:
    """Our hand-labelled ministry-page comments (training file): insult = toxic
    classes, spam = the spam class; ordinary and rude-but-lawful criticism are 0."""
    return [
        Sample(
            text,
            source,
            f"{source}:{text.lower()}",
            int(label in TOXIC_CLASSES),
            int(label == "spam"),
        )
        for label, text in read_labelled(path)
    ]


def load_vk_real(path: Path = VK_REAL / "tune.tsv") -> list[Sample]:
    """The tuning part of our labelled real VK comments (none when the file is absent,
    e.g. outside a checkout of the repository)."""
    return load_ministry(path, "vk_real") if path.exists() else []


def load_all(root: Path, news_limit: int, seed: int, extra: bool = True) -> list[Sample]:
    """Every set; 2ch/pikabu comments that russe_detox also holds are left out of
    2ch/pikabu, so that no text is on both sides of a cross-domain or fold split.
    The citizen comments come after the shared sets, so those keep their positions;
    with ``extra`` the sets of ``extra/``, our ministry comments and the tuning part of
    the real VK comments follow."""
    russe = load_russe(root)
    seen = {s.text.lower() for s in russe}
    comments = [s for s in load_2ch(root) if s.text.lower() not in seen]
    shared = comments + russe + load_news(root, news_limit, seed) + load_spam(root)
    samples = shared + load_citizens()
    if extra:
        known = seen | {s.text.lower() for s in comments}
        samples += load_ok(root, known) + load_sariellee(root)
        samples += load_appeals(root, APPEALS_LIMIT, seed) + load_ministry()
        samples += load_vk_real()
    return samples
