package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/export"
	"glossary/generator/internal/glossary"
	"glossary/generator/internal/i18n"
	"glossary/generator/internal/markdown"
	"glossary/generator/internal/rdflib"
)

// The test glossary: names with every character a format must escape
// (quotes, a triple quote, backslashes, commas, bars, a line break, markup),
// an alias that repeats the title, related topics, a category with several
// topics, a chain of broader terms (retention > deductible > aggregate
// deductible) with a related term that is also two steps up, sources with
// and without an address, one a law, and a proposed and a deprecated term.
var files = map[string]string{
	"_index.md": "---\ntitle: 'Test \"Glossary\" <b>'\ndescription: A test, with \"quotes\".\n" +
		"base_url: https://glossary.test/docs/\nlanguage: en-GB\nlicense: cc-by-4.0\n---\n\nIntro.\n",
	"deductible.md": "---\ntitle: Deductible\nsummary: The part of a loss, borne by the insured.\n" +
		"category: Policy Structure\naliases: [Excess, deductible, 'A|B, \"C\"']\ntags: [limits, 'x|y']\n" +
		"related: [evil]\nbroader: [retention]\nupdated: 2026-01-02\n---\n\n## Definition\n\nA *deductible* is borne by the insured.\n\nMore.\n",
	"retention.md": "---\ntitle: Retention\nsummary: The risk an insured keeps.\ncategory: Policy Structure\n---\n\n## Definition\n\nKept.\n",
	"aggregate-deductible.md": "---\ntitle: Aggregate Deductible\nsummary: A deductible for a whole year.\n" +
		"broader: [deductible]\nrelated: [retention]\nsources:\n" +
		"  - title: Insurance Act 2015\n    url: https://www.legislation.gov.uk/ukpga/2015/4\n    locator: s. 3\n    kind: law\n" +
		"  - title: 'Book \"\"\" \\ <i>, | bar'\n    publisher: Press\n    date: '2020'\n    kind: book\n" +
		"---\n\n## Definition\n\nPer year.\n",
	"old-deductible.md": "---\ntitle: Old Deductible\nsummary: What a deductible was once called.\n" +
		"status: deprecated\nreplaced_by: deductible\naliases: [Franchise]\n---\n\n## Definition\n\nGone.\n",
	"evil.md": "---\ntitle: \"Evil \\\"\\\"\\\" \\\\ back\\\\slash, comma | bar\\nsecond line\"\n" +
		"summary: '\"><script>alert(1)</script> sums, it | up'\ncategory: Policy Structure\n" +
		"aliases: ['=HYPERLINK(\"x\")', \"tab\\tand 'quote'\"]\n---\n\n## Definition\n\nSee [[Deductible]].\n",
	"plain.md": "---\ntitle: Plain\nsummary: Plain.\nstatus: proposed\n---\n\n## Definition\n\n- a list\n- only\n",
}

func testGlossary(t *testing.T) *glossary.Glossary { return buildGlossary(t, files) }

// buildGlossary reads a content folder's files as the build does: the
// settings, each other language's settings (_index.<code>.md), then the
// topics, translations completed from their originals.
func buildGlossary(t *testing.T, files map[string]string) *glossary.Glossary {
	t.Helper()
	md := markdown.New(markdown.Options{})
	settings, d := content.ParseSettings(md, "content/_index.md", []byte(files["_index.md"]))
	for i := range settings.Languages[min(1, len(settings.Languages)):] {
		l := &settings.Languages[i+1]
		name := content.LanguageSettingsFile(l.Code)
		ls, ld := content.ParseLanguageSettings(md, "content/"+name, []byte(files[name]), settings, l.Code)
		d.Append(ld)
		l.Settings = &ls
	}
	if len(d) > 0 {
		t.Fatal(d.Err())
	}
	langs := content.NewLanguages(&settings, i18n.Builtin())
	var topics []*content.Topic
	originals := map[string]*content.Topic{}
	for name, src := range files {
		if strings.HasPrefix(name, "_") {
			continue
		}
		topic, d := content.ParseHeader(langs, "content/"+name, name, []byte(src))
		_, bd := content.ParseBody(md, langs, nil, topic, []byte(src))
		if d.Append(bd); len(d) > 0 {
			t.Fatal(d.Err())
		}
		topics = append(topics, topic)
		if topic.Lang == "" {
			originals[topic.Key] = topic
		}
	}
	for _, topic := range topics {
		if topic.Lang != "" {
			content.Inherit(topic, originals[topic.Key])
		}
	}
	g, d := glossary.New(settings, topics, glossary.Options{})
	if len(d) > 0 {
		t.Fatal(d.Err())
	}
	return g
}

func write(t *testing.T, g *glossary.Glossary, file string) []byte {
	t.Helper()
	f, ok := export.ByFile(file)
	if !ok {
		t.Fatalf("no export %s", file)
	}
	var b bytes.Buffer
	if err := f.Write(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const evilTitle = "Evil \"\"\" \\ back\\slash, comma | bar\nsecond line"

// TestSKOS parses the Turtle and the JSON-LD with rdflib: the same graph,
// every SKOS integrity rule kept, and every value as the editor wrote it,
// in each language the site has.
func TestSKOS(t *testing.T) {
	const (
		scheme   = "https://glossary.test/docs/#glossary"
		topics   = "https://glossary.test/docs/topics/"
		scheme2  = "https://glossary.test/#glossary"
		topics2  = "https://glossary.test/topics/"
		frTopics = "https://glossary.test/fr/topics/"
	)
	concept := []string{"http://www.w3.org/2004/02/skos/core#Concept"}
	for _, c := range []struct {
		name     string
		files    map[string]string
		concepts map[string]map[string][]string
		// count is how many concepts there are; concepts holds some.
		count  int
		scheme map[string][]string
	}{{
		name: "one language", files: files, count: 6,
		concepts: map[string]map[string][]string{
			topics + "deductible/#term": {
				"identifier": {"deductible"},
				"type":       concept,
				"prefLabel":  {"Deductible@en-GB"},
				"altLabel":   {"A|B, \"C\"@en-GB", "Excess@en-GB"},
				"definition": {"The part of a loss, borne by the insured.@en-GB"},
				"scopeNote":  {"A deductible is borne by the insured.@en-GB"},
				// A term with a broader term is no top concept.
				"inScheme": {scheme},
				"broader":  {topics + "retention/#term"},
				"narrower": {topics + "aggregate-deductible/#term"},
				"related":  {topics + "evil/#term"},
				"modified": {"2026-01-02"},
			},
			topics + "evil/#term": {
				"identifier": {"evil"},
				"type":       concept,
				"prefLabel":  {evilTitle + "@en-GB"},
				"altLabel":   {"=HYPERLINK(\"x\")@en-GB", "tab\tand 'quote'@en-GB"},
				"definition": {"\"><script>alert(1)</script> sums, it | up@en-GB"},
				"scopeNote":  {"See Deductible.@en-GB"},
				"inScheme":   {scheme}, "topConceptOf": {scheme},
				// Related goes both ways: the deductible lists it.
				"related": {topics + "deductible/#term"},
			},
			topics + "retention/#term": {
				"identifier": {"retention"}, "type": concept, "prefLabel": {"Retention@en-GB"}, "definition": {"The risk an insured keeps.@en-GB"},
				"scopeNote": {"Kept.@en-GB"}, "inScheme": {scheme}, "topConceptOf": {scheme},
				"narrower": {topics + "deductible/#term"},
				// No related: the aggregate deductible lists it, but it is
				// broader than that term through the deductible (S27).
			},
			topics + "aggregate-deductible/#term": {
				"identifier": {"aggregate-deductible"}, "type": concept, "prefLabel": {"Aggregate Deductible@en-GB"}, "definition": {"A deductible for a whole year.@en-GB"},
				"scopeNote": {"Per year.@en-GB"}, "inScheme": {scheme},
				"broader": {topics + "deductible/#term"},
				// A source with an address is that address; one without is a
				// node with its title.
				"source": {"[Book \"\"\" \\ <i>, | bar@en-GB]", "https://www.legislation.gov.uk/ukpga/2015/4"},
			},
			topics + "old-deductible/#term": {
				"identifier": {"old-deductible"}, "type": concept, "prefLabel": {"Old Deductible@en-GB"}, "altLabel": {"Franchise@en-GB"},
				"definition": {"What a deductible was once called.@en-GB"}, "scopeNote": {"Gone.@en-GB"},
				"inScheme": {scheme}, "topConceptOf": {scheme},
				"deprecated": {"true"}, "isReplacedBy": {topics + "deductible/#term"},
			},
		},
		scheme: map[string][]string{
			"title":   {"Test \"Glossary\" <b>@en-GB"},
			"license": {"https://spdx.org/licenses/CC-BY-4.0.html"}, "language": {"en-GB"}, "modified": {"2026-01-02"},
		},
	}, {
		// One concept per term, whatever its languages: each says its
		// names, definition and scope note in each, and links the pages
		// of its translations.
		name: "two languages", files: twoLanguages, count: 4,
		concepts: map[string]map[string][]string{
			topics2 + "deductible/#term": {
				"identifier": {"deductible"}, "type": concept,
				"prefLabel": {"Deductible@en", "Franchise@fr"},
				// "franchise" repeats the French title: no altLabel.
				"altLabel":   {"Excess@en", "Franchise contractuelle@fr"},
				"definition": {"The part of a loss the insured bears.@en", "Part du sinistre \"à la charge\" de l'assuré.@fr"},
				"scopeNote":  {"A deductible is borne by the insured.@en", "La franchise reste à la charge de l'assuré.@fr"},
				"page":       {frTopics + "deductible/"},
				"inScheme":   {scheme2}, "broader": {topics2 + "retention/#term"}, "modified": {"2026-01-02"},
			},
			topics2 + "retention/#term": {
				"identifier": {"retention"}, "type": concept,
				"prefLabel":  {"Retention@en", "Rétention@fr"},
				"definition": {"The risk an insured keeps.@en", "Le risque que l'assuré garde.@fr"},
				"scopeNote":  {"Kept.@en", "Gardé.@fr"},
				// The translation's own slug: its page, not the original's.
				"page":     {frTopics + "retention-propre/"},
				"inScheme": {scheme2}, "topConceptOf": {scheme2}, "narrower": {topics2 + "deductible/#term"},
			},
			topics2 + "old-deductible/#term": {
				"identifier": {"old-deductible"}, "type": concept,
				"prefLabel": {"Old Deductible@en", "Ancienne franchise@fr"}, "altLabel": {"Prior Retention@en", "Découvert@fr"},
				"definition": {"What a deductible was once called.@en", "Ce qu'on appelait une franchise.@fr"},
				"scopeNote":  {"Gone.@en", "Disparu.@fr"}, "page": {frTopics + "old-deductible/"},
				"inScheme": {scheme2}, "topConceptOf": {scheme2},
				"deprecated": {"true"}, "isReplacedBy": {topics2 + "deductible/#term"},
			},
			// Not translated: English only, no page but its own.
			topics2 + "plain/#term": {
				"identifier": {"plain"}, "type": concept, "prefLabel": {"Plain@en"}, "definition": {"Plain.@en"},
				"scopeNote": {"Only in English.@en"}, "inScheme": {scheme2}, "topConceptOf": {scheme2},
			},
		},
		scheme: map[string][]string{
			"title":       {"Glossaire d'essai@fr", "Test Glossary@en"},
			"description": {"Des termes « éprouvés ».@fr", "Terms, tested.@en"},
			"language":    {"en", "fr"}, "license": {"https://spdx.org/licenses/CC-BY-4.0.html"}, "modified": {"2026-01-02"},
		},
	}} {
		t.Run(c.name, func(t *testing.T) {
			g := buildGlossary(t, c.files)
			r := rdflib.Check(t, write(t, g, "glossary.ttl"), write(t, g, "glossary.jsonld"))
			if !r.Isomorphic || r.TurtleTriples != r.JSONLDTriples || r.TurtleTriples == 0 {
				t.Errorf("Turtle (%d triples) and JSON-LD (%d triples) are not the same graph", r.TurtleTriples, r.JSONLDTriples)
			}
			for _, p := range r.Problems {
				t.Errorf("SKOS integrity: %s", p)
			}
			for uri, w := range c.concepts {
				if got := r.Concepts[uri]; !equalStatements(got, w) {
					t.Errorf("%s:\n got %q\nwant %q", uri, got, w)
				}
			}
			if len(r.Concepts) != c.count {
				t.Errorf("%d concepts, want %d", len(r.Concepts), c.count)
			}
			for key, w := range c.scheme {
				if got := r.Scheme[key]; !slices.Equal(got, w) {
					t.Errorf("scheme %s = %q, want %q", key, got, w)
				}
			}
		})
	}
}

func equalStatements(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w := slices.Clone(b[k])
		slices.Sort(w)
		if !slices.Equal(v, w) {
			return false
		}
	}
	return true
}

// TestCSV reads the CSV as RFC 4180 says: a header, then one row per term
// whose fields, split at unescaped bars, give back what the editor wrote.
func TestCSV(t *testing.T) {
	data := write(t, testGlossary(t), "glossary.csv")
	if header := strings.Join(export.CSVColumns, ",") + "\r\n"; !bytes.HasPrefix(data, []byte(header)) || !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("the CSV does not start with the header %q or end its rows in CRLF", header)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], export.CSVColumns) {
		t.Fatalf("header %q, want %q", rows[0], export.CSVColumns)
	}
	if len(rows) != 7 {
		t.Fatalf("%d rows, want a header and 6 terms", len(rows))
	}
	byCol := func(row []string, col string) string { return row[slices.Index(export.CSVColumns, col)] }
	got := map[string][]string{}
	for _, row := range rows[1:] {
		got[byCol(row, "slug")] = row
	}
	d, e := got["deductible"], got["evil"]
	if s := splitValues(byCol(d, "aliases")); !slices.Equal(s, []string{"Excess", "A|B, \"C\""}) {
		t.Errorf("deductible aliases split into %q", s)
	}
	if s := splitValues(byCol(d, "tags")); !slices.Equal(s, []string{"limits", "x|y"}) {
		t.Errorf("deductible tags split into %q", s)
	}
	for col, want := range map[string]string{"related": "evil", "status": "approved", "broader": "retention",
		"updated": "2026-01-02", "url": "https://glossary.test/docs/topics/deductible/", "license": "CC-BY-4.0",
		"category": "Policy Structure"} {
		if v := byCol(d, col); v != want {
			t.Errorf("deductible %s = %q, want %q", col, v, want)
		}
	}
	for slug, want := range map[string]string{"plain": "proposed", "old-deductible": "deprecated", "evil": "approved"} {
		if v := byCol(got[slug], "status"); v != want {
			t.Errorf("%s status = %q, want %q", slug, v, want)
		}
	}
	if v := byCol(e, "title"); v != evilTitle {
		t.Errorf("evil title %q, want %q", v, evilTitle)
	}
	// A cell a spreadsheet would run as a formula is kept as text.
	if s := splitValues(byCol(e, "aliases")); s[0] != `'=HYPERLINK("x")` {
		t.Errorf("a formula-like alias is written %q, want it to start with an apostrophe", s[0])
	}
}

// splitValues undoes JoinValues: split at bars not escaped by a backslash.
func splitValues(cell string) []string {
	var out []string
	var cur strings.Builder
	for i := 0; i < len(cell); i++ {
		switch c := cell[i]; {
		case c == '\\' && i+1 < len(cell):
			i++
			cur.WriteByte(cell[i])
		case c == '|':
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, cur.String())
}

// TestJSON checks glossary.json against its schema in docs/exports.md:
// every key present, lists never null.
func TestJSON(t *testing.T) {
	data := write(t, testGlossary(t), "glossary.json")
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"version", "title", "description", "language", "url", "scheme", "license", "license_url", "modified", "terms"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("glossary.json has no %q", key)
		}
	}
	if string(doc["version"]) != "1" {
		t.Errorf("version %s, want 1", doc["version"])
	}
	var terms []map[string]any
	if err := json.Unmarshal(doc["terms"], &terms); err != nil {
		t.Fatal(err)
	}
	keys := []string{"slug", "uri", "url", "title", "aliases", "summary", "scope_note", "category", "tags",
		"broader", "narrower", "compare", "related", "status", "replaced_by", "updated", "defined_in_law", "sources"}
	for _, term := range terms {
		for _, k := range keys {
			v, ok := term[k]
			if !ok || v == nil {
				t.Errorf("term %v: %q is missing or null", term["slug"], k)
			}
		}
		if len(term) != len(keys) {
			t.Errorf("term %v has %d keys, want %d: update docs/exports.md with any new one", term["slug"], len(term), len(keys))
		}
	}
	if terms[2]["title"] != evilTitle || terms[2]["uri"] != "https://glossary.test/docs/topics/evil/#term" {
		t.Errorf("third term %q %q", terms[2]["title"], terms[2]["uri"])
	}
	bySlug := map[string]export.Term{}
	var typed struct{ Terms []export.Term }
	if err := json.Unmarshal(data, &typed); err != nil {
		t.Fatal(err)
	}
	for _, term := range typed.Terms {
		bySlug[term.Slug] = term
	}
	agg := bySlug["aggregate-deductible"]
	wantSources := []export.Source{
		{Title: "Insurance Act 2015", URL: "https://www.legislation.gov.uk/ukpga/2015/4", Locator: "s. 3", Kind: "law"},
		{Title: `Book """ \ <i>, | bar`, Publisher: "Press", Date: "2020", Kind: "book"},
	}
	if !agg.Law || !slices.Equal(agg.Sources, wantSources) || !slices.Equal(agg.Broader, []string{"deductible"}) || len(agg.Related) != 0 {
		t.Errorf("aggregate-deductible: defined_in_law %v, sources %+v, broader %q, related %q", agg.Law, agg.Sources, agg.Broader, agg.Related)
	}
	if d := bySlug["deductible"]; d.Law || !slices.Equal(d.Narrower, []string{"aggregate-deductible"}) {
		t.Errorf("deductible: defined_in_law %v, narrower %q", d.Law, d.Narrower)
	}
	if o := bySlug["old-deductible"]; o.Status != "deprecated" || o.ReplacedBy != "deductible" {
		t.Errorf("old-deductible: status %q, replaced_by %q", o.Status, o.ReplacedBy)
	}
	if bytes.Contains(data, []byte("<script")) {
		t.Error("glossary.json holds raw markup")
	}
}

type tbxDescrip struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

type tbxTermSec struct {
	Term   string     `xml:"term"`
	Status tbxDescrip `xml:"termNote"`
}

type tbxLangSec struct {
	Lang    string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Descrip []tbxDescrip `xml:"descrip"`
	Terms   []tbxTermSec `xml:"termSec"`
}

// tbxDoc is what the tests read of a termbase.
type tbxDoc struct {
	XMLName xml.Name
	Type    string `xml:"type,attr"`
	Style   string `xml:"style,attr"`
	Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string `xml:"tbxHeader>fileDesc>titleStmt>title"`
	License string `xml:"tbxHeader>fileDesc>publicationStmt>p"`
	Source  string `xml:"tbxHeader>fileDesc>sourceDesc>p"`
	Entries []struct {
		ID      string       `xml:"id,attr"`
		Descrip []tbxDescrip `xml:"descrip"`
		Admin   []tbxDescrip `xml:"admin"`
		Xref    struct {
			Type   string `xml:"type,attr"`
			Target string `xml:"target,attr"`
		} `xml:"xref"`
		LangSecs []tbxLangSec `xml:"langSec"`
	} `xml:"text>body>conceptEntry"`
}

// readTBX reads a termbase to its end, failing t if it is not well
// formed, and returns what tbxDoc holds of it.
func readTBX(t *testing.T, data []byte) tbxDoc {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well formed: %v", err)
		}
	}
	var doc tbxDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestTBX reads the termbase with encoding/xml: well formed, and shaped as
// TBX-Basic in the DCA style wants (docs/exports.md says what is checked,
// as no TBX-Basic schema comes with Debian or npm).
func TestTBX(t *testing.T) {
	data := write(t, testGlossary(t), "glossary.tbx")
	doc := readTBX(t, data)
	if doc.XMLName != (xml.Name{Space: export.TBXNamespace, Local: "tbx"}) || doc.Type != "TBX-Basic" || doc.Style != "dca" || doc.Lang != "en-GB" {
		t.Errorf("root element %v type=%q style=%q xml:lang=%q", doc.XMLName, doc.Type, doc.Style, doc.Lang)
	}
	if doc.Title != `Test "Glossary" <b>` || doc.License != "License: CC-BY-4.0 (https://spdx.org/licenses/CC-BY-4.0.html)" || doc.Source != "https://glossary.test/docs/" {
		t.Errorf("header: %q, %q, %q", doc.Title, doc.License, doc.Source)
	}
	if len(doc.Entries) != 6 {
		t.Fatalf("%d conceptEntry elements, want 6", len(doc.Entries))
	}
	ids := map[string]bool{}
	for _, e := range doc.Entries {
		if ids[e.ID] || !strings.HasPrefix(e.ID, "c-") {
			t.Errorf("conceptEntry id %q is not a unique XML ID", e.ID)
		}
		ids[e.ID] = true
		if len(e.Descrip) != 1 || e.Descrip[0].Type != "subjectField" || e.Xref.Type != "externalCrossReference" || e.Xref.Target == "" {
			t.Errorf("%s: concept level %+v %+v, want a subjectField and an externalCrossReference", e.ID, e.Descrip, e.Xref)
		}
		if len(e.LangSecs) != 1 || e.LangSecs[0].Lang != "en-GB" || len(e.LangSecs[0].Descrip) != 1 || e.LangSecs[0].Descrip[0].Type != "definition" {
			t.Fatalf("%s: want one langSec in en-GB with a definition, got %+v", e.ID, e.LangSecs)
		}
		for i, ts := range e.LangSecs[0].Terms {
			want := "admittedTerm-admn-sts"
			switch {
			case e.ID == "c-old-deductible":
				want = "deprecatedTerm-admn-sts" // every name of a replaced term
			case i == 0 && e.ID != "c-plain": // a proposed term is admitted, not yet preferred
				want = "preferredTerm-admn-sts"
			}
			if ts.Status.Type != "administrativeStatus" || ts.Status.Value != want {
				t.Errorf("%s: term %q has status %+v, want %s", e.ID, ts.Term, ts.Status, want)
			}
		}
	}
	wantSources := []tbxDescrip{
		{"source", "Insurance Act 2015, s. 3, https://www.legislation.gov.uk/ukpga/2015/4"},
		{"source", `Book """ \ <i>, | bar, Press, 2020`},
	}
	if agg := doc.Entries[0]; agg.ID != "c-aggregate-deductible" || !slices.Equal(agg.Admin, wantSources) {
		t.Errorf("%s: sources %q, want %q", agg.ID, agg.Admin, wantSources)
	}
	evil := doc.Entries[2].LangSecs[0]
	if evil.Terms[0].Term != evilTitle || evil.Descrip[0].Value != `"><script>alert(1)</script> sums, it | up` {
		t.Errorf("evil term %q, definition %q", evil.Terms[0].Term, evil.Descrip[0].Value)
	}
	if bytes.Contains(data, []byte("<script")) {
		t.Error("glossary.tbx holds raw markup")
	}
}

// TestHash changes with what an export shows, and only with that.
func TestHash(t *testing.T) {
	g := testGlossary(t)
	before := export.Hash(g)
	if export.Hash(g) != before {
		t.Fatal("Hash is not stable")
	}
	g.Topics[0].Questions = append(g.Topics[0].Questions, "An FAQ no export shows?")
	if export.Hash(g) != before {
		t.Error("Hash changed with an FAQ question, which no export shows")
	}
	for _, c := range []struct {
		what string
		edit func(*content.Topic)
	}{
		{"the scope note", func(tp *content.Topic) { tp.Lead += " More." }},
		{"a source's locator", func(tp *content.Topic) {
			tp.Sources = append(tp.Sources, content.Source{Title: "T", Locator: "Art. 1"})
		}},
		{"the status", func(tp *content.Topic) { tp.Status = content.StatusProposed }},
	} {
		c.edit(g.Topics[0])
		if after := export.Hash(g); after == before {
			t.Errorf("Hash did not change with %s", c.what)
		} else {
			before = after
		}
	}
}
