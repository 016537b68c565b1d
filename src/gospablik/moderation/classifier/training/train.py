"""``gospablik moderate train``: rebuild the shipped model and print validation figures.

Steps: load every shared set; cross-domain check (train on 2ch/pikabu, test on
russe_detox and back); 5-fold out-of-fold predictions over everything (folds by
group, so a toxic comment and its rewrites stay together); thresholds chosen on
those predictions; figures of the whole pipeline at those thresholds on clean and
on distorted spellings; a final fit on everything, written to ``--out``.
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
from gospablik.moderation.classifier.spam_stack import SpamStack
from gospablik.moderation.classifier.training import report, validate
from gospablik.moderation.classifier.training.data import load_all
from gospablik.moderation.classifier.training.lexicon import write_obscene_words
from gospablik.moderation.classifier.training.trainer import Config, Trainer

DEFAULT_DATA = "/work/shared/data"
MODEL_DIR = Path(__file__).resolve().parent.parent / "model"


def parse(argv: list[str]) -> Config:
    parser = argparse.ArgumentParser(prog="gospablik moderate train", description=__doc__)
    parser.add_argument("--data", default=DEFAULT_DATA, help=f"shared data folder ({DEFAULT_DATA})")
    parser.add_argument("--out", default=str(MODEL_DIR), help="model folder (the shipped one)")
    parser.add_argument("--seed", type=int, default=Config.seed)
    parser.add_argument("--folds", type=int, default=Config.folds)
    parser.add_argument("--news-limit", type=int, default=Config.news_limit)
    args = parser.parse_args(argv)
    return Config(Path(args.data), Path(args.out), args.seed, args.folds, args.news_limit)


def run(config: Config, log: Any = sys.stderr) -> dict[str, Any]:
    started = time.monotonic()
    trainer = Trainer(config, load_all(config.data, config.news_limit, config.seed))
    sources = collections.Counter(s.source for s in trainer.samples)
    print(f"loaded {len(trainer.samples)} samples: {dict(sources)}", file=log)
    result: dict[str, Any] = {"samples": dict(sources), "seed": config.seed}
    result["cross_domain"] = validate.cross_domain(trainer)
    oof = validate.out_of_fold(trainer)
    thresholds = validate.choose_thresholds(trainer, oof)
    result["thresholds"] = asdict(thresholds)
    result["validation"] = report.figures(trainer, oof, thresholds)
    result["insult_threshold_by_prevalence"] = validate.insult_thresholds_by_prevalence(
        trainer, oof
    )
    print(f"validated in {time.monotonic() - started:.0f} s; fitting the final model", file=log)
    _write(config, trainer, oof.final_stack, thresholds)
    result["citizen_holdout"] = report.citizen_holdout(config.out)
    result["seconds"] = round(time.monotonic() - started)
    _dump(config.out / "metrics.json", result)
    return result


def _write(
    config: Config,
    trainer: Trainer,
    stack: SpamStack,
    thresholds: Thresholds,
) -> None:
    model = trainer.fit(list(range(len(trainer.samples))))
    model.save(config.out)
    stack.save(config.out)
    _dump(config.out / "thresholds.json", asdict(thresholds))
    write_obscene_words(config.data / "lexicons", config.out / "obscene_words.txt")
    if config.out.resolve() != MODEL_DIR:
        for name in ("obscenity.txt", "courtesy_words.txt"):
            text = (MODEL_DIR / name).read_text(encoding="utf-8")
            (config.out / name).write_text(text, "utf-8")


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def summary(result: dict[str, Any]) -> str:
    """A short human-readable digest of ``run``'s result."""
    v = result["validation"]
    lines = [f"thresholds: {json.dumps(result['thresholds'], ensure_ascii=False)}"]
    for name, row in result["cross_domain"].items():
        lines.append(f"cross-domain {name}: AUC {row['auc']}, best F1 {row['best_f1']['f1']}")
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
    config = parse(argv)
    if not (config.data / "README.md").exists():
        print(f"нет данных в {config.data}", file=sys.stderr)
        return 2
    print(summary(run(config)))
    return 0
