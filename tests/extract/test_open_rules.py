"""The open-extraction rules on hand-written sentences: what each finds, and what it must leave alone."""
from __future__ import annotations

import pytest

from litkg.extract.affiliations import mask_author_lists, parse_affiliation
from litkg.extract.pipeline import extract_papers
from litkg.extract.results import extraction_json
from litkg.extract.records import Paper


def mentions(abstract: str, title: str = "") -> dict[str, set[str]]:
    (ex,) = list(extract_papers([Paper(id="x:1", title=title, abstract=abstract)], institutions=False))
    out: dict[str, set[str]] = {}
    for m in extraction_json(ex)["mentions"]:
        out.setdefault(m["type"], set()).add(m["text"])
    return out


def test_evaluative_run_is_one_benefit():
    found = mentions("Smartphone apps are convenient, cost-effective, and accessible.")
    assert "convenient, cost-effective, and accessible" in found["benefit"]
    assert not {"accessible", "cost-effective", "convenient"} & found["benefit"]


def test_evaluative_run_takes_its_head_noun():
    found = mentions("Apps could deliver effective, accessible, and affordable insomnia treatments.")
    assert "deliver effective, accessible, and affordable insomnia treatments" in found["benefit"]


def test_verb_phrase_benefits_after_to():
    found = mentions("Smartphones can be used to deliver interventions and psychoeducation to young people.")
    assert any(b.startswith("deliver interventions and psychoeducation") for b in found["benefit"])


def test_noun_support_is_not_a_verb():
    found = mentions("Peer support interventions were associated with better mood.")
    assert not any(b.startswith("support interventions") for b in found.get("benefit", ()))


def test_reported_change_is_a_benefit_and_its_construct_an_outcome():
    found = mentions("The app produced a large improvement in insomnia severity.")
    assert "large improvement in insomnia severity" in found["benefit"]
    assert found["outcome"] & {"insomnia", "insomnia severity"}


def test_negated_change_is_no_benefit():
    found = mentions("The app did not produce a significant improvement in insomnia severity.")
    assert not found.get("benefit")


def test_research_gains_are_no_benefits():
    found = mentions("Open data can improve the reproducibility of research.")
    assert not found.get("benefit")


@pytest.mark.parametrize("text, risk", [
    ("Most apps were not in line with practice guidelines.", "not in line with practice guidelines"),
    ("Several apps were lacking a privacy policy.", "lacking a privacy policy"),
    ("The apps failed to monitor critical information.", "failed to monitor critical information"),
    ("The trial reported poor engagement and retention rates.", "poor engagement and retention rates"),
    ("Attrition was high in both arms.", "Attrition was high"),
])
def test_shortcomings_are_risks(text, risk):
    assert risk in mentions(text).get("risk", set())


def test_gaps_in_research_are_no_risks():
    assert not mentions("There is a lack of evidence on long-term effects.").get("risk")


@pytest.mark.parametrize("text, platform", [
    ("We tested an app- or web-based program.", "app- or web-based"),
    ("Participants received internet-delivered therapy.", "internet-delivered"),
    ("We evaluated Text4Hope, a free text message service.", "Text4Hope"),
])
def test_platform_forms(text, platform):
    assert platform in mentions(text)["platform"]


def test_databases_and_headings_are_no_platforms():
    found = mentions("ObjectiveWe searched PubMed and PsycINFO for smartphone apps.")
    assert not {"PubMed", "PsycINFO", "ObjectiveWe"} & found.get("platform", set())


def test_research_methods_are_no_platforms():
    found = mentions("Data were collected with a web-based questionnaire and an online survey.")
    assert not found.get("platform")


def test_construct_as_modifier_is_no_outcome():
    assert "mental health" not in mentions("Mental health apps are popular.").get("outcome", set())
    assert "mental health" in mentions("The program improved mental health.")["outcome"]


def test_condition_of_a_population_is_no_outcome():
    found = mentions("We recruited adults with depression from primary care.")
    assert any(p.startswith("adults with depression") for p in found["population"])
    assert "depression" not in found.get("outcome", set())


@pytest.mark.parametrize("text, group", [
    ("Health care workers reported burnout.", "Health care workers"),
    ("We surveyed front-line workers in clinics.", "front-line workers"),
    ("Depressed patients with diabetes over the course of the study improved.", "Depressed patients with diabetes"),
])
def test_population_modifiers(text, group):
    assert group in mentions(text)["population"]


def test_short_forms_of_a_platform_are_repeats():
    (ex,) = list(extract_papers([Paper(id="x:1", abstract="We built a mobile health app. The app was used daily.")],
                                institutions=False))
    out = extraction_json(ex)
    assert {m["text"] for m in out["mentions"] if m["type"] == "platform"} == {"mobile health app"}
    assert [m["text"] for m in out["repeats"]] == ["app"]


def test_jama_author_lists_are_no_institutions():
    raw = "Department of Psychiatry, Yale University, New Haven, Connecticut (Krystal, Chekroud)."
    assert mask_author_lists(raw).count("Krystal") == 0
    units = [u.text for a in parse_affiliation(raw) for u in a.units]
    assert units == ["Department of Psychiatry", "Yale University"]
    broken = [u.text for a in parse_affiliation("Drake) ; School of Health and Social Care , University of Lincoln ,"
                                                " Lincoln , United Kingdom (") for u in a.units]
    assert broken == ["School of Health and Social Care", "University of Lincoln"]


def test_a_group_is_listed_once():
    (ex,) = list(extract_papers([Paper(id="x:1", abstract="We surveyed UK university students. The students used apps.")],
                                institutions=False))
    out = extraction_json(ex)
    assert {m["text"] for m in out["mentions"] if m["type"] == "population"} == {"UK university students"}
    assert "students" in {m["text"] for m in out["repeats"]}


@pytest.mark.parametrize("text", [
    "Those not in the intervention group received usual care.",
    "The included studies were of low quality.",
    "We will improve the billing framework.",
    "PhD students used the app.",
])
def test_no_finding_where_none_is_stated(text):
    found = mentions(text)
    assert not found.get("risk") and not found.get("benefit")
    assert "PhD" not in found.get("platform", set())


def test_evidence_based_is_no_research():
    assert any(b.startswith("deliver evidence-based interventions")
               for b in mentions("Apps can deliver evidence-based interventions to young people.")["benefit"])


def test_glued_sentences_are_split():
    from litkg.extract.pipeline import default_pipeline

    doc = default_pipeline("en")("Apps help many people.This development is new, e.g.The app. Dr.Smith agreed.")
    assert [s.text for s in doc.sents][:2] == ["Apps help many people.", "This development is new, e.g.The app."]
