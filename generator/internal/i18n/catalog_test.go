package i18n

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCatalog(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"fr.yaml":    "sections:\n  definition: [Définition]\n  faq: [Questions fréquentes, FAQ]\nstrings:\n  skip: Aller au contenu\n  faq_title: \"{title} : questions fréquentes\"\n",
		"xx.yaml":    "sections:\n  definitions: [X]\n  faq: nothing\nstrings:\n  skipp: X\n  skip: [a, b]\nother: 1\n",
		"bad.yaml":   "sections: [\n",
		"split.yaml": "sections:\n  exceptions: [Exceptions, limites et frontières]\n",
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, d := Load(dir)
	var got []string
	for _, e := range d.Sort() {
		got = append(got, e.String())
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	want := []string{
		p("bad.yaml") + ":2:1: did not find expected node content",
		p("split.yaml") + `:2:28: section exceptions: "limites et frontières" looks like the rest of "Exceptions, limites et frontières", split at its comma: quote a heading that holds a comma`,
		p("xx.yaml") + `:2:3: unknown section "definitions" (did you mean "definition"?)`,
		p("xx.yaml") + ":3:8: section faq: expected a list of headings such as [FAQ]",
		p("xx.yaml") + `:5:3: unknown string "skipp" (did you mean "skip"?)`,
		p("xx.yaml") + ":6:9: string skip: expected text",
		p("xx.yaml") + `:7:1: unknown key "other": a catalogue file has sections: and strings:`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics\n%q\nwant\n%q", got, want)
	}
	for _, tc := range []struct {
		lang, definition, skip, english string
	}{
		{"fr", "Définition", "Aller au contenu", "Structural Characteristics"},
		{"fr-CA", "Définition", "Aller au contenu", "Structural Characteristics"},
		{"de", "Definition", "Skip to content", "Structural Characteristics"},
		{"en", "Definition", "Skip to content", "Structural Characteristics"},
	} {
		l := c.Lang(tc.lang)
		if l.Sections[0][0] != tc.definition || l.Strings["skip"] != tc.skip || l.Sections[1][0] != tc.english {
			t.Errorf("%s: definition %q, skip %q, structural %q", tc.lang, l.Sections[0][0], l.Strings["skip"], l.Sections[1][0])
		}
	}
	if got := c.Lang("fr").Text("faq_title", "title", "Franchise"); got != "Franchise : questions fréquentes" {
		t.Errorf("fr faq_title = %q", got)
	}
	if got := c.Lang("en").Text("not_translated", "title", "Deductible", "language", "Français"); got != "Deductible is not translated into Français: its home page" {
		t.Errorf("en not_translated = %q", got)
	}
}

// TestShippedCatalogues reads the repository's catalogue files: each must
// load without a problem and give every section a heading.
func TestShippedCatalogues(t *testing.T) {
	c, d := Load(filepath.Join("..", "..", "..", "templates", "i18n"))
	for _, e := range d {
		t.Error(e)
	}
	for _, lang := range []string{"fr", "de"} {
		if !c.Has(lang) {
			t.Errorf("no catalogue for %s", lang)
		}
		for s, names := range c.Lang(lang).Sections {
			if len(names) == 0 || names[0] == englishWords.Sections[s][0] && lang == "fr" {
				t.Errorf("%s: section %s has no heading of its own: %q", lang, SectionKeys[s], names)
			}
		}
	}
}
