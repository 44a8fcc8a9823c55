"""The trained tagger: `litkg train` on a slice, the bundled model, --model on extract/build/evaluate, hard records."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from litkg.extract.learn.features import doc_features, word_features
from litkg.extract.learn.model import BUNDLED, ModelError, load_model
from litkg.extract.learn.train import bio_labels, train
from litkg.extract.pipeline import BUNDLED_MODEL, build_pipeline, extract_papers
from litkg.extract.records import Paper
from litkg.extract.results import extraction_json
from litkg.graph.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold"
SEED = ROOT / "examples" / "seed.txt"


def test_bio_labels_mark_every_occurrence_longest_first():
    import spacy

    doc = spacy.blank("en")("Peer support online. Online peer support helps; peer support works.")
    labels = bio_labels(doc, ["peer support", "online peer support"])
    assert [doc[i].text for i, lab in enumerate(labels) if lab == "B"] == ["Peer", "Online", "peer"]
    assert labels.count("I") == 4


def test_rule_spans_are_features():
    nlp = build_pipeline("en")
    doc = nlp("Facebook groups reduced loneliness among veterans.")
    feats = doc_features(doc)
    assert len(feats) == len(doc)
    assert any(f.startswith("r=B-platform") for f in feats[0])
    assert word_features("Facebook")[0] == "w=facebook"


def test_bundled_model_loads_and_a_bad_folder_is_a_clean_error(tmp_path):
    model = load_model()
    assert model.path == BUNDLED and set(model.types) == {"platform", "benefit", "risk", "outcome", "population"}
    with pytest.raises(ModelError):
        load_model(tmp_path)


def _papers() -> list[Paper]:
    long_text = " ".join(["Patients used the app daily and reported less anxiety."] * 560)  # ~5,000 words
    return [
        Paper(id="empty", title="An empty abstract", abstract=""),
        Paper(id="long", title="A long abstract", abstract=long_text),
        Paper(id="de", title="Soziale Medien", abstract="Soziale Medien können die Einsamkeit von Patienten "
                                                        "mit Schizophrenie verringern.", language="de"),
        Paper(id="zh", title="社交媒体", abstract="社交媒体可以减少孤独感。", language="zh"),
        Paper(id="en", title="Text messaging for smokers",
              abstract="A text messaging program reduced smoking and improved quality of life among young adults. "
                       "Privacy concerns limited uptake."),
    ]


def test_hard_records_get_a_clean_result_and_offsets_slice_back():
    out = [extraction_json(ex) for ex in extract_papers(_papers(), model=BUNDLED_MODEL)]
    assert [o["id"] for o in out] == ["empty", "long", "de", "zh", "en"]
    papers = {p.id: p for p in _papers()}
    for o in out:
        for m in o["mentions"] + o["repeats"]:
            assert papers[o["id"]].field_text(m["field"])[m["start"]:m["end"]] == m["text"]
    found = {(m["type"], m["text"].lower()) for m in out[-1]["mentions"]}
    assert ("platform", "text messaging program") in found or ("platform", "text messaging") in found


def test_shipped_model_gives_identical_output_on_two_runs():
    runs = [[extraction_json(ex) for ex in extract_papers(_papers()[-1:], model=BUNDLED_MODEL)] for _ in range(2)]
    assert runs[0] == runs[1]


@pytest.fixture(scope="module")
def small_model(tmp_path_factory, corpus) -> Path:
    """A model trained on 12 gold abstracts (seconds)."""
    out = tmp_path_factory.mktemp("model") / "m"
    report = train(GOLD / "train.jsonl", [corpus("domain", "abstracts.jsonl"),
                                          corpus("digital-health", "abstracts.jsonl")], out, limit=12)
    assert report.papers == 12 and not report.missing_papers and report.spans["platform"] > 0
    return out


def test_train_command_writes_a_model(tmp_path, corpus, capsys):
    out = tmp_path / "m"
    code = main(["train", str(GOLD / "train.jsonl"), str(corpus("domain", "abstracts.jsonl")),
                 str(corpus("digital-health", "abstracts.jsonl")), "--out", str(out), "--limit", "5"])
    assert code == 0 and "wrote:" in capsys.readouterr().out
    assert json.loads((out / "model.json").read_text())["papers"] == 5
    assert main(["train", str(GOLD / "train.jsonl"), str(corpus("domain", "abstracts.jsonl")),
                 "--out", str(out)]) == 1  # exists, no --force


def test_model_option_on_extract_build_and_evaluate(small_model, tmp_path, capsys, shared_dir):
    out = tmp_path / "x.jsonl"
    assert main(["extract", str(SEED), "-o", str(out), "--model", str(small_model)]) == 0
    assert json.loads(out.read_text().splitlines()[0])["mentions"]
    assert main(["build", str(SEED), "--out", str(tmp_path / "b"), "--model", str(small_model)]) == 0
    assert (tmp_path / "b" / "graph.trig").exists()
    capsys.readouterr()
    assert main(["evaluate", str(shared_dir / "gold" / "seed.jsonl"), str(SEED), "--json",
                 "--model", str(small_model)]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["micro"]["f1"] > 0.5
    assert main(["extract", str(SEED), "--model", str(tmp_path / "nope")]) == 1


def _crf_and_docs(tmp_path, corpus):
    """A small CRFsuite model trained on 8 gold abstracts, and docs of other abstracts to tag."""
    import pycrfsuite

    from litkg.extract.gold import read_gold
    from litkg.extract.learn.train import training_texts

    inputs = [corpus("domain", "abstracts.jsonl"), corpus("digital-health", "abstracts.jsonl")]
    gold = read_gold(GOLD / "train.jsonl")
    items, _, _ = training_texts(gold[:8], inputs)
    crf = {}
    for type_ in ("benefit", "risk"):
        trainer = pycrfsuite.Trainer(verbose=False)
        for features, labels in items:
            trainer.append(features, labels[type_])
        trainer.set_params({"max_iterations": 30})
        trainer.train(str(tmp_path / f"{type_}.crf"))
        crf[type_] = tmp_path / f"{type_}.crf"
    nlp = build_pipeline("en", learned=False)
    texts = [t for t in (json.loads(line).get("abstract") for line in
                         corpus("digital-health", "abstracts.jsonl").open(encoding="utf-8")) if t][100:112]
    return crf, [nlp(t) for t in texts] + [nlp("Apps"), nlp("x | y")]


def test_numpy_inference_agrees_with_crfsuite(tmp_path, corpus):
    """Batched numpy forward-backward = CRFsuite's own marginals (up to the 6 decimals of its weight dump)."""
    import numpy as np
    import pycrfsuite

    from litkg.extract.learn.model import WEIGHTS, compile_crf

    crf, docs = _crf_and_docs(tmp_path, corpus)
    np.savez(tmp_path / WEIGHTS, **compile_crf(crf))
    (tmp_path / "model.json").write_text(json.dumps({"format": 2, "types": list(crf), "threshold": 0.35}))
    model = load_model(tmp_path)
    batched = model.marginals(docs)
    for doc, m in zip(docs, batched):
        assert np.allclose(model.marginals([doc])[0], m, atol=1e-12)  # padding never leaks into a document
        features = doc_features(doc)
        for t, path in enumerate(crf.values()):
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            tagger.set(features)
            want = [[tagger.marginal(label, k) for label in ("O", "B", "I")] for k in range(len(doc))]
            assert np.abs(np.array(want) - m[:, t, :]).max() < 1e-4


def test_feature_ids_are_the_feature_strings(corpus):
    """The tagger's cached integer features select exactly the rows of doc_features' strings."""
    model = load_model()
    nlp = build_pipeline("en", learned=False)
    texts = [json.loads(line).get("abstract") or "" for line in
             corpus("digital-health", "abstracts.jsonl").open(encoding="utf-8")][:15]
    ids, zero = model.features, len(model.index)
    for doc in [nlp(t) for t in texts if t] + [nlp("A"), nlp("Facebook groups help")]:
        rows, extra = ids(doc)
        for k, strings in enumerate(doc_features(doc)):
            got = sorted([r for r in rows[k].tolist() if r != zero] + [r for t, r in extra if t == k])
            assert got == sorted(model.index[s] for s in strings if s in model.index)


def test_feature_cache_is_bounded_and_clearing_it_changes_nothing(monkeypatch):
    """The per-form cache of feature rows never grows past MAX_FORMS; rows are the same after it is cleared."""
    import numpy as np

    from litkg.extract.learn import features
    from litkg.extract.learn.features import FeatureIds

    model = load_model()
    nlp = build_pipeline("en", learned=False)
    doc = nlp("Peer support groups on Facebook reduced loneliness and stigma among young adults with psychosis.")
    want = FeatureIds(model.index)(doc)
    monkeypatch.setattr(features, "MAX_FORMS", 5)
    ids = FeatureIds(model.index)
    got = ids(doc)
    assert len(ids._forms) <= 5
    assert np.array_equal(got[0], want[0]) and got[1] == want[1]
