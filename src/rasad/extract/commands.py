"""`rasad train ner` / `rasad train events`: reproducible training of the models shipped in ``rasad/models``."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from rasad.extract import ner_crf

train_app = typer.Typer(help="Train the project's models from shipped or shared data.", no_args_is_help=True)

SHARED = Path("/work/shared/data")


def _unlabelled(news: list[Path], conll: list[Path]) -> Iterator[list[str]]:
    """Token-key sentences for the word clusters: news paragraphs and the training corpora's tokens
    (their tokens only: labels are not used, and test splits are never read)."""
    from rasad.text.normalize import normalize_string
    from rasad.text.tokens import tokenize

    for f in news:
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = normalize_string(f"{rec.get('title') or ''}\n{rec.get('text') or ''}")
                for para in text.split("\n"):
                    toks = [ner_crf.text_key(para[a:b]) for a, b, _ in tokenize(para)]
                    if toks:
                        yield toks
    for f in conll:
        for sent in ner_crf.read_conll(f):
            yield [ner_crf.token_key(t) for t, _ in sent]


DEFAULT_TRAIN = [SHARED / "ner/peyma/train.txt", SHARED / "ner/peyma/dev.txt"]
DEFAULT_NEWS = [SHARED / "news/fars-news.jsonl"]
DEFAULT_CLUSTER_CONLL = [SHARED / "ner/arman/train_fold1.txt"]
# Arman's annotated PER/ORG/LOC names: a gazetteer feature (+1.8 F1 on PEYMA dev PER). Its sentences are not
# training data: its conventions differ (no dates, FAC/PRO/EVENT) and adding them cost 3.7 F1 on dev.
DEFAULT_NAMES_FROM = [SHARED / "ner/arman/train_fold1.txt"]


@train_app.command("ner")
def train_ner(
    train: Annotated[
        list[Path] | None, typer.Option("--train", help="CoNLL training files (token TAB tag); never a test split")
    ] = None,
    news: Annotated[
        list[Path] | None, typer.Option("--news", help="unlabelled JSONL news (title, text) for the word clusters")
    ] = None,
    cluster_conll: Annotated[
        list[Path] | None,
        typer.Option("--cluster-conll", help="more CoNLL files whose tokens (not tags) feed the clusters"),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="model file to write")] = ner_crf.MODEL_PATH,
    clusters: Annotated[Path, typer.Option("--clusters", help="word-cluster file to write/read")] = (
        ner_crf.CLUSTERS_PATH
    ),
    rebuild_clusters: Annotated[bool, typer.Option(help="recompute the word clusters before training")] = True,
    c1: Annotated[float, typer.Option(help="L1 penalty (prunes features: keeps the model small)")] = 0.1,
    c2: Annotated[float, typer.Option(help="L2 penalty")] = 0.05,
    iterations: Annotated[int, typer.Option(help="L-BFGS iterations")] = 150,
    kb_path: Annotated[str | None, typer.Option("--kb", help="KB data folder (gazetteer features)")] = None,
    corpus_names: Annotated[bool, typer.Option(help="gazetteer of the training data's names (fold-wise)")] = False,
    names_from: Annotated[
        list[Path] | None,
        typer.Option("--names-from", help="other annotated CoNLL files whose PER/ORG/LOC names are a gazetteer"),
    ] = None,
    no_names: Annotated[bool, typer.Option("--no-names", help="no names gazetteer from other corpora")] = False,
    doc: Annotated[
        bool, typer.Option(help="also train the second pass (document features, ner-crf-doc.crfsuite beside the model)")
    ] = True,
    doc_folds: Annotated[int, typer.Option(help="jack-knife blocks for the second pass's pass-1 tags")] = 2,
    org_heads: Annotated[
        bool, typer.Option(help="organisation head-noun features (models/ner-org-heads.txt); off: see docs/NER.md")
    ] = False,
) -> None:
    """Train the CRF named-entity tagger; prints a JSON summary."""
    from rasad.kb import KnowledgeBase

    train = train or DEFAULT_TRAIN
    news = news if news is not None else DEFAULT_NEWS
    cluster_text = cluster_conll if cluster_conll is not None else DEFAULT_CLUSTER_CONLL
    names_from = [] if no_names else (names_from if names_from is not None else DEFAULT_NAMES_FROM)
    for f in [*train, *names_from]:
        if "test" in f.name:
            raise typer.BadParameter(f"{f} looks like a test split: never train on one")
    t0 = time.perf_counter()
    summary: dict[str, object] = {}
    if rebuild_clusters:
        summary["cluster_vocab"] = ner_crf.build_clusters(_unlabelled(news, [*train, *cluster_text]), clusters)
    res = ner_crf.FeatureResources.load(KnowledgeBase.load(kb_path), clusters, org_heads=org_heads)
    summary.update(
        ner_crf.train(
            train,
            output,
            res,
            c1=c1,
            c2=c2,
            max_iterations=iterations,
            corpus_names=corpus_names,
            names_from=names_from,
        )
    )
    doc_model = output.with_name(ner_crf.DOC_MODEL_NAME)
    if doc:
        summary.update(
            ner_crf.train_document(
                train, output, res, folds=doc_folds, c1=c1, c2=c2, max_iterations=iterations, names_from=names_from
            )
        )
    elif doc_model.exists():
        doc_model.unlink()  # a stale second pass would re-tag with a pass 1 it was not trained on
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    summary["train"] = [str(f) for f in train]
    summary["names_from"] = [str(f) for f in names_from]
    typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))


@train_app.command("events")
def train_events(
    train: Annotated[
        list[Path] | None,
        typer.Option("--train", help="events gold files (default: dev, -2..-5 and tests/gold/train); never a held-out set"),
    ] = None,
    output_dir: Annotated[
        Path | None, typer.Option(help="folder of the four events-*.crfsuite files (default: rasad/models)")
    ] = None,
    cv: Annotated[
        bool, typer.Option(help="also measure: leave each development set out, and each --held-out set")
    ] = False,
    held_out: Annotated[
        list[Path] | None, typer.Option("--held-out", help="a blind set to score with --cv (trained on all the rest)")
    ] = None,
    c1: Annotated[float, typer.Option(help="L1 regularisation")] = 0.1,
    c2: Annotated[float, typer.Option(help="L2 regularisation")] = 1.0,
    iterations: Annotated[int, typer.Option(help="L-BFGS iterations")] = 200,
) -> None:
    """Train the learned event components over the rules (docs/EVENTS.md); prints a JSON summary."""
    from rasad.extract.events import learned, rolemodel, training
    from rasad.pipeline import Pipeline

    files = train or training.default_train()
    try:
        training.check_training_files(files)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    t0 = time.perf_counter()
    pipe = Pipeline.default()
    at = pipe.names.index("events")
    before, stage = Pipeline(pipe.stages[:at]), pipe.stages[at]
    sets = training.load_articles(files, before, stage)
    params = {"c1": c1, "c2": c2, "iterations": iterations}
    names = [learned.MODEL_PATH, rolemodel.TRIGGER_MODEL, rolemodel.ACTOR_MODEL, rolemodel.RECIPIENT_MODEL]
    paths = [output_dir / p.name for p in names] if output_dir else names
    summary: dict[str, object] = training.train([a for arts in sets.values() for a in arts], *paths, **params)
    summary["train"] = [str(f) for f in files]
    summary["models"] = [str(p) for p in paths]
    if output_dir is None:
        # (beside the shipped models: tests/test_events_model.py rebuilds them from exactly these files)
        made = training.manifest(files, params, {k: v for k, v in summary.items() if k in ("keep", "trigger", "actor", "recipient")})
        training.MANIFEST.write_text(json.dumps(made, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if cv:
        dev = {d.name for d in training.DEV_SETS}
        held = training.load_articles(held_out or [], before, stage)
        summary["cv"] = training.cross_validate(stage, sets, [f.name for f in files if f.name in dev], held, **params)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")
