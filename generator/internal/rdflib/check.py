# Reads a SKOS vocabulary twice, as Turtle (argv[1]) and as JSON-LD
# (argv[2]), and prints a JSON report: triple counts, whether the two are
# the same graph, the broken SKOS integrity rules, and each concept's
# statements. Run by rdflib.go with Debian's python3-rdflib.
import json
import sys
from collections import defaultdict

from rdflib import BNode, Graph, Literal, RDF, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS

ttl = Graph().parse(sys.argv[1], format="turtle")
jsonld = Graph().parse(sys.argv[2], format="json-ld")
problems = []


def label(o):
    return str(o) + ("@" + o.language if isinstance(o, Literal) and o.language else "")


# S14: no two prefLabels of a resource share a language tag.
for s in set(ttl.subjects(SKOS.prefLabel, None)):
    langs = defaultdict(int)
    for o in ttl.objects(s, SKOS.prefLabel):
        langs[o.language] += 1
    for lang, n in langs.items():
        if n > 1:
            problems.append(f"{s} has {n} prefLabels in language {lang}")

# S13: prefLabel, altLabel and hiddenLabel are pairwise disjoint.
for s in set(ttl.subjects(SKOS.altLabel, None)):
    pref = set(ttl.objects(s, SKOS.prefLabel))
    for o in ttl.objects(s, SKOS.altLabel):
        if o in pref:
            problems.append(f"{s} has {label(o)} as both prefLabel and altLabel")

# No cycle through skos:broader, and S27: skos:related is disjoint from
# skos:broaderTransitive.
broader = defaultdict(set)
for s, o in ttl.subject_objects(SKOS.broader):
    broader[s].add(o)
for s, o in ttl.subject_objects(SKOS.narrower):
    broader[o].add(s)


def ancestors(s):
    seen, todo = set(), list(broader[s])
    while todo:
        x = todo.pop()
        if x not in seen:
            seen.add(x)
            todo.extend(broader[x])
    return seen


for s in list(broader):
    up = ancestors(s)
    if s in up:
        problems.append(f"{s} is broader than itself through skos:broader")
    for o in ttl.objects(s, SKOS.related):
        if o in up:
            problems.append(f"{s} is related to {o}, which is also broader")

# Every concept is in a scheme and has a label.
for s in set(ttl.subjects(RDF.type, SKOS.Concept)):
    if (s, SKOS.inScheme, None) not in ttl:
        problems.append(f"{s} is in no scheme")
    if (s, SKOS.prefLabel, None) not in ttl:
        problems.append(f"{s} has no prefLabel")


def value(o):
    # A blank node's name differs from parse to parse: it is shown as its
    # titles, [title@lang].
    if isinstance(o, BNode):
        return "[" + ", ".join(sorted(label(t) for t in ttl.objects(o, DCTERMS.title))) + "]"
    return label(o) if isinstance(o, Literal) else str(o)


def statements(s):
    out = defaultdict(list)
    for p, o in ttl.predicate_objects(s):
        name = str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        out[name].append(value(o))
    return {k: sorted(v) for k, v in out.items()}


schemes = list(ttl.subjects(RDF.type, SKOS.ConceptScheme))
print(json.dumps({
    "ttl_triples": len(ttl),
    "jsonld_triples": len(jsonld),
    "isomorphic": isomorphic(ttl, jsonld),
    "problems": problems,
    "concepts": {str(s): statements(s) for s in ttl.subjects(RDF.type, SKOS.Concept)},
    "scheme": statements(schemes[0]) if schemes else {},
}))
