"""Checks on SPARQL text made before a query reaches the parser: nesting depth and federation.

Oxigraph's parser is recursive: a query nested a few thousand levels deep
overflows its stack and takes the process with it, so the endpoint bounds the
nesting first. ``SERVICE`` makes the evaluator send HTTP requests wherever the
query says (server-side request forgery from a public endpoint), so a
read-only endpoint refuses it unless told otherwise. Both checks read the
query's tokens with strings, IRIs and comments blanked out, so that a ``{`` or
the word ``SERVICE`` inside a literal counts for nothing.
"""
from __future__ import annotations

import re

MAX_NESTING = 128
"""Deepest nesting of ``{ ( [`` a query may have; hand-written queries stay far below it."""

_SKIP = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # short strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'  # IRIs (a '<' followed by a space is the operator)
    r"|#[^\n]*",  # comments
    re.S)
_SERVICE = re.compile(r"(?<![?$:\w])SERVICE(?![\w:])", re.I)


def code_only(sparql: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces of the same length.

    >>> code_only('SELECT * { ?s ?p "{ SERVICE" } # {')
    'SELECT * { ?s ?p             }    '
    """
    return _SKIP.sub(lambda m: " " * len(m.group()), sparql)


def nesting_depth(sparql: str) -> int:
    """The deepest nesting of braces, parentheses and brackets outside strings, IRIs and comments.

    >>> nesting_depth("ASK { { ?s ?p ?o } }")
    2
    >>> nesting_depth('SELECT * { ?s ?p "((((" FILTER(?o < 3) }')
    2
    """
    depth = deepest = 0
    for ch in code_only(sparql):
        if ch in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})]":
            depth = max(0, depth - 1)
    return deepest


def uses_service(sparql: str) -> bool:
    """True when the query federates (a ``SERVICE`` clause), not when the word is a name, string or IRI.

    >>> uses_service("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service { ?s ex:SERVICE "SERVICE" }')
    False
    """
    return bool(_SERVICE.search(code_only(sparql)))
