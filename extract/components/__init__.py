"""Custom spaCy components; importing this package registers their factories.

Components (spaCy factories), in pipeline order:

* ``litkg_sentences`` (:mod:`.sentences`): sentence boundaries, as the sentencizer sets them.
* ``litkg_cues`` (:mod:`.cues`, optional): open extraction by cue rules.
* ``litkg_learned`` (:mod:`.learned`, optional): spans of the trained tagger (:mod:`litkg.extract.learn`).
* ``litkg_context`` (:mod:`.context`): exclusions, resolution, hedging and negation.
* ``litkg_relations`` (:mod:`.relations`): sentence-level findings.

Helpers: :mod:`.words` (a doc's words as integers, shared by all), :mod:`.groups`
(group phrases, shared by the cue rules and the exclusions), :mod:`.exclusions`,
:mod:`.resolve` and :mod:`.hedging` (the steps of ``litkg_context``), and for the cue
rules :mod:`.cue_lexicon` (their word lists, data only), :mod:`.lists`, :mod:`.stems`,
:mod:`.evaluative`, :mod:`.appraisals` and :mod:`.platform_forms`.
"""
from litkg.extract.components import context, cues, learned, relations, sentences  # noqa: F401
