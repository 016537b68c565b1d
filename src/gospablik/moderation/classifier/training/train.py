"""``gospablik moderate train``: rebuild the shipped model and print validation figures.

Steps: load every shared set (``extra/`` included) and our ministry comments; keep
the VK-bot lexicon forms the training texts confirm; 5-fold out-of-fold predictions
over everything (folds by group, so a toxic comment and its rewrites stay together);
thresholds chosen on those predictions over all sources; figures of the whole
pipeline at those thresholds on clean and distorted spellings; a final fit on
everything, written to ``--out``; then, for the model card, leave-one-source-out and
hand-labelled (``data/moderation/ministry_eval.tsv``) figures of the previous recipe
(v1, refitted in the same run) and of this one, and the same on the untouched test part
of the real VK comments (``data/moderation/vk_real/test.tsv``; its tuning part is trained
on).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from gospablik.moderation.classifier.core import Thresholds
from gospablik.moderation.classifier.insults import Entry, load_entries
from gospablik.moderation.classifier.pipeline import load_thresholds
from gospablik.moderation.classifier.spam_stack import SpamStack
from gospablik.moderation.classifier.text_model import TextModel
from gospablik.moderation.classifier.training import handset, report, validate
from gospablik.moderation.classifier.training.crossdomain import Recipe, leave_one_source_out
from gospablik.moderation.classifier.training.data import VK_REAL, load_all
from gospablik.moderation.classifier.training.lexicon import (
    vk_insult_words,
    write_obscene_words,
    write_vk_insult_words,
)
from gospablik.moderation.classifier.training.trainer import Config, Trainer

DEFAULT_DATA = "/work/shared/data"
VK_FOLDER = "vk_moderation_lexicon_klepikov"
MODEL_DIR = Path(__file__).resolve().parent.parent / "model"


V1_SOURCES = frozenset(
    ("2ch_pikabu", "russe_train", "russe_train_neutral", "russe_dev", "russe_dev_neutral")
    + ("news", "tg_spam", "tg_ham", "citizen")
)
BEFORE = Path(__file__).resolve().parent / "before"
CACHE = Path("var") / "moderation-cache"


def parse(argv: list[str]) -> tuple[Config, bool]:
    """The training configuration, and whether only the report is wanted."""
    parser = argparse.ArgumentParser(prog="gospablik moderate train", description=__doc__)
    parser.add_argument("--data", default=DEFAULT_DATA, help=f"shared data folder ({DEFAULT_DATA})")
    parser.add_argument("--out", default=str(MODEL_DIR), help="model folder (the shipped one)")
    parser.add_argument("--seed", type=int, default=Config.seed)
    parser.add_argument("--folds", type=int, default=Config.folds)
    parser.add_argument("--news-limit", type=int, default=Config.news_limit)
    parser.add_argument(
        "--cache", default=str(CACHE), help=f"folder for vectorised data ({CACHE}); '' for none"
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="keep the model in --out; redo only the before/after figures in its metrics.json",
    )
    args = parser.parse_args(argv)
    cache = Path(args.cache) if args.cache else None
    config = Config(
        Path(args.data), Path(args.out), args.seed, args.folds, args.news_limit, cache=cache
    )
    return config, args.report_only


def run(config: Config, log: Any = sys.stderr) -> dict[str, Any]:
    started = time.monotonic()
    trainer = Trainer(config, load_all(config.data, config.news_limit, config.seed))
    sources = collections.Counter(s.source for s in trainer.samples)
    print(f"loaded {len(trainer.samples)} samples: {dict(sources)}", file=log)
    result: dict[str, Any] = {"samples": dict(sources), "seed": config.seed}
    vk_words = _vk_words(config, trainer)
    trainer.insult_entries = load_entries() + [Entry("form", w, "") for w in vk_words]
    result["vk_insult_words"] = len(vk_words)
    oof = validate.out_of_fold(trainer)
    thresholds = validate.choose_thresholds(trainer, oof)
    result["thresholds"] = asdict(thresholds)
    result["validation"] = report.figures(trainer, oof, thresholds)
    result["insult_threshold_by_prevalence"] = validate.insult_thresholds_by_prevalence(
        trainer, oof
    )
    print(f"validated in {time.monotonic() - started:.0f} s; fitting the final model", file=log)
    final = _write(config, trainer, oof.final_stack, thresholds, vk_words)
    after = Recipe(
        "v2", range(len(trainer.samples)), thresholds, oof.final_stack, trainer.insult_entries
    )
    result["before_after"] = _before_after(config, trainer, after, final, log)
    result["citizen_holdout"] = report.citizen_holdout(config.out)
    result["seconds"] = round(time.monotonic() - started)
    _dump(config.out / "metrics.json", result)
    return result


def report_only(config: Config, log: Any = sys.stderr) -> dict[str, Any]:
    """Redo the before/after figures of the model in ``config.out`` (e.g. after a change
    of the pipeline's rules that leaves the weights and thresholds as they are)."""
    started = time.monotonic()
    trainer = Trainer(config, load_all(config.data, config.news_limit, config.seed))
    forms = (config.out / "vk_insult_words.txt").read_text(encoding="utf-8").splitlines()
    vk_words = [w for w in forms if w and not w.startswith("#")]
    trainer.insult_entries = load_entries() + [Entry("form", w, "") for w in vk_words]
    after = Recipe(
        "v2",
        range(len(trainer.samples)),
        load_thresholds(config.out / "thresholds.json"),
        SpamStack.load(config.out),
        trainer.insult_entries,
    )
    path = config.out / "metrics.json"
    result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    result["before_after"] = _before_after(config, trainer, after, TextModel.load(config.out), log)
    result["citizen_holdout"] = report.citizen_holdout(config.out)
    result["report_only_seconds"] = round(time.monotonic() - started)
    _dump(path, result)
    return result


def _vk_words(config: Config, trainer: Trainer) -> list[str]:
    toxic = [n for s, n in zip(trainer.samples, trainer.normalized, strict=True) if s.insult == 1]
    clean = [
        n
        for s, n in zip(trainer.samples, trainer.normalized, strict=True)
        if (s.insult == 0 and s.source != "2ch_pikabu") or s.source in ("tg_ham", "citizen")
    ]
    return vk_insult_words(config.data / "extra" / VK_FOLDER, toxic, clean)


def _before_after(
    config: Config, trainer: Trainer, after: Recipe, final: TextModel, log: Any
) -> dict[str, Any]:
    """Leave-one-source-out and hand-labelled figures of the model shipped before
    issue 17 (recipe v1, refitted here, with its thresholds and lexicon) and of this one."""
    v1_rows = [i for i, s in enumerate(trainer.samples) if s.source in V1_SOURCES]
    v1_model = trainer.fit(v1_rows, recipe="v1")
    before = Recipe(
        "v1",
        v1_rows,
        load_thresholds(BEFORE / "thresholds.json"),
        SpamStack.load(BEFORE),
        load_entries(BEFORE / "insult_words.txt"),
        fallback=v1_model,
    )
    out: dict[str, Any] = {}
    for name, recipe, model in (("before", before, v1_model), ("after", after, final)):
        print(f"leave-one-source-out, {name}", file=log)
        pipeline = validate.fold_pipeline(model, recipe.stack, recipe.thresholds, recipe.insults)
        out[name] = {
            "leave_one_source_out": leave_one_source_out(trainer, recipe),
            "ministry_eval": handset.evaluate(pipeline, config.seed),
            "vk_real_test": handset.evaluate(pipeline, config.seed, VK_REAL / "test.tsv"),
        }
    return out


def _write(
    config: Config,
    trainer: Trainer,
    stack: SpamStack,
    thresholds: Thresholds,
    vk_words: list[str],
) -> TextModel:
    model = trainer.fit(list(range(len(trainer.samples))))
    model.save(config.out)
    stack.save(config.out)
    _dump(config.out / "thresholds.json", asdict(thresholds))
    write_obscene_words(config.data / "lexicons", config.out / "obscene_words.txt")
    write_vk_insult_words(vk_words, config.out / "vk_insult_words.txt")
    if config.out.resolve() != MODEL_DIR:
        for name in ("obscenity.txt", "courtesy_words.txt", "insult_words.txt"):
            text = (MODEL_DIR / name).read_text(encoding="utf-8")
            (config.out / name).write_text(text, "utf-8")
    return model


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def summary(result: dict[str, Any]) -> str:
    """A short human-readable digest of ``run``'s result."""
    v = result["validation"]
    lines = [f"thresholds: {json.dumps(result['thresholds'], ensure_ascii=False)}"]
    for when, block in result["before_after"].items():
        for name, row in block["leave_one_source_out"].items():
            c, d = row["clean"], row["distorted"]
            lines.append(
                f"{when} LOSO {name}: AUC {row['auc']} P {c['precision']} R {c['recall']}"
                f" F1 {c['f1']} (distorted F1 {d['f1']}) deleted non-toxic"
                f" {c['deleted_non_toxic']}"
            )
        for key in ("ministry_eval", "vk_real_test"):
            hand = block.get(key)
            if hand:
                c, d = hand["toxic_clean"], hand["toxic_distorted"]
                lines.append(
                    f"{when} {key}: P {c['precision']} R {c['recall']} F1 {c['f1']}"
                    f" (distorted F1 {d['f1']}); by category {hand['by_category']}"
                )
    for name, row in v["toxic_pipeline"].items():
        lines.append(f"toxic-vs-not {name}: P {row['precision']} R {row['recall']} F1 {row['f1']}")
    for name, row in v["lexicon_only"].items():
        lines.append(f"lexicon only {name}: P {row['precision']} R {row['recall']} F1 {row['f1']}")
    lines.append(f"toxic deletions: {v['delete_precision_comments']}")
    for name, row in result["insult_threshold_by_prevalence"].items():
        lines.append(f"insult F1-best threshold, toxic share {name}: {row}")
    for name in ("spam_model", "spam_pipeline", "spam_pipeline_held_out_thresholds"):
        for level, row in v[name].items():
            lines.append(f"{name} {level}: {row}")
    lines.append(f"spam thresholds by fold: {v['spam_thresholds_by_fold']}")
    lines.append(f"citizen holdout: {result['citizen_holdout']}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    config, only_report = parse(argv)
    if not (config.data / "README.md").exists():
        print(f"нет данных в {config.data}", file=sys.stderr)
        return 2
    print(summary(report_only(config) if only_report else run(config)))
    return 0
