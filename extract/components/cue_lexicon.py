"""The word lists and word classes of the cue rules (:mod:`litkg.extract.components.cues`): data only.

* :data:`RULES`, built from :data:`WORDS`: the cue phrases that open a list, with the type of its items.
* Word sets that end or trim a list item, and that decide which phrases may be items.
* Word classes as regular expressions, matched at the start of a lower-case word
  (see :mod:`litkg.extract.components.stems`): conditions, harms, barriers, health constructs,
  research, what an intervention delivers.
* Evaluative adjectives, and the words around a group noun ("health care workers", "people with SMI").
"""
from __future__ import annotations

import re

# Cue words by role: the rules below are built from them.
WORDS = {
    "benefit_nouns": ["benefits", "benefit", "advantages", "advantage", "gains", "strengths", "facilitators"],
    "risk_nouns": ["risks", "risk", "harms", "dangers", "concerns", "disadvantages", "drawbacks", "downsides",
                   "threats", "pitfalls"],
    "list_intro": ["such", "including", "include", "included", "includes", "like"],
    "promote": ["promote", "promotes", "promoted", "promoting", "foster", "fosters", "fostered", "fostering",
                "enhance", "enhances", "enhanced", "enhancing", "strengthen", "strengthens", "strengthened",
                "facilitate", "facilitates", "facilitated", "facilitating"],
    "gain": ["gain", "gains", "gained", "gaining"],
    "reduce_verbs": ["reduce", "reduces", "reduced", "reducing", "decrease", "decreases", "decreased",
                     "decreasing", "lower", "lowers", "lowered", "alleviate", "alleviates", "alleviated",
                     "alleviating", "mitigate", "mitigates", "mitigating", "prevent", "prevents", "preventing",
                     "lessen", "lessens", "relieve", "relieves", "relieving"],
    "improve_verbs": ["improve", "improves", "improved", "improving", "increase", "increases", "increasing",
                      "boost", "boosts", "boosting", "support", "supports", "supporting", "supplement",
                      "supplements", "augment", "augments", "help", "helps", "helped", "helping", "enable",
                      "enables", "enabling", "empower", "empowers", "empowering", "encourage", "encourages",
                      "encouraging", "complement", "complements", "complementing", "extend", "extends",
                      "expand", "expands", "expanding", "manage", "managing", "overcome", "overcoming",
                      "address", "addressing", "bridge", "bridging", "close", "closing"],
    # verbs whose object is an intervention or a group reached, not a health construct
    "deliver_verbs": ["deliver", "delivers", "delivering", "provide", "provides", "providing", "offer", "offers",
                      "offering", "reach", "reaches", "reaching", "serve", "serving", "disseminate",
                      "disseminating", "identify", "identifying", "detect", "detecting", "monitor", "monitoring",
                      "engage", "engaging", "connect", "connecting"],
    "improve_nouns": ["improvements", "improvement", "changes", "change", "reductions", "reduction", "increases",
                      "increase", "decreases", "decrease", "gains", "effects", "effect", "impact", "deterioration"],
    "outcome_nouns": ["outcomes", "outcome", "endpoints", "endpoint", "measures"],
    "assoc_dir": ["reduced", "increased", "lower", "higher", "greater", "better", "worse", "poorer", "improved",
                  "decreased", "fewer", "less", "more"],
    "group": ["people", "persons", "individuals", "patients", "adults", "adolescents", "youth", "children",
              "women", "men", "veterans", "students", "users", "participants", "clients", "consumers", "those",
              "survivors", "mothers", "parents", "caregivers", "outpatients", "inpatients", "employees", "workers",
              "residents", "citizens", "refugees", "smokers", "drinkers", "providers", "clinicians", "nurses",
              "physicians", "practitioners", "professionals"],
    "group_link": ["with", "experiencing", "diagnosed", "suffering", "living", "at", "who", "receiving",
                   "undergoing", "seeking", "affected", "eligible"],
}

# (type, name, token pattern); the list starts after the match.
RULES: tuple[tuple[str, str, tuple[dict, ...]], ...] = (
    ("benefit", "benefits-such-as", (
        {"LOWER": {"IN": WORDS["benefit_nouns"]}}, {"LOWER": {"IN": ["may", "might", "could", "can"]}, "OP": "?"},
        {"LOWER": {"IN": WORDS["list_intro"]}}, {"LOWER": "as", "OP": "?"})),
    ("benefit", "promote", ({"LOWER": {"IN": WORDS["promote"]}},)),
    ("benefit", "gain", ({"LOWER": {"IN": WORDS["gain"]}}, {"LOWER": {"IN": ["in", "from"]}, "OP": "?"})),
    ("benefit", "opportunities-to", ({"LOWER": {"IN": ["opportunities", "opportunity"]}},
                                     {"LOWER": {"IN": ["to", "for"]}})),
    ("risk", "risks-include", (
        {"LOWER": {"IN": WORDS["risk_nouns"]}}, {"LOWER": {"IN": ["may", "might", "could", "can"]}, "OP": "?"},
        {"LOWER": {"IN": WORDS["list_intro"] + ["about", "over", "regarding", "around"]}},
        {"LOWER": "as", "OP": "?"})),
    ("risk", "exposure-to", ({"LOWER": {"IN": ["exposure", "exposed"]}}, {"LOWER": "to"})),
    ("risk", "increased-risk", ({"LOWER": {"IN": ["increased", "higher", "greater", "elevated"]}},
                                {"LOWER": {"IN": ["risk", "risks", "likelihood", "rates"]}}, {"LOWER": "of"})),
    ("benefit", "reduce-verb", ({"LOWER": {"IN": WORDS["reduce_verbs"]}},)),
    ("benefit", "improve-verb", ({"LOWER": {"IN": WORDS["improve_verbs"]}},)),
    ("benefit", "deliver-verb", ({"LOWER": {"IN": ["to", "can", "could", "may", "might", "help", "helps"]}},
                                 {"LOWER": {"IN": WORDS["deliver_verbs"]}})),
    ("outcome", "improvements-in", ({"LOWER": {"IN": WORDS["improve_nouns"]}}, {"LOWER": {"IN": ["in", "on"]}})),
    ("outcome", "outcomes-such-as", ({"LOWER": {"IN": WORDS["outcome_nouns"]}},
                                     {"LOWER": {"IN": ["such", "including", "included", "include", "were", "of"]}},
                                     {"LOWER": "as", "OP": "?"})),
    ("outcome", "associated-with", ({"LOWER": {"IN": ["associated", "linked", "related", "correlated"]}},
                                    {"LOWER": {"IN": ["with", "to"]}},
                                    {"LOWER": {"IN": WORDS["assoc_dir"]}})),
    ("population", "people-with", ({"LOWER": {"IN": WORDS["group"]}}, {"LOWER": {"IN": WORDS["group_link"]}},
                                   {"LOWER": "with", "OP": "?"})),
)

# Words that end a list (a new clause begins) and words trimmed from item edges.
STOP = frozenset("""which that who whom whose while whereas but however because although though when where
than if so thus since via whether unless until as through by among between within during after before
is are was were be been has have had do does did will would should must shall can could may might
we they it this these those our their its""".split())
LEAD_TRIM = frozenset("""a an the their its his her our of and or to by from for with in on as also
both either more greater increased better improved such including like than other""".split())
TRAIL_TRIM = frozenset("""a an the their its of and or to by from for with in on as also online offline
among at""".split())
CONDITION = re.compile(r"(?:ill|disorder|disease|depress|anxi|psychos|psychotic|schizo|bipolar|ptsd|smi|"
                       r"diabet|cancer|dementia|autis|adhd|addict|symptom|condition|trauma|suicid|self-harm|"
                       r"substance|alcohol|opioid|hiv|obes|pain|problem|need|distress|insomnia|sleep|stress|"
                       r"surgery|injur|disabilit|impair|treatment|therapy|care|services|experience|income)", re.I)
# "people with BD", "patients with a known SUD"; not statistics, places or study words
ACRONYM = re.compile(r"(?!(?:RCT|CI|SD|IQR|OR|HR|UK|US|USA|NHS|GPA|EHR|APP|BMI|IQ|AI|VR|SMS|PhD)s?$)[A-Z]{2,5}s?")

# A conjunct of one word right after one of these modifies the shared head:
# "interventions for mental and physical wellbeing" is one item.
MODIFIER_OPENERS = frozenset("""for of in on to with about from the a an their its our both""".split())

HARM = re.compile(r"(?:depress|anxi|stress|distress|symptom|loneli|isolat|stigma|suicid|self-harm|harm|risk|"
                  r"burden|cost|relapse|craving|substance|alcohol|drinking|smoking|pain|fatigue|insomnia|"
                  r"worry|fear|trauma|ptsd|burnout|hospitali|waiting|dropout|attrition)", re.I)
BARRIER = re.compile(r"(?:barrier|gap|waiting|delay|inequalit|dispariti)", re.I)
HEALTHY_OBJECT = re.compile(r"(?:health|well-?being|wellness|mood|depress|anxi|stress|distress|symptom|loneli|"
                            r"isolat|stigma|suicid|harm|recovery|quality|function|engagement|"
                            r"adherence|access|care|treatment|therap|support|coping|resilien|empower|"
                            r"connect|belong|awareness|knowledge|literacy|seeking|sleep|activity|"
                            r"outcome|barrier|gap|burden|cost|substance|alcohol|drinking|smoking|craving|relapse|"
                            r"communication|satisfaction|motivation|confidence|hope|esteem|efficacy|productiv|"
                            r"presenteeism|absenteeism|waiting|pain|fatigue|insomnia|ptsd|trauma|diet|nutrition|"
                            r"eating|weight|glyc|hba1c|heart|body|affect|worr|retention|attrition|feasib|"
                            r"acceptab|usab|mortality|death|step|sedentary|panic|disorder|ill|disabilit|"
                            r"employ|work|social|behavio)", re.I)

# Benefits the guidelines exclude: gains for researchers, not for the people using the platform
# ("improve the reproducibility of research", "identify and review the evidence").
RESEARCH = re.compile(r"^(?:research\w*|reproducib\w*|evidence|literature|reviews?|diagrams?|methodolog\w*|"
                      r"stud(?:y|ies)|analys[ie]s|understanding|insights?|researchers?)$")

# Words before a reported change: "a small but significant improvement", "larger reduction".
RESULT_MODIFIERS = frozenset("""significant significantly small large larger greater moderate modest substantial
marked clinically meaningful sustained positive beneficial immediate short-term long-term overall statistically
notable considerable robust""".split())
# Words that are verbs or nouns: as verbs only after "to", a modal or a conjunction, or in -ing/-ed form.
AMBIGUOUS_VERBS = frozenset("""support supports help helps increase increases change changes supplement
supplements address close monitor bridge lower boost reach offer offers detect""".split())
VERB_CONTEXT = frozenset("""to can could may might will would should must also and or which that help helps
helped""".split())

DELIVERED = re.compile(r"(?:intervention|psychoeducation|education|treatment|therap|care|service|support|"
                       r"program|information|resource|feedback|counsel|coaching|skills|self-help|help|access|"
                       r"communit|population|underserved|people|individuals|patients|users|youth|adults|"
                       r"demographic|audience|peers|symptom|risk|need)", re.I)
VERB_RULE = {**{w: "reduce-verb" for w in WORDS["reduce_verbs"]},
             **{w: "improve-verb" for w in WORDS["improve_verbs"]},
             **{w: "deliver-verb" for w in WORDS["deliver_verbs"]}}

# Evaluative adjectives: a coordinated run of two or more ("convenient,
# cost-effective, and accessible") is one benefit; a run needs one strong word.
EVALUATIVE_STRONG = frozenset("""effective cost-effective efficacious accessible affordable scalable convenient
acceptable feasible efficient cost-saving low-cost inexpensive helpful useful beneficial anonymous
user-friendly sustainable""".split())
EVALUATIVE = EVALUATIVE_STRONG | frozenset("""brief safe timely confidential private flexible engaging usable
easy personalized personalised tailored interactive practical appealing valuable available portable
nonstigmatizing non-stigmatizing stigma-free evidence-based""".split())
EVALUATIVE_HEADS = frozenset("""treatment treatments solution solutions approach approaches intervention
interventions tool tools option options alternative alternatives way ways means response care support
services service format formats method methods strategy strategies resource resources delivery
modality modalities""".split())


# Items that name no phrase of their own: demographics, pronoun phrases.
DEMOGRAPHIC = frozenset("""age gender sex race ethnicity education income nativity language marital status
employment-status country region site""".split())
PRONOUN_HEAD = frozenset("""this that these those it they them which such other""".split())

# Words that end the condition after a group noun: "participants with diabetes | over the course of ..."
POPULATION_TAIL_STOP = frozenset("""in at on for report reported were are over during across through via while
contributed completed received showed had has have was is""".split())

# Words before a group noun that belong to the group ("depressed patients"), and words that do not.
GROUP_ADJECTIVES = frozenset("""depressed bereaved incarcerated unemployed underserved disadvantaged hospitalized
hospitalised affected displaced marginalized marginalised vulnerable aged""".split())
NOT_MODIFIER = frozenset("""among include including recruited enrolled study trial sample total
participants using use background objective objectives methods results conclusions aim aims purpose design
setting introduction""".split()) | frozenset(WORDS["group"])
