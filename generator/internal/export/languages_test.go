package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"reflect"
	"slices"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/export"
)

// twoLanguages is a glossary in English and French: translations with
// their own names and definitions, one at a slug of its own, an alias
// repeating its translation's title, a deprecated term translated, a
// term left untranslated, and French text with quotes to escape.
var twoLanguages = map[string]string{
	"_index.md": "---\ntitle: Test Glossary\ndescription: Terms, tested.\nbase_url: https://glossary.test/\n" +
		"languages:\n  - code: en\n    name: English\n    default: true\n  - code: fr\n    name: Français\n" +
		"license: CC-BY-4.0\n---\n\nIntro.\n",
	"_index.fr.md": "---\ntitle: Glossaire d'essai\ndescription: Des termes « éprouvés ».\n---\n\nIntroduction.\n",
	"deductible.md": "---\ntitle: Deductible\nsummary: The part of a loss the insured bears.\ncategory: Policy Structure\n" +
		"aliases: [Excess]\nbroader: [retention]\nupdated: 2026-01-02\n---\n\n## Definition\n\nA deductible is borne by the insured.\n",
	"deductible.fr.md": "---\ntitle: Franchise\nsummary: 'Part du sinistre \"à la charge\" de l''assuré.'\n" +
		"aliases: [Franchise contractuelle, franchise]\n---\n\n## Definition\n\nLa *franchise* reste à la charge de l'assuré.\n",
	"retention.md":    "---\ntitle: Retention\nsummary: The risk an insured keeps.\ncategory: Policy Structure\n---\n\n## Definition\n\nKept.\n",
	"retention.fr.md": "---\ntitle: Rétention\nslug: retention-propre\nsummary: Le risque que l'assuré garde.\n---\n\n## Definition\n\nGardé.\n",
	"old-deductible.md": "---\ntitle: Old Deductible\nsummary: What a deductible was once called.\n" +
		"status: deprecated\nreplaced_by: deductible\naliases: [Prior Retention]\n---\n\n## Definition\n\nGone.\n",
	"old-deductible.fr.md": "---\ntitle: Ancienne franchise\nsummary: Ce qu'on appelait une franchise.\n" +
		"aliases: [Découvert]\n---\n\n## Definition\n\nDisparu.\n",
	"plain.md": "---\ntitle: Plain\nsummary: Plain.\nstatus: proposed\n---\n\n## Definition\n\nOnly in English.\n",
}

const (
	preferred  = "preferredTerm-admn-sts"
	admitted   = "admittedTerm-admn-sts"
	deprecated = "deprecatedTerm-admn-sts"
)

// TestTBXLanguages: one conceptEntry per term, one langSec in each
// language that has it, the concept's status on every name.
func TestTBXLanguages(t *testing.T) {
	doc := readTBX(t, write(t, buildGlossary(t, twoLanguages), "glossary.tbx"))
	if doc.Lang != "en" {
		t.Errorf("root xml:lang %q, want the default language, en", doc.Lang)
	}
	// sec is a langSec: its language, definition, then each name and
	// its status.
	sec := func(lang, definition string, names ...string) tbxLangSec {
		ls := tbxLangSec{Lang: lang, Descrip: []tbxDescrip{{"definition", definition}}}
		for i := 0; i < len(names); i += 2 {
			ls.Terms = append(ls.Terms, tbxTermSec{names[i], tbxDescrip{"administrativeStatus", names[i+1]}})
		}
		return ls
	}
	want := map[string][]tbxLangSec{
		"c-deductible": {
			sec("en", "The part of a loss the insured bears.", "Deductible", preferred, "Excess", admitted),
			sec("fr", `Part du sinistre "à la charge" de l'assuré.`, "Franchise", preferred, "Franchise contractuelle", admitted),
		},
		"c-old-deductible": {
			sec("en", "What a deductible was once called.", "Old Deductible", deprecated, "Prior Retention", deprecated),
			sec("fr", "Ce qu'on appelait une franchise.", "Ancienne franchise", deprecated, "Découvert", deprecated),
		},
		"c-plain": {sec("en", "Plain.", "Plain", admitted)},
		"c-retention": {
			sec("en", "The risk an insured keeps.", "Retention", preferred),
			sec("fr", "Le risque que l'assuré garde.", "Rétention", preferred),
		},
	}
	if len(doc.Entries) != len(want) {
		t.Errorf("%d conceptEntry elements, want %d", len(doc.Entries), len(want))
	}
	for _, e := range doc.Entries {
		if !reflect.DeepEqual(e.LangSecs, want[e.ID]) {
			t.Errorf("%s:\n got %+v\nwant %+v", e.ID, e.LangSecs, want[e.ID])
		}
	}
}

// TestCSVLanguages: the columns of a site in one language, then four for
// French, empty where a term is not translated.
func TestCSVLanguages(t *testing.T) {
	rows, err := csv.NewReader(bytes.NewReader(write(t, buildGlossary(t, twoLanguages), "glossary.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := append(slices.Clone(export.CSVColumns), "title_fr", "aliases_fr", "summary_fr", "url_fr")
	if !slices.Equal(rows[0], header) {
		t.Fatalf("header %q, want %q", rows[0], header)
	}
	fr := func(row []string) []string { return row[len(export.CSVColumns):] }
	want := map[string][]string{
		"deductible": {"Franchise", "Franchise contractuelle", `Part du sinistre "à la charge" de l'assuré.`, "https://glossary.test/fr/topics/deductible/"},
		"retention":  {"Rétention", "", "Le risque que l'assuré garde.", "https://glossary.test/fr/topics/retention-propre/"},
		"plain":      {"", "", "", ""},
	}
	for _, row := range rows[1:] {
		if w, ok := want[row[0]]; ok && !slices.Equal(fr(row), w) {
			t.Errorf("%s: French columns %q, want %q", row[0], fr(row), w)
		}
	}
}

// TestJSONLanguages: the header lists the languages, and every term has
// its translations by code, {} when it has none.
func TestJSONLanguages(t *testing.T) {
	data := write(t, buildGlossary(t, twoLanguages), "glossary.json")
	type lang struct{ Code, Name, Title, Description, URL string }
	var doc struct {
		Languages []lang
		Terms     []export.Term
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	wantLangs := []lang{
		{"en", "English", "Test Glossary", "Terms, tested.", "https://glossary.test/"},
		{"fr", "Français", "Glossaire d'essai", "Des termes « éprouvés ».", "https://glossary.test/fr/"},
	}
	if !slices.Equal(doc.Languages, wantLangs) {
		t.Errorf("languages %+v, want %+v", doc.Languages, wantLangs)
	}
	want := map[string]map[string]export.Translation{
		"deductible": {"fr": {Slug: "deductible", URL: "https://glossary.test/fr/topics/deductible/", Title: "Franchise",
			Aliases: []string{"Franchise contractuelle"}, Summary: `Part du sinistre "à la charge" de l'assuré.`,
			ScopeNote: "La franchise reste à la charge de l'assuré."}},
		"retention": {"fr": {Slug: "retention-propre", URL: "https://glossary.test/fr/topics/retention-propre/", Title: "Rétention",
			Aliases: []string{}, Summary: "Le risque que l'assuré garde.", ScopeNote: "Gardé."}},
		// Present and empty: every key is always there.
		"plain": {},
	}
	for _, term := range doc.Terms {
		if w, ok := want[term.Slug]; ok && (term.Translations == nil || !reflect.DeepEqual(term.Translations, w)) {
			t.Errorf("%s: translations %#v, want %#v", term.Slug, term.Translations, w)
		}
	}
}

// TestHashLanguages: the exports' hash follows what they show of every
// language, and is the site's whichever language's glossary computes it.
func TestHashLanguages(t *testing.T) {
	g := buildGlossary(t, twoLanguages)
	fr := g.Languages[1]
	if export.Hash(fr) != export.Hash(g) {
		t.Error("the French glossary's hash is not the site's")
	}
	franchise := fr.Topics[slices.IndexFunc(fr.Topics, func(tp *content.Topic) bool { return tp.Slug == "deductible" })]
	before := export.Hash(g)
	franchise.Questions = append(franchise.Questions, "Une question qu'aucun export ne montre ?")
	if export.Hash(g) != before {
		t.Error("Hash changed with a French FAQ question, which no export shows")
	}
	for _, c := range []struct {
		what string
		edit func()
	}{
		{"a French title", func() { franchise.Title = "Franchise absolue" }},
		{"a French alias", func() { franchise.Aliases = append(franchise.Aliases, "Découvert obligatoire") }},
		{"a French summary", func() { franchise.Summary += " Voire plus." }},
		{"a French scope note", func() { franchise.Lead += " Encore." }},
		{"a French slug", func() { franchise.Slug = "franchise" }},
		{"the French site title", func() { fr.Settings.Title = "Glossaire" }},
		{"the French site description", func() { fr.Settings.Description = "Autre." }},
	} {
		c.edit()
		if after := export.Hash(g); after == before {
			t.Errorf("Hash did not change with %s", c.what)
		} else {
			before = after
		}
	}
}
