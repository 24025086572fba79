package render

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
	"glossary/generator/internal/i18n"
)

func testGlossary(t *testing.T, topics []*content.Topic) *glossary.Glossary {
	t.Helper()
	g, d := glossary.New(content.Settings{Title: "T"}, topics, glossary.Options{})
	if len(d) > 0 {
		t.Fatal(d.Err())
	}
	return g
}

// An index updated after changes must equal one built from scratch.
func TestSearchIndexUpdateEqualsRebuild(t *testing.T) {
	mk := func(i int, def string) *content.Topic {
		return &content.Topic{Slug: fmt.Sprintf("t%03d", i), Rel: fmt.Sprintf("t%03d.md", i),
			Title: fmt.Sprintf("Term %03d", i), Summary: "Summary of term.", Definition: def, Category: "Claims", Hash: uint64(len(def))*7919 + uint64(i)}
	}
	var topics []*content.Topic
	for i := range 1200 { // more than two doc chunks
		topics = append(topics, mk(i, fmt.Sprintf("Coverage word%d and premium.", i%37)))
	}
	edits := []struct {
		name string
		edit func(ts []*content.Topic) []*content.Topic
	}{
		{"definition", func(ts []*content.Topic) []*content.Topic {
			ts[5] = mk(5, "Entirely new vocabulary: subrogation waiver.")
			return ts
		}},
		{"word vanishes from a shard", func(ts []*content.Topic) []*content.Topic {
			ts[7] = mk(7, "")
			return ts
		}},
		{"alias", func(ts []*content.Topic) []*content.Topic {
			t := *ts[900]
			t.Aliases = []string{"Zebra Clause"}
			t.Hash++
			ts[900] = &t
			return ts
		}},
		// A deprecated term's names lead to its replacement, whose file
		// did not change.
		{"deprecated", func(ts []*content.Topic) []*content.Topic {
			t := *ts[10]
			t.Status, t.ReplacedBy, t.Hash = content.StatusDeprecated, ts[11].Slug, t.Hash+1
			ts[10] = &t
			return ts
		}},
		{"deprecated term renamed", func(ts []*content.Topic) []*content.Topic {
			t := *ts[10]
			t.Title, t.Hash = "Term 010 Xylophone", t.Hash+1 // keeps its place A–Z
			ts[10] = &t
			return ts
		}},
		// Past inlineBody topics a word's text postings move to a file
		// of their own, and back.
		{"word outgrows its shard", func(ts []*content.Topic) []*content.Topic {
			for i := 100; i < 100+inlineBody+10; i++ {
				ts[i] = mk(i, "Zebra crossing.")
			}
			return ts
		}},
		{"word shrinks back", func(ts []*content.Topic) []*content.Topic {
			for i := 100; i < 100+inlineBody+10; i++ {
				ts[i] = mk(i, fmt.Sprintf("Coverage word%d and premium.", i%37))
			}
			return ts
		}},
		{"topic removed", func(ts []*content.Topic) []*content.Topic { return ts[1:] }},
		{"topic added", func(ts []*content.Topic) []*content.Topic { return append(ts, mk(5000, "New.")) }},
	}
	x := SearchIndex{Keep: true}
	x.update(testGlossary(t, topics))
	for _, e := range edits {
		topics = e.edit(topics)
		g := testGlossary(t, topics)
		got := maps.Clone(x.update(g))
		want := new(SearchIndex).update(g)
		if _, own := want["search/terms/ze.1.json"]; own != (e.name == "word outgrows its shard") {
			t.Errorf("%s: zebra's postings in a file of their own: %v", e.name, own)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d files, want %d", e.name, len(got), len(want))
		}
		for name, w := range want {
			if string(got[name].data) != string(w.data) {
				t.Errorf("%s: %s differs from a fresh index:\n got %.200s\nwant %.200s", e.name, name, got[name].data, w.data)
			}
		}
	}
}

// The shard files decode, as the script reads them, to the postings
// they were written from.
func TestAppendPostingsRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		terms map[string][]int
		body  bool
	}{
		{"names", map[string][]int{"zeta": {1, 16, 1, 273, 40, 33}, "élan": {0, 0}}, false},
		{"body", map[string][]int{"alpha": {3, 2, 6, 1, 700, 1}, "b2b": {0, 1}}, true},
	} {
		var decoded map[string][]int
		if err := json.Unmarshal(appendPostings(nil, tc.terms, tc.body, nil), &decoded); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for w, p := range decoded {
			var got []int
			doc := 0
			for i := 0; i < len(p); i++ {
				if tc.body {
					doc += p[i] / 4
					got = append(got, doc, p[i]%4)
					continue
				}
				doc += p[i]
				got = append(got, doc, p[i+1])
				i++
			}
			if !slices.Equal(got, tc.terms[w]) {
				t.Errorf("%s: %s decodes to %v, want %v", tc.name, w, got, tc.terms[w])
			}
		}
		if len(decoded) != len(tc.terms) {
			t.Errorf("%s: %d words, want %d", tc.name, len(decoded), len(tc.terms))
		}
	}
}

// Each name's words carry the name's number, its word count and their
// place; a name whose words are joined by punctuation is also indexed run
// together, so "e&o" and "claimsmade" find it.
func TestTopicEntriesNames(t *testing.T) {
	for _, tc := range []struct {
		title   string
		aliases []string
		want    map[string][]int // word → codes
	}{
		{"Deductible", []string{"Excess"}, map[string][]int{"deductible": {0<<9 | 1<<4 | 0}, "excess": {1<<9 | 1<<4 | 0}}},
		{"Errors and Omissions", nil, map[string][]int{"errors": {2 << 4}, "omissions": {2<<4 | 1}}},
		{"Professional Liability", []string{"E&O"}, map[string][]int{"professional": {2 << 4}, "liability": {2<<4 | 1}, "eo": {1 << 9}}},
		{"Claims-Made Policy", nil, map[string][]int{"claims": {3 << 4}, "made": {3<<4 | 1}, "policy": {3<<4 | 2}, "claimsmadepolicy": {0}}},
		// A word in two names has an entry for each.
		{"Waiver of Subrogation", []string{"Subrogation Waiver"}, map[string][]int{
			"waiver": {2 << 4, 1<<9 | 2<<4 | 1}, "subrogation": {2<<4 | 1, 1<<9 | 2<<4}}},
		// One word: nothing to run together.
		{"Sub-limit", nil, map[string][]int{"sub": {2 << 4}, "limit": {2<<4 | 1}, "sublimit": {0}}},
	} {
		topic := &content.Topic{Slug: "t", Rel: "t.md", Title: tc.title, Aliases: tc.aliases, Summary: "S.", Category: "C"}
		got := map[string][]int{}
		for _, e := range topicEntries(testGlossary(t, []*content.Topic{topic}), topic) {
			if !e.body {
				got[e.word] = append(got[e.word], e.code)
			}
		}
		for w := range got {
			slices.Sort(got[w])
		}
		for w := range tc.want {
			slices.Sort(tc.want[w])
		}
		if !maps.EqualFunc(got, tc.want, slices.Equal) {
			t.Errorf("%s %q: names entries %v, want %v", tc.title, tc.aliases, got, tc.want)
		}
	}
}

// Words are folded as i18n.Fold folds them, and each language leaves out
// its own stop words and, in French, its elided words.
func TestWords(t *testing.T) {
	for _, tc := range []struct {
		lang, text string
		want       []string
	}{
		{"en", "Claims-Made Policy", []string{"claims", "made", "policy"}},
		{"en", "The insurer's right of subrogation", []string{"insurer", "right", "subrogation"}},
		{"fr", "Garantie en base réclamation", []string{"garantie", "base", "reclamation"}},
		{"fr", "L'assureur qu’il désigne jusqu'à l’échéance", []string{"assureur", "designe", "echeance"}},
		{"fr", "Œuvre d'art et ÉCART", []string{"oeuvre", "art", "ecart"}},
		{"fr", "Re\u0301siliation", []string{"resiliation"}}, // written decomposed
		{"fr", "the and of", []string{"the", "and", "of"}},   // not French stop words
		{"en", "en de la", []string{"en", "de", "la"}},
		{"de", "Straße and the Ölpest", []string{"strasse", "olpest"}}, // no list of its own: English's
		{"en-GB", "Excess of Loss", []string{"excess", "loss"}},
		{"fr-CA", "Prime de l'assurance", []string{"prime", "assurance"}},
	} {
		got := words(tc.text, stopWordsOf(tc.lang))
		if !slices.Equal(got, tc.want) {
			t.Errorf("words(%q) in %s = %q, want %q", tc.text, tc.lang, got, tc.want)
		}
	}
}

// bilingual is a glossary in English and French: Deductible, Claims-Made
// Policy and Exclusion translated, Premium not. frDeductible is the
// French title of Deductible, french what the site calls French.
func bilingual(t *testing.T, frDeductible, french string) *glossary.Glossary {
	t.Helper()
	fr := content.Settings{Title: "G", Language: "fr"}
	settings := content.Settings{Title: "G", Language: "en", Languages: []content.SiteLanguage{
		{Code: "en", Name: "English"}, {Code: "fr", Name: french, Prefix: "fr/", Settings: &fr}}}
	fr.Languages = settings.Languages
	mk := func(lang, key, slug, title, summary string, aliases ...string) *content.Topic {
		rel := key
		if lang != "" {
			rel = strings.TrimSuffix(key, ".md") + "." + lang + ".md"
		}
		return &content.Topic{Lang: lang, Key: key, Slug: slug, Rel: rel, Title: title, Aliases: aliases, Summary: summary,
			Category: "C", Hash: uint64(len(title) + len(summary)*31 + len(aliases)*7)}
	}
	topics := []*content.Topic{
		mk("", "deductible.md", "deductible", "Deductible", "The part of a loss the insured bears.", "Excess"),
		mk("", "claims-made-policy.md", "claims-made-policy", "Claims-Made Policy", "A policy triggered by the claim."),
		mk("", "premium.md", "premium", "Premium", "The price of cover."),
		mk("", "exclusion.md", "exclusion", "Exclusion", "What a policy does not cover."),
		mk("fr", "deductible.md", "deductible", frDeductible, "La part du sinistre que garde l'assuré.", "Franchise contractuelle"),
		mk("fr", "claims-made-policy.md", "claims-made-policy", "Garantie en base réclamation", "Une garantie déclenchée par la réclamation."),
		mk("fr", "exclusion.md", "exclusion", "Exclusion", "Ce que la police ne couvre pas."),
	}
	g, d := glossary.New(settings, topics, glossary.Options{})
	if len(d) > 0 {
		t.Fatal(d.Err())
	}
	return g
}

// searchDocs decodes an index's docs files, by slug.
func searchDocs(t *testing.T, files map[string]dataFile) map[string][]json.RawMessage {
	t.Helper()
	out := map[string][]json.RawMessage{}
	for name, f := range files {
		if !strings.HasPrefix(name, "search/docs-") {
			continue
		}
		var docs [][]json.RawMessage
		if err := json.Unmarshal(f.data, &docs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, d := range docs {
			var slug string
			json.Unmarshal(d[1], &slug)
			out[slug] = d
		}
	}
	return out
}

// Each language's index holds its own topics, and their names in the
// other languages, marked with their language; a name that is the same
// in both ("Exclusion") is listed once, as the index's own.
func TestSearchIndexLanguages(t *testing.T) {
	g := bilingual(t, "Franchise", "Français")
	en, fr := g.Languages[0], g.Languages[1]
	for _, tc := range []struct {
		g *glossary.Glossary
		// docs: slug → other names, and their languages ("" for none).
		docs  map[string]string
		names map[string][]string // a names word → the slugs it finds
		meta  string
	}{
		{en, map[string]string{
			"deductible":         `["Excess","Franchise","Franchise contractuelle"] ["","fr","fr"]`,
			"claims-made-policy": `["Garantie en base réclamation"] ["fr"]`,
			"premium":            `[] `,
			"exclusion":          `[] `,
		}, map[string][]string{"franchise": {"deductible"}, "reclamation": {"claims-made-policy"}, "en": {"claims-made-policy"},
			"excess": {"deductible"}, "exclusion": {"exclusion"}},
			`"languages":{"en":"English","fr":"Français"}`},
		{fr, map[string]string{
			"deductible":         `["Franchise contractuelle","Deductible","Excess"] ["","en","en"]`,
			"claims-made-policy": `["Claims-Made Policy"] ["en"]`,
			"exclusion":          `[] `,
		}, map[string][]string{"deductible": {"deductible"}, "excess": {"deductible"}, "claims": {"claims-made-policy"},
			"reclamation": {"claims-made-policy"}, "franchise": {"deductible"}, "premium": nil, "en": nil},
			`"languages":{"en":"English","fr":"Français"}`},
	} {
		files := new(SearchIndex).update(tc.g)
		docs := searchDocs(t, files)
		if len(docs) != len(tc.docs) {
			t.Errorf("%s: index of %d topics, want %d: %v", tc.g.Code, len(docs), len(tc.docs), slices.Sorted(maps.Keys(docs)))
		}
		for slug, want := range tc.docs {
			d := docs[slug]
			if d == nil {
				t.Errorf("%s: no docs entry for %s", tc.g.Code, slug)
				continue
			}
			got := string(d[3]) + " "
			if len(d) > 6 {
				got += string(d[6])
			}
			if got != want {
				t.Errorf("%s: %s's other names %s, want %s", tc.g.Code, slug, got, want)
			}
		}
		slugs := make([]string, len(tc.g.Topics))
		for i, topic := range tc.g.Topics {
			slugs[i] = topic.Slug
		}
		for word, want := range tc.names {
			var shard struct{ N map[string][]int }
			if f, ok := files["search/terms/"+shardKey(word)+".json"]; ok {
				if err := json.Unmarshal(f.data, &shard); err != nil {
					t.Fatal(err)
				}
			}
			var got []string
			p := shard.N[word]
			for j, doc := 0, 0; j < len(p); j += 2 {
				doc += p[j]
				if !slices.Contains(got, slugs[doc]) {
					got = append(got, slugs[doc])
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: the name word %q finds %v, want %v", tc.g.Code, word, got, want)
			}
		}
		if meta := string(files["search/meta.json"].data); !strings.Contains(meta, tc.meta) {
			t.Errorf("%s: meta.json %s, want %s in it", tc.g.Code, meta, tc.meta)
		}
	}
}

// A name from another language carries its flag (256) in its code, in
// both kinds of entry: the script ranks it below a name of the index's
// own language that matches as well.
func TestTopicEntriesOtherLanguage(t *testing.T) {
	g := bilingual(t, "Franchise", "Français")
	for _, tc := range []struct {
		g    *glossary.Glossary
		slug string
		want map[string][]int // word → codes
	}{
		{g.Languages[1], "deductible", map[string][]int{
			"franchise": {0<<9 | 1<<4, 1<<9 | 2<<4}, "contractuelle": {1<<9 | 2<<4 | 1},
			"deductible": {2<<9 | 1<<8 | 1<<4}, "excess": {3<<9 | 1<<8 | 1<<4}}},
		{g.Languages[0], "claims-made-policy", map[string][]int{
			"claims": {3 << 4}, "made": {3<<4 | 1}, "policy": {3<<4 | 2}, "claimsmadepolicy": {0},
			"garantie": {1<<9 | 1<<8 | 4<<4}, "en": {1<<9 | 1<<8 | 4<<4 | 1},
			"base": {1<<9 | 1<<8 | 4<<4 | 2}, "reclamation": {1<<9 | 1<<8 | 4<<4 | 3}}},
	} {
		i := slices.IndexFunc(tc.g.Topics, func(t *content.Topic) bool { return t.Slug == tc.slug })
		if i < 0 {
			t.Fatalf("%s: no topic %s", tc.g.Code, tc.slug)
		}
		got := map[string][]int{}
		for _, e := range topicEntries(tc.g, tc.g.Topics[i]) {
			if !e.body {
				got[e.word] = append(got[e.word], e.code)
			}
		}
		if !maps.EqualFunc(got, tc.want, slices.Equal) {
			t.Errorf("%s %s: names entries %v, want %v", tc.g.Code, tc.slug, got, tc.want)
		}
	}
}

// A translation's names are in the other languages' indexes, and the
// languages' names in meta.json: editing either updates the index as a
// fresh build would.
func TestSearchIndexUpdateLanguages(t *testing.T) {
	for _, tc := range []struct {
		name, title, french string
		changed             string // a file that must change
	}{
		{"translation retitled", "Découvert obligatoire", "Français", "search/terms/de.json"},
		{"language renamed", "Franchise", "French", "search/meta.json"},
	} {
		for lang := range 2 {
			x := SearchIndex{Keep: true}
			before := maps.Clone(x.update(bilingual(t, "Franchise", "Français").Languages[lang]))
			g := bilingual(t, tc.title, tc.french).Languages[lang]
			got, want := x.update(g), new(SearchIndex).update(g)
			if len(got) != len(want) {
				t.Errorf("%s, %s: %d files, want %d", tc.name, g.Code, len(got), len(want))
			}
			for name, w := range want {
				if string(got[name].data) != string(w.data) {
					t.Errorf("%s, %s: %s differs from a fresh index:\n got %.300s\nwant %.300s", tc.name, g.Code, name, got[name].data, w.data)
				}
			}
			if string(before[tc.changed].data) == string(got[tc.changed].data) {
				t.Errorf("%s, %s: %s did not change", tc.name, g.Code, tc.changed)
			}
		}
	}
}

// site.js cuts a query into words as words() cuts the index: its stop
// words, elisions and the letters it spells out (its fold) must be the
// generator's. The fold is checked letter by letter: NFD without marks,
// then site.js's table, against i18n.Fold.
func TestScriptWordsAsIndex(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "static", "js", "site.js"))
	if err != nil {
		t.Fatal(err)
	}
	js := string(src)
	find := func(re string) []string {
		t.Helper()
		m := regexp.MustCompile(re).FindStringSubmatch(js)
		if m == nil {
			t.Fatalf("site.js has no %s", re)
		}
		return m
	}
	elisions := strings.Fields(find(`var ELISIONS = "([^"]*)"`)[1])
	if want := i18n.Elisions("fr"); !slices.Equal(elisions, want) {
		t.Errorf("site.js's ELISIONS %q, want i18n.Elisions(\"fr\") %q", elisions, want)
	}
	for _, lang := range []string{"en", "fr"} {
		list := strings.Fields(find(`(?m)^\s*` + lang + `: "([^"]*)"`)[1])
		if lang == "fr" {
			list = append(list, elisions...)
		}
		if got, want := set(strings.Join(list, " ")), stopWordsOf(lang); !maps.Equal(got, want) {
			t.Errorf("site.js's %s stop words %v, want %v", lang, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
	}
	spelled := map[rune]string{}
	for _, m := range regexp.MustCompile(`"(.)": "(\w+)"`).FindAllStringSubmatch(find(`var SPELLED = \{([^}]*)\}`)[1], -1) {
		spelled[[]rune(m[1])[0]] = m[2]
	}
	if len(spelled) == 0 {
		t.Fatal("site.js's SPELLED is empty")
	}
	scriptFold := func(s string) string {
		var b strings.Builder
		for _, r := range norm.NFD.String(strings.ToLower(s)) {
			if p, ok := spelled[r]; ok {
				b.WriteString(p)
			} else if !unicode.Is(unicode.Mn, r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	for _, span := range [][2]rune{{0x80, 0x2af}, {0x370, 0x3ff}, {0x400, 0x4ff}, {0x1e00, 0x1eff}, {0xfb00, 0xfb06}} {
		for r := span[0]; r <= span[1]; r++ {
			if got, want := scriptFold(string(r)), i18n.Fold(string(r)); got != want {
				t.Errorf("site.js folds %q (%U) to %q, i18n.Fold to %q", r, r, got, want)
			}
		}
	}
}
