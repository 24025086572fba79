package export

import (
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
)

// The SKOS graph is described once, by describe, to a graph writer; the
// Turtle and the JSON-LD writers only spell it, so the two files hold the
// same triples (the tests check that an RDF parser reads them as
// isomorphic graphs).

// graphWriter spells a graph one node at a time. Predicates are compact
// IRIs with the prefixes of the vocabularies below.
type graphWriter interface {
	node(id, class string)
	// text states literals in languages.
	text(pred string, values ...literal)
	// refs states IRIs.
	refs(pred string, iris ...string)
	// typed states literals of a datatype: xsd:date, xsd:language,
	// xsd:boolean or xsd:string.
	typed(pred, datatype string, values ...string)
	// resources states resources known by an IRI or, without one, by a
	// title: a blank node whose only statement is its dct:title.
	resources(pred string, rs []resource)
	end()
}

// resource is an IRI or, where IRI is "", a resource named by its Title
// (in the default language).
type resource struct{ IRI, Title string }

// literal is text in a language: lang is a tag, or "" for none.
type literal struct{ text, lang string }

// in tags each of texts with lang.
func in(lang string, texts ...string) []literal {
	out := make([]literal, len(texts))
	for i, t := range texts {
		out[i] = literal{t, lang}
	}
	return out
}

var prefixes = []struct{ name, iri string }{
	{"skos", "http://www.w3.org/2004/02/skos/core#"},
	{"dct", "http://purl.org/dc/terms/"},
	{"owl", "http://www.w3.org/2002/07/owl#"},
	{"xsd", "http://www.w3.org/2001/XMLSchema#"},
}

// foaf names the pages of a concept's translations (foaf:page, which SKOS
// tools show as the concept's pages). Only a site in several languages
// uses it, so only its files declare it.
var foaf = struct{ name, iri string }{"foaf", "http://xmlns.com/foaf/0.1/"}

// prefixesOf are the prefixes the graph of g uses.
func prefixesOf(g *glossary.Glossary) []struct{ name, iri string } {
	if len(g.Languages) > 1 {
		return append(slices.Clone(prefixes), foaf)
	}
	return prefixes
}

// describe states the whole SKOS graph of g to w: the scheme, each term
// as a skos:Concept, each category as a skos:Collection. Text is in each
// of the site's languages that has it, the default first.
func describe(w graphWriter, g *glossary.Glossary) {
	s := g.Settings
	langs := languages(g)
	def := langs[0].tag
	scheme := SchemeURI(g)
	w.node(scheme, "skos:ConceptScheme")
	var titles, descriptions []literal
	var tags []string
	for _, l := range langs {
		titles = append(titles, literal{l.g.Settings.Title, l.tag})
		if d := l.g.Settings.Description; d != "" {
			descriptions = append(descriptions, literal{d, l.tag})
		}
		if l.tag != "" {
			tags = append(tags, l.tag)
		}
	}
	w.text("dct:title", titles...)
	w.text("dct:description", descriptions...)
	w.typed("dct:language", "xsd:language", tags...)
	if s.LicenseURL != "" {
		w.refs("dct:license", s.LicenseURL)
	}
	if m := Modified(g); m != "" {
		w.typed("dct:modified", "xsd:date", m)
	}
	w.end()
	uris := func(slugs []string) []string {
		out := make([]string, len(slugs))
		for i, slug := range slugs {
			out[i] = termURI(g, slug)
		}
		return out
	}
	for _, t := range g.Topics {
		term := TermOf(g, t)
		w.node(term.URI, "skos:Concept")
		// The slug: what a page's link to this file names as its fragment.
		w.typed("dct:identifier", "xsd:string", term.Slug)
		pref, alt, definitions := in(def, term.Title), in(def, term.Aliases...), in(def, term.Summary)
		var notes []literal
		if term.ScopeNote != "" {
			notes = in(def, term.ScopeNote)
		}
		var pages []string
		for _, l := range langs[1:] {
			tr, ok := term.Translations[l.g.Code]
			if !ok {
				continue
			}
			pref = append(pref, literal{tr.Title, l.tag})
			alt = append(alt, in(l.tag, tr.Aliases...)...)
			definitions = append(definitions, literal{tr.Summary, l.tag})
			if tr.ScopeNote != "" {
				notes = append(notes, literal{tr.ScopeNote, l.tag})
			}
			pages = append(pages, tr.URL)
		}
		w.text("skos:prefLabel", pref...)
		w.text("skos:altLabel", alt...)
		w.text("skos:definition", definitions...)
		w.text("skos:scopeNote", notes...)
		w.refs("foaf:page", pages...)
		w.refs("skos:inScheme", scheme)
		if len(term.Broader) == 0 {
			w.refs("skos:topConceptOf", scheme)
		}
		w.refs("skos:broader", uris(term.Broader)...)
		w.refs("skos:narrower", uris(term.Narrower)...)
		w.refs("skos:related", uris(term.Related)...)
		if term.Updated != "" {
			w.typed("dct:modified", "xsd:date", term.Updated)
		}
		// dct:source is meant for resources, not literals: a source is
		// its address, or, without one, a blank node with its title (a
		// title is not an identifier: two terms citing one book get two
		// nodes). The address alone is stated, not a title for it, as
		// two terms may title one address differently.
		srcs := make([]resource, len(term.Sources))
		for i, src := range term.Sources {
			srcs[i] = resource{src.URL, src.Title}
		}
		w.resources("dct:source", srcs)
		if term.Status == content.StatusDeprecated {
			w.typed("owl:deprecated", "xsd:boolean", "true")
			if term.ReplacedBy != "" {
				w.refs("dct:isReplacedBy", termURI(g, term.ReplacedBy))
			}
		}
		w.end()
	}
	for _, c := range g.Categories {
		w.node(g.Settings.BaseURL+glossary.CategoryPath(c)+"#collection", "skos:Collection")
		w.text("skos:prefLabel", literal{c.Name, def})
		members := make([]string, len(c.Topics))
		for i, t := range c.Topics {
			members[i] = termURI(g, t.Slug)
		}
		w.refs("skos:member", members...)
		w.end()
	}
}

// turtle spells the graph as Turtle.
type turtle struct {
	o *out
	// lang is the default language's tag, for the titles of sources.
	lang string
}

func writeTurtle(o *out, g *glossary.Glossary) {
	for _, p := range prefixesOf(g) {
		o.str("@prefix " + p.name + ": ")
		o.str(turtleIRI(p.iri))
		o.str(" .\n")
	}
	describe(&turtle{o: o, lang: Language(g)}, g)
}

func (t *turtle) node(id, class string) {
	t.o.str("\n" + turtleIRI(id) + " a " + class)
}

func objects[T any](t *turtle, pred string, values []T, spell func(T) string) {
	if len(values) == 0 {
		return
	}
	t.o.str(" ;\n    " + pred + " ")
	for i, v := range values {
		if i > 0 {
			t.o.str(", ")
		}
		t.o.str(spell(v))
	}
}

func (t *turtle) text(pred string, values ...literal) { objects(t, pred, values, turtleLiteral) }

// turtleLiteral spells text in its language.
func turtleLiteral(l literal) string {
	if l.lang == "" {
		return turtleString(l.text)
	}
	return turtleString(l.text) + "@" + l.lang
}

func (t *turtle) refs(pred string, iris ...string) {
	objects(t, pred, iris, turtleIRI)
}

func (t *turtle) typed(pred, datatype string, values ...string) {
	objects(t, pred, values, func(v string) string { return turtleString(v) + "^^" + datatype })
}

func (t *turtle) resources(pred string, rs []resource) {
	objects(t, pred, rs, func(r resource) string {
		if r.IRI != "" {
			return turtleIRI(r.IRI)
		}
		return "[ dct:title " + turtleLiteral(literal{r.Title, t.lang}) + " ]"
	})
}

func (t *turtle) end() { t.o.str(" .\n") }

// turtleString quotes s as a Turtle string: a quote, a backslash or a
// line break inside cannot end it, so `"""` and `\` in a title stay text.
func turtleString(s string) string {
	if plainTurtle(s) {
		return `"` + s + `"`
	}
	return escapeTurtle(s)
}

// escapeTurtle is turtleString's way with a string that needs escapes.
func escapeTurtle(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				b.WriteString(`\u00`)
				b.WriteByte("0123456789ABCDEF"[r>>4])
				b.WriteByte("0123456789ABCDEF"[r&15])
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// plainTurtle reports whether s is valid UTF-8 that a Turtle string
// holds as it is.
func plainTurtle(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return utf8.ValidString(s)
}

// turtleIRI writes an IRI between angle brackets, percent-encoding what
// an IRI reference may not hold. Addresses come from base_url and the
// license setting, both checked URLs, so this is a safeguard.
func turtleIRI(iri string) string {
	var b strings.Builder
	b.Grow(len(iri) + 2)
	b.WriteByte('<')
	for i := 0; i < len(iri); i++ {
		c := iri[i]
		if c <= 0x20 || c == 0x7f || strings.IndexByte(`<>"{}|^`+"`\\", c) >= 0 {
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
			continue
		}
		b.WriteByte(c)
	}
	b.WriteByte('>')
	return b.String()
}

// jsonLD spells the graph as JSON-LD: one object per node in @graph, with
// an inline @context (readers may have no network) that names each
// predicate by its local name and says which values are IRIs or typed.
type jsonLD struct {
	o     *out
	first bool // no node written yet
	// lang is the context's @language, which plain strings take.
	lang string
	// terms are jsonLDTerms and those of the prefixes only some graphs
	// use.
	terms []jsonLDTerm
}

// jsonLDTerms are the context's terms: the local name of each predicate
// the graph uses, with the type its values are coerced to, if any.
type jsonLDTerm struct{ curie, coerce string }

var jsonLDTerms = []jsonLDTerm{
	{"dct:title", ""}, {"dct:description", ""}, {"dct:language", "xsd:language"},
	{"dct:license", "@id"}, {"dct:modified", "xsd:date"}, {"dct:identifier", "xsd:string"},
	{"skos:prefLabel", ""}, {"skos:altLabel", ""}, {"skos:definition", ""}, {"skos:scopeNote", ""},
	{"skos:inScheme", "@id"}, {"skos:topConceptOf", "@id"}, {"skos:broader", "@id"},
	{"skos:narrower", "@id"}, {"skos:related", "@id"}, {"skos:member", "@id"},
	// A source is an address or a node with a title: not coerced.
	{"dct:source", ""},
	{"owl:deprecated", "xsd:boolean"}, {"dct:isReplacedBy", "@id"},
}

// foafPage is the term of foaf:page, which only a site in several
// languages uses.
var foafPage = jsonLDTerm{"foaf:page", "@id"}

var jsonLDClasses = []string{"skos:ConceptScheme", "skos:Concept", "skos:Collection"}

func localName(curie string) string { return curie[strings.IndexByte(curie, ':')+1:] }

func writeJSONLD(o *out, g *glossary.Glossary) {
	j := &jsonLD{o: o, first: true, lang: Language(g), terms: jsonLDTerms}
	if len(g.Languages) > 1 {
		j.terms = append(slices.Clone(jsonLDTerms), foafPage)
	}
	ctx := []string{}
	for _, p := range prefixesOf(g) {
		ctx = append(ctx, jsonString(p.name)+": "+jsonString(p.iri))
	}
	if j.lang != "" {
		ctx = append(ctx, `"@language": `+jsonString(j.lang))
	}
	for _, c := range jsonLDClasses {
		ctx = append(ctx, jsonString(localName(c))+": "+jsonString(c))
	}
	for _, t := range j.terms {
		def := jsonString(t.curie)
		if t.coerce != "" {
			def = `{"@id": ` + def + `, "@type": ` + jsonString(t.coerce) + `}`
		}
		ctx = append(ctx, jsonString(localName(t.curie))+": "+def)
	}
	o.str("{\n\"@context\": {\n  " + strings.Join(ctx, ",\n  ") + "\n},\n\"@graph\": [")
	describe(j, g)
	o.str("\n]}\n")
}

func (j *jsonLD) node(id, class string) {
	if !j.first {
		j.o.str(",")
	}
	j.first = false
	j.o.str("\n{\"@id\":" + jsonString(id) + ",\"@type\":" + jsonString(localName(class)))
}

// values writes one key and its values: one value bare, several as an
// array.
func values[T any](j *jsonLD, pred string, values []T, spell func(T) string) {
	if len(values) == 0 {
		return
	}
	j.o.str("," + jsonString(localName(pred)) + ":")
	if len(values) > 1 {
		j.o.str("[")
	}
	for i, v := range values {
		if i > 0 {
			j.o.str(",")
		}
		j.o.str(spell(v))
	}
	if len(values) > 1 {
		j.o.str("]")
	}
}

// text writes text in the context's language as a plain string, text in
// another language, or in none, as a value object: a value object does
// not take the context's @language.
func (j *jsonLD) text(pred string, texts ...literal) {
	values(j, pred, texts, func(l literal) string {
		switch l.lang {
		case j.lang:
			return jsonString(l.text)
		case "":
			return `{"@value":` + jsonString(l.text) + `}`
		}
		return `{"@value":` + jsonString(l.text) + `,"@language":` + jsonString(l.lang) + `}`
	})
}

func (j *jsonLD) refs(pred string, iris ...string) {
	spell := jsonString
	if !j.coerced(pred, "@id") {
		spell = func(v string) string { return `{"@id":` + jsonString(v) + `}` }
	}
	values(j, pred, iris, spell)
}

func (j *jsonLD) typed(pred, datatype string, vs ...string) {
	spell := jsonString
	switch {
	case datatype == "xsd:boolean":
		spell = func(v string) string { return v } // a JSON true is an xsd:boolean
	case !j.coerced(pred, datatype):
		spell = func(v string) string { return `{"@value":` + jsonString(v) + `,"@type":` + jsonString(datatype) + `}` }
	}
	values(j, pred, vs, spell)
}

func (j *jsonLD) resources(pred string, rs []resource) {
	values(j, pred, rs, func(r resource) string {
		if r.IRI != "" {
			return `{"@id":` + jsonString(r.IRI) + `}`
		}
		// No @id: a blank node. Its title takes the context's @language.
		return `{` + jsonString(localName("dct:title")) + `:` + jsonString(r.Title) + `}`
	})
}

func (j *jsonLD) end() { j.o.str("}") }

func (j *jsonLD) coerced(pred, to string) bool {
	for _, t := range j.terms {
		if t.curie == pred {
			return t.coerce == to
		}
	}
	return false
}

// jsonString quotes s as a JSON string, escaping <, > and & too, so the
// file is inert wherever it is pasted: the bytes encoding/json writes,
// without its reflection, as the exports quote every value.
func jsonString(s string) string {
	if plainJSON(s) {
		return `"` + s + `"`
	}
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// plainJSON reports whether s is valid UTF-8 that JSON quotes as it is.
func plainJSON(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	// U+2028 and U+2029 are escaped too; other runes pass if valid.
	return ascii || utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029")
}
