"""Custom spaCy components; importing this package registers their factories."""
from litkg.extract.components import context, cues, relations, sentences  # noqa: F401
