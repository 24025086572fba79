// Package export writes the glossary as data for other tools: a SKOS
// vocabulary in Turtle (glossary.ttl) and in JSON-LD (glossary.jsonld), a
// spreadsheet (glossary.csv), a JSON file for programs (glossary.json) and
// a TBX-Basic termbase (glossary.tbx). docs/exports.md describes each.
//
// Every writer makes one streaming pass over the glossary's topics, A–Z,
// writing each term as it goes: nothing holds the whole export but the
// stream it is written to. Term is what all of them say about a topic, so
// the formats cannot disagree, and Hash covers exactly that, so a rebuild
// knows when an export changed without writing it.
//
// Identifiers are stable: a term is its page's URL with #term, the
// scheme the site's address with #glossary, a category its page's URL with
// #collection. The exports need those absolute addresses, so they are
// written only when the site has a base_url.
//
// # Languages
//
// A site in several languages has one set of exports, at the site root,
// whatever glossary of it they are given: a term is a concept, its
// translations are more about the same term, and its identifiers stay the
// default language's. What the other languages add, in the order the site
// lists them (a language that has not translated a term adds nothing to
// it):
//
//   - SKOS: a skos:prefLabel, skos:altLabel (aliases), skos:definition
//     (summary) and skos:scopeNote in each language, tagged with the
//     language's code ("Deductible"@en, "Franchise"@fr), and a foaf:page
//     for each translation's page (the default language's is the
//     concept's URI without #term). The scheme has a dct:title and
//     dct:description in each language, from its settings, and a
//     dct:language for each. Categories keep their one name.
//   - TBX: one langSec per language in each conceptEntry, with the
//     definition, the title and the aliases of that language; statuses
//     are the concept's.
//   - JSON: a "languages" list in the header, the default first, each
//     {"code", "name", "title", "description", "url"}; and a
//     "translations" object in every term, by language code, each
//     {"slug", "url", "title", "aliases", "summary", "scope_note"} ({}
//     when the term has none).
//   - CSV: after the usual columns, four for each language but the
//     default: title_<code>, aliases_<code>, summary_<code> and
//     url_<code> (CSVLanguageColumns), empty where the term is not
//     translated.
//
// A site in one language gets none of these: not the foaf prefix, not
// the keys, not the columns, so its files are as they were.
package export

import (
	"hash/fnv"
	"io"
	"regexp"
	"slices"
	"strconv"

	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
)

// Format is one export file.
type Format struct {
	// File is its name at the site root.
	File string
	// Name says what it is, for the list of downloads; Use whom it serves.
	Name, Use string
	// Type is its media type.
	Type  string
	write func(w *out, g *glossary.Glossary)
}

// Formats are the exports, in the order the home page lists them.
var Formats = []Format{
	{File: "glossary.ttl", Name: "SKOS, Turtle", Use: "vocabulary and thesaurus tools", Type: "text/turtle", write: writeTurtle},
	{File: "glossary.jsonld", Name: "SKOS, JSON-LD", Use: "linked data and JSON tools", Type: "application/ld+json", write: writeJSONLD},
	{File: "glossary.csv", Name: "CSV", Use: "spreadsheets", Type: "text/csv", write: writeCSV},
	{File: "glossary.json", Name: "JSON", Use: "programs", Type: "application/json", write: writeJSON},
	{File: "glossary.tbx", Name: "TBX-Basic", Use: "translation and terminology tools", Type: "application/x-tbx+xml", write: writeTBX},
}

// ByFile returns the format written to file, if any.
func ByFile(file string) (Format, bool) {
	for _, f := range Formats {
		if f.File == file {
			return f, true
		}
	}
	return Format{}, false
}

// Write writes the export of g in format f to w. The exports are the
// site's: any language's glossary writes the same files.
func (f Format) Write(w io.Writer, g *glossary.Glossary) error {
	o := &out{w: w}
	f.write(o, g.Default())
	return o.err
}

// Enabled reports whether a site has exports: they need its absolute
// address, and the site may turn them off (exports: false).
func Enabled(g *glossary.Glossary) bool { return g.Settings.BaseURL != "" && g.Settings.Exports }

// Term is what the exports say about one topic. Its JSON form is a term
// of glossary.json (docs/exports.md); lists are never null there.
type Term struct {
	Slug string `json:"slug"`
	// URI identifies the term: its page's URL with #term. URL is the page.
	URI   string `json:"uri"`
	URL   string `json:"url"`
	Title string `json:"title"`
	// Aliases are the other names, without repeats of the title or of
	// each other (a SKOS label is either preferred or alternative).
	Aliases []string `json:"aliases"`
	// Summary is the definition; ScopeNote the first paragraph of the
	// Definition section, as plain text.
	Summary   string `json:"summary"`
	ScopeNote string `json:"scope_note"`
	Category  string `json:"category"`
	// CategoryURI identifies the category's skos:Collection.
	CategoryURI string   `json:"-"`
	Tags        []string `json:"tags"`
	// Broader, Narrower, Compare and Related are other terms, as slugs:
	// Narrower is the inverse of Broader; Compare (terms easily confused
	// with this one) and Related go both ways.
	Broader  []string `json:"broader"`
	Narrower []string `json:"narrower"`
	Compare  []string `json:"compare"`
	Related  []string `json:"related"`
	// Status is proposed, approved or deprecated; ReplacedBy the slug of
	// the term that replaces a deprecated one.
	Status     string `json:"status"`
	ReplacedBy string `json:"replaced_by"`
	Updated    string `json:"updated"` // YYYY-MM-DD or empty
	// Law is true when a source of the term is a law or regulation.
	Law     bool     `json:"defined_in_law"`
	Sources []Source `json:"sources"`
	// Translations are the term in the site's other languages, by
	// language code; nil on a site in one language, whose glossary.json
	// has no such key.
	Translations map[string]Translation `json:"translations,omitzero"`
}

// Translation is what the exports say of a term in another language: the
// names and definition its translation gives, and where its page is.
type Translation struct {
	Slug string `json:"slug"`
	URL  string `json:"url"`
	// Title, Aliases, Summary and ScopeNote are as in Term.
	Title     string   `json:"title"`
	Aliases   []string `json:"aliases"`
	Summary   string   `json:"summary"`
	ScopeNote string   `json:"scope_note"`
}

// Source is a work that defines or explains a term, as its topic cites
// it; fields not written are "".
type Source struct {
	Title     string `json:"title"`
	URL       string `json:"url"`
	Publisher string `json:"publisher"`
	Date      string `json:"date"`
	Locator   string `json:"locator"`
	Kind      string `json:"kind"`
}

// TermOf describes topic t of g, the default language's glossary.
func TermOf(g *glossary.Glossary, t *content.Topic) Term {
	s := g.Settings
	page := s.BaseURL + content.TopicPath(t.Slug)
	term := Term{
		Slug: t.Slug, URI: page + "#term", URL: page, Title: t.Title,
		Summary: t.Summary, ScopeNote: t.Lead, Category: t.Category,
		Tags: append([]string{}, t.Tags...), Aliases: otherNames(t),
		Broader: slugs(g.Broader[t]), Narrower: slugs(g.Narrower[t]), Compare: slugs(g.Compare[t]),
		Related: []string{}, Sources: make([]Source, len(t.Sources)),
		Status: t.Status, ReplacedBy: t.ReplacedBy, Updated: t.Updated,
		Law: DefinedInLaw(t),
	}
	if term.Status == "" {
		term.Status = content.StatusApproved // a topic made in code, not parsed
	}
	if c := g.CategoryOf(t); c != nil {
		term.CategoryURI = s.BaseURL + glossary.CategoryPath(c) + "#collection"
	}
	// SKOS makes skos:related disjoint from skos:broaderTransitive (S27),
	// and related goes both ways, so a related term that is also above or
	// below t through a chain of broader terms is left out: the hierarchy
	// already says how the two belong together. (The glossary already
	// leaves out direct broader and narrower terms.)
	up := above(g, t)
	for _, r := range g.Related[t] {
		if !up[r] && !above(g, r)[t] {
			term.Related = append(term.Related, r.Slug)
		}
	}
	for i, src := range t.Sources {
		term.Sources[i] = Source{Title: src.Title, URL: src.URL, Publisher: src.Publisher,
			Date: src.Date, Locator: src.Locator, Kind: src.Kind}
	}
	if len(g.Languages) > 1 {
		term.Translations = map[string]Translation{}
		for i, tr := range g.Translations(t) {
			if i == 0 || tr == nil {
				continue
			}
			term.Translations[g.Languages[i].Code] = Translation{
				Slug: tr.Slug, URL: s.BaseURL + content.PagePath(tr), Title: tr.Title,
				Aliases: otherNames(tr), Summary: tr.Summary, ScopeNote: tr.Lead,
			}
		}
	}
	return term
}

// otherNames are a topic's aliases without repeats of its title or of
// each other: a SKOS label is either preferred or alternative.
func otherNames(t *content.Topic) []string {
	names := []string{}
	// A handful of names: a list scan beats a map.
	seen := []string{glossary.Normalize(t.Title)}
	for _, a := range t.Aliases {
		if n := glossary.Normalize(a); !slices.Contains(seen, n) {
			seen = append(seen, n)
			names = append(names, a)
		}
	}
	return names
}

func slugs(ts []*content.Topic) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Slug
	}
	return out
}

// above is every term above t through chains of broader terms (all of
// them, not only the first-listed that Ancestors follows). The glossary
// refuses cycles, but a set stops the walk on one all the same.
func above(g *glossary.Glossary, t *content.Topic) map[*content.Topic]bool {
	if len(g.Broader[t]) == 0 {
		return nil // most terms: a nil map reads as empty
	}
	seen := map[*content.Topic]bool{}
	todo := slices.Clone(g.Broader[t])
	for len(todo) > 0 {
		p := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if !seen[p] {
			seen[p] = true
			todo = append(todo, g.Broader[p]...)
		}
	}
	return seen
}

// DefinedInLaw reports whether a term is defined in law: whether a source
// of it is a law or regulation. The cards and pages name that instrument
// (t.Law()); the exports say only whether there is one, as its source
// entry is in the same term's sources.
func DefinedInLaw(t *content.Topic) bool { return t.Law() != "" }

// termURI is the URI of the term with that slug.
func termURI(g *glossary.Glossary, slug string) string {
	return g.Settings.BaseURL + content.TopicPath(slug) + "#term"
}

// SchemeURI identifies the glossary as a skos:ConceptScheme.
func SchemeURI(g *glossary.Glossary) string { return g.Settings.BaseURL + "#glossary" }

// Modified is the latest updated date of any term, or empty.
func Modified(g *glossary.Glossary) string {
	latest := ""
	for _, t := range g.Topics {
		latest = max(latest, t.Updated)
	}
	return latest
}

// langTag matches a BCP 47 tag as RDF and XML accept it. The language
// setting is free text; one that is not a tag leaves literals untagged
// rather than making the files unreadable.
var langTag = regexp.MustCompile(`^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$`)

// Language is the site's language as a tag, or empty.
func Language(g *glossary.Glossary) string { return tagOf(g.Settings.Language) }

func tagOf(code string) string {
	if langTag.MatchString(code) {
		return code
	}
	return ""
}

// language is one of the site's languages as the exports name it.
type language struct {
	g *glossary.Glossary
	// tag tags its text, or is "" (see Language); name is what the site
	// calls it.
	tag, name string
}

// languages are the site's languages, the default first: one for a site
// in one language. g is the default language's glossary.
func languages(g *glossary.Glossary) []language {
	if len(g.Languages) < 2 {
		return []language{{g: g, tag: Language(g)}}
	}
	out := make([]language, len(g.Languages))
	for i, lg := range g.Languages {
		out[i] = language{g: lg, tag: tagOf(lg.Code), name: g.Settings.Languages[i].Name}
	}
	// The default language's tag is the site's language setting, which
	// its code is; read it as single-language sites do.
	out[0].tag = Language(g)
	return out
}

// Hash identifies everything the exports hold: equal hashes, equal files.
// It reads what TermOf reads, straight from the topics, without making
// the terms: every rebuild computes it, and most find it unchanged.
func Hash(g *glossary.Glossary) uint64 {
	g = g.Default()
	h := fnv.New64a()
	s := g.Settings
	b := make([]byte, 0, 4096)
	for _, v := range []string{s.BaseURL, s.Title, s.Description, s.Language, s.License, s.LicenseURL} {
		b = appendField(b, v)
	}
	for _, c := range g.Categories {
		b = appendField(b, c.Name)
	}
	h.Write(b)
	for _, t := range g.Topics {
		b = b[:0]
		for _, v := range []string{t.Slug, t.Title, t.Summary, t.Lead, t.Category, t.Status, t.ReplacedBy, t.Updated} {
			b = appendField(b, v)
		}
		for _, list := range [][]string{t.Aliases, t.Tags} {
			b = strconv.AppendInt(b, int64(len(list)), 10)
			for _, v := range list {
				b = appendField(b, v)
			}
		}
		// Narrower terms are the inverse of broader ones, so hashing each
		// topic's broader, compare and related terms covers them all.
		for _, list := range [][]*content.Topic{g.Broader[t], g.Compare[t], g.Related[t]} {
			b = strconv.AppendInt(b, int64(len(list)), 10)
			for _, r := range list {
				b = appendField(b, r.Slug)
			}
		}
		b = strconv.AppendInt(b, int64(len(t.Sources)), 10)
		for _, src := range t.Sources {
			for _, v := range []string{src.Title, src.URL, src.Publisher, src.Date, src.Locator, src.Kind} {
				b = appendField(b, v)
			}
		}
		h.Write(b)
	}
	// Translations, by language: what TermOf and the header take of them.
	// Key pairs each with its concept; PagePath reads Lang and Slug.
	for i, lg := range g.Languages[min(1, len(g.Languages)):] {
		b = b[:0]
		for _, v := range []string{lg.Code, lg.Prefix, s.Languages[i+1].Name, lg.Settings.Title, lg.Settings.Description} {
			b = appendField(b, v)
		}
		h.Write(b)
		for _, t := range lg.Topics {
			b = b[:0]
			for _, v := range []string{t.Key, t.Lang, t.Slug, t.Title, t.Summary, t.Lead} {
				b = appendField(b, v)
			}
			b = strconv.AppendInt(b, int64(len(t.Aliases)), 10)
			for _, v := range t.Aliases {
				b = appendField(b, v)
			}
			h.Write(b)
		}
	}
	return h.Sum64()
}

func appendField(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}

// out is a writer that keeps its first error, so the writers can write
// freely and check once.
type out struct {
	w   io.Writer
	err error
}

func (o *out) str(s string) {
	if o.err == nil {
		_, o.err = io.WriteString(o.w, s)
	}
}

func (o *out) bytes(b []byte) {
	if o.err == nil {
		_, o.err = o.w.Write(b)
	}
}
