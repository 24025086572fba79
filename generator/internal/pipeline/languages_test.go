package pipeline

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	hreflangRe  = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	azItemRe    = regexp.MustCompile(`<li data-kicker="[^"]*"><a href="[^"]*">([^<]+)</a>`)
	letterRe    = regexp.MustCompile(`<li><a href="#letter-[^"]*">([^<]+)</a></li>`)
	switcherRe  = regexp.MustCompile(`<nav class="languages"[^>]*>(.*?)</nav>`)
	switchLinkR = regexp.MustCompile(`<a href="([^"]+)" hreflang="([^"]+)"[^>]*?(class="untranslated")?>`)
)

// readOut reads an output file of the test site.
func readOut(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testConfig.Out, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestLanguages builds the three-language site and checks what makes it
// one glossary rather than three sites.
func TestLanguages(t *testing.T) {
	unpackSite(t, "languages")
	s := NewSite(testConfig)
	s.Load()
	res, err := s.Generate(Full)
	if err != nil {
		t.Fatal(err)
	}
	if res.Topics != 12 {
		t.Errorf("built %d topics in all languages, want 12", res.Topics)
	}
	base := "https://example.org/words/"

	t.Run("hreflang is reciprocal", func(t *testing.T) {
		pages := 0
		err := filepath.WalkDir(testConfig.Out, func(p string, e os.DirEntry, err error) error {
			if err != nil || !strings.HasSuffix(p, ".html") {
				return err
			}
			rel, _ := filepath.Rel(testConfig.Out, p)
			page := readOut(t, filepath.ToSlash(rel))
			alts := hreflangRe.FindAllStringSubmatch(page, -1)
			if len(alts) == 0 {
				return nil
			}
			pages++
			self := base + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
			var set []string
			hasSelf := false
			for _, a := range alts {
				set = append(set, a[1]+" "+a[2])
				hasSelf = hasSelf || a[2] == self
			}
			if !hasSelf {
				t.Errorf("%s: its alternates %q do not name the page itself", rel, set)
			}
			for _, a := range alts {
				other := strings.TrimPrefix(a[2], base) + "index.html"
				var back []string
				for _, b := range hreflangRe.FindAllStringSubmatch(readOut(t, other), -1) {
					back = append(back, b[1]+" "+b[2])
				}
				if !slices.Equal(set, back) {
					t.Errorf("%s names %s (%s), whose alternates are %q, not %q", rel, other, a[1], back, set)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if pages < 20 {
			t.Errorf("only %d pages have alternates", pages)
		}
	})

	t.Run("A–Z by each language's collation", func(t *testing.T) {
		for _, c := range []struct {
			file           string
			order, letters []string
		}{
			{"index.html", []string{"Deductible", "Equivalence Principle", "Exclusion", "Insurer", "Settlement Gap"}, []string{"D", "E", "I", "S"}},
			{"fr/index.html", []string{"Assureur", "Écart de règlement", "Exclusion", "Franchise"}, []string{"A", "E", "F"}},
			{"de/index.html", []string{"Äquivalenzprinzip", "Ausschluss", "Selbstbehalt"}, []string{"A", "S"}},
		} {
			page := readOut(t, c.file)
			var order, letters []string
			for _, m := range azItemRe.FindAllStringSubmatch(page, -1) {
				order = append(order, htmlText(m[1]))
			}
			for _, m := range letterRe.FindAllStringSubmatch(page, -1) {
				letters = append(letters, m[1])
			}
			if !slices.Equal(order, c.order) || !slices.Equal(letters, c.letters) {
				t.Errorf("%s: A–Z %q under letters %q, want %q under %q", c.file, order, letters, c.order, c.letters)
			}
		}
	})

	t.Run("the switcher leads to the same term, or says it is not translated", func(t *testing.T) {
		for _, c := range []struct {
			file string
			want []string // href hreflang [untranslated]
		}{
			{"topics/deductible/index.html", []string{"../../fr/topics/deductible/ fr", "../../de/topics/deductible/ de"}},
			{"fr/topics/settlement-gap/index.html", []string{"../../../topics/settlement-gap/ en", "../../../de/ de untranslated"}},
			{"de/topics/equivalence-principle/index.html", []string{"../../../topics/equivalence-principle/ en", "../../../fr/ fr untranslated"}},
			{"fr/topics/insurer/index.html", []string{"../../../topics/insurer/ en", "../../../de/ de untranslated"}},
			{"fr/categories/pricing/index.html", []string{"../../../categories/pricing/ en", "../../../de/categories/pricing/ de"}},
		} {
			nav := switcherRe.FindStringSubmatch(readOut(t, c.file))
			if nav == nil {
				t.Errorf("%s: no language switcher", c.file)
				continue
			}
			var got []string
			for _, m := range switchLinkR.FindAllStringSubmatch(nav[1], -1) {
				got = append(got, strings.TrimSpace(m[1]+" "+m[2]+" "+strings.TrimSuffix(strings.TrimPrefix(m[3], `class="`), `"`)))
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%s: switcher links %q, want %q", c.file, got, c.want)
			}
		}
	})

	t.Run("each language has its own search index", func(t *testing.T) {
		for _, c := range []struct {
			dir    string
			titles []string
		}{
			{"", []string{"Deductible", "Equivalence Principle", "Exclusion", "Insurer", "Settlement Gap"}},
			{"fr/", []string{"Assureur", "Exclusion", "Franchise", "Écart de règlement"}},
			{"de/", []string{"Ausschluss", "Selbstbehalt", "Äquivalenzprinzip"}},
		} {
			var docs [][]any
			if err := json.Unmarshal([]byte(readOut(t, c.dir+"search/docs-0.json")), &docs); err != nil {
				t.Fatalf("%ssearch/docs-0.json: %v", c.dir, err)
			}
			var titles []string
			for _, d := range docs {
				titles = append(titles, d[0].(string))
			}
			slices.Sort(titles)
			if !slices.Equal(titles, c.titles) {
				t.Errorf("%ssearch holds %q, want %q", c.dir, titles, c.titles)
			}
		}
	})

	t.Run("sections are recognised in each language", func(t *testing.T) {
		for _, c := range []struct{ file, want string }{
			{"fr/topics/exclusion/index.html", `<h2 id="exceptions-limitations-and-boundaries">Exceptions, limites et frontières</h2>`},
			{"fr/topics/deductible/index.html", `<h2 id="faq">Franchise : questions fréquentes</h2>`},
			{"de/topics/equivalence-principle/index.html", `<h2 id="definition">Definition</h2>`},
			{"de/topics/deductible/index.html", `<h2 id="faq">Selbstbehalt: häufige Fragen</h2>`},
		} {
			if !strings.Contains(readOut(t, c.file), c.want) {
				t.Errorf("%s lacks %s", c.file, c.want)
			}
		}
	})

	t.Run("translations", func(t *testing.T) {
		g, _ := s.Index()
		var warnings []string
		for _, w := range g.TranslationWarnings() {
			warnings = append(warnings, w.String())
		}
		want := []string{filepath.Join("content", "traductions", "assureur.fr.md") +
			":5:1: warning: stale translation: " + filepath.Join("content", "insurer.md") +
			" was updated 2026-03-01, this translation was updated 2026-01-15; bring it up to date and set updated"}
		if !slices.Equal(warnings, want) {
			t.Errorf("warnings %q, want %q", warnings, want)
		}
		summary := g.TranslationSummary()
		if want := []string{"fr: 4 of 5 topics translated, 1 not translated", "de: 3 of 5 topics translated, 2 not translated"}; !slices.Equal(summary, want) {
			t.Errorf("summary %q, want %q", summary, want)
		}
		// Inherited from the original: its category, under the
		// language's name for it, and its broader term.
		page := readOut(t, "fr/topics/settlement-gap/index.html")
		for _, want := range []string{`<p class="kicker"><a href="../../../fr/categories/pricing/">Tarification</a></p>`,
			`<h3 id="broader-terms">Termes génériques</h3>`} {
			if !strings.Contains(page, want) {
				t.Errorf("fr/topics/settlement-gap lacks %s", want)
			}
		}
		// A term not translated is linked in the default language.
		page = readOut(t, "fr/topics/deductible/index.html")
		if want := `<a href="../../../topics/equivalence-principle/">équivalence</a>`; !strings.Contains(page, want) {
			t.Errorf("fr/topics/deductible lacks %s", want)
		}
		if want := path.Join("fr", "topics", "insurer") + "/index.html"; !slices.Contains(tree(t, testConfig.Out), want) {
			t.Errorf("the translation paired by translation_key is not at %s", want)
		}
	})
}

// htmlText undoes the escaping of a text node.
func htmlText(s string) string {
	return strings.NewReplacer("&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`).Replace(s)
}

// TestLanguagesServed edits the three-language site as the dev server
// does: an edit of a translation's text re-renders its page alone, and
// after every edit the output is what a full build of the same files
// writes.
func TestLanguagesServed(t *testing.T) {
	unpackSite(t, "languages")
	s := servedSite(t)
	edit := func(file string, change func(string) string) {
		src, err := os.ReadFile(file)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if change == nil {
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
		} else {
			writeFile(t, file, change(string(src)))
		}
		if !s.Reload([]string{file}) {
			t.Fatalf("editing %s changed nothing", file)
		}
	}
	replace := func(old, new string) func(string) string {
		return func(src string) string {
			if !strings.Contains(src, old) {
				t.Fatalf("no %q to replace", old)
			}
			return strings.Replace(src, old, new, 1)
		}
	}
	steps := []struct {
		name, file string
		change     func(string) string
		// only, if set, are the files the step may change.
		only []string
	}{
		{"a French answer", "content/deductible.fr.md", replace("une part de chaque sinistre", "une part de chaque perte"),
			[]string{"fr/topics/deductible/index.html"}},
		{"a French title", "content/settlement-gap.fr.md", replace("title: Écart de règlement", "title: Écart d'indemnisation"), nil},
		{"a new German translation", "content/settlement-gap.de.md", func(string) string {
			return "---\ntitle: Regulierungslücke\nsummary: Der Unterschied zwischen gemeldetem Schaden und gezahltem Betrag.\nupdated: 2026-03-01\n---\n\n## Definition\n\nDie Lücke zwischen [Selbstbehalt](deductible.md) und Zahlung.\n"
		}, nil},
		{"the French category names", "content/_index.fr.md", replace("name: Tarification", "name: Prix"), nil},
		{"an English title the translations link to", "content/equivalence-principle.md",
			replace("title: Equivalence Principle", "title: Principle of Equivalence"), nil},
		{"a translation removed", "content/exclusion.de.md", nil, nil},
	}
	for _, st := range steps {
		before := snapshot(t, testConfig.Out)
		edit(st.file, st.change)
		if _, err := s.Generate(InPlace); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		after := snapshot(t, testConfig.Out)
		if st.only != nil {
			if diff := changed(before, after); !slices.Equal(diff, st.only) {
				t.Errorf("%s: changed %q, want %q", st.name, diff, st.only)
			}
		}
		cfg := testConfig
		cfg.Out, cfg.Cache = "full", "full-cache"
		mustBuild(t, cfg)
		if diff := changed(after, snapshot(t, cfg.Out)); len(diff) > 0 {
			t.Errorf("%s: the served site differs from a full build in %q", st.name, diff)
		}
	}
}
