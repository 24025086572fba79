package audit_test

// Search relevance, driven through the real search box: the public query
// set against the shipped glossary, and a table of the kinds of query a
// reader types against a small glossary written for it.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"glossary/generator/internal/pipeline"
)

// result is one option of the search list as a reader sees it.
type result struct {
	URL, Title, Kicker, Summary, Note string
	Marks                             []string // the highlighted words
}

// resultsJS reads the open list once the script has drawn it.
const resultsJS = `[...document.querySelectorAll("#search-results [role=option]")].map(li => ({
	URL: new URL(li.getAttribute("data-url"), location.href).href,
	Title: li.querySelector(".result-title").textContent,
	Kicker: (li.querySelector(".result-kicker") || {}).textContent || "",
	Summary: li.querySelector(".result-summary").textContent,
	Note: (li.querySelector(".result-note") || {}).textContent || "",
	Marks: [...li.querySelectorAll("mark")].map(m => m.textContent),
}))`

// search types q into the search box of the open page, key by key, and
// returns the results drawn for it.
func (b *browser) search(q string) []result {
	b.t.Helper()
	b.do("clearing the search box", chromedp.Evaluate[chromedp.Void](`(() => {
		const i = document.getElementById("search-input");
		i.value = "";
		i.focus();
	})()`))
	b.key("typing "+q, q)
	qj, _ := json.Marshal(q)
	b.waitFor("results for "+q, `document.getElementById("search-input").value === `+string(qj)+
		` && document.getElementById("search-results").getAttribute("aria-busy") === "false"`)
	return eval[[]result](b, "results for "+q, resultsJS)
}

// slugOf is the topic slug a result's address names.
func slugOf(url string) string {
	_, after, _ := strings.Cut(url, "/topics/")
	return strings.TrimSuffix(after, "/")
}

type query struct{ q, want string }

// readQueries reads a query set: query, tab, the slug of the topic meant.
func readQueries(t *testing.T, path string) []query {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []query
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		q, want, ok := strings.Cut(text, "\t")
		if !ok {
			t.Fatalf("%s:%d:1: want query<TAB>slug", path, line)
		}
		out = append(out, query{q, want})
	}
	return out
}

// TestSearchRelevance measures the public query set through the search
// box: mean reciprocal rank over the first five results, and how often
// the first result is the topic meant.
func TestSearchRelevance(t *testing.T) {
	queries := readQueries(t, filepath.Join("testdata", "search_queries.tsv"))
	base := serveSite(t)
	b := newBrowser(t, 1200, 900)
	b.open(base + homePath)
	var rr float64
	first := 0
	for _, q := range queries {
		var got []string
		for _, r := range b.search(q.q) {
			got = append(got, slugOf(r.URL))
		}
		rank := slices.Index(got[:min(5, len(got))], q.want) + 1
		if rank > 0 {
			rr += 1 / float64(rank)
		}
		if rank == 1 {
			first++
		}
		if rank != 1 {
			t.Logf("%-24q rank %d, want %s first; got %v", q.q, rank, q.want, got[:min(5, len(got))])
		}
	}
	mrr, acc := rr/float64(len(queries)), float64(first)/float64(len(queries))
	t.Logf("%d queries: MRR@5 %.3f, first result right %.3f", len(queries), mrr, acc)
	if mrr < 0.95 {
		t.Errorf("MRR@5 %.3f, want at least 0.95", mrr)
	}
	if acc < 0.9 {
		t.Errorf("first result right for %.3f of the queries, want at least 0.9", acc)
	}
	b.noConsoleErrors("search relevance")
}

// rankingSite is a glossary written to tell the kinds of query apart:
// names against text, live against deprecated, exact against typos.
var rankingSite = map[string]string{
	"_index.md":                "---\ntitle: Ranking Glossary\nlanguage: en\n---\n\nTerms.\n",
	"rider.md":                 "---\ntitle: Rider\nsummary: An amendment attached to a policy.\ncategory: Policy Structure\naliases: [Endorsement]\n---\n\n## Definition\n\nA rider changes the policy.\n",
	"deductible.md":            "---\ntitle: Deductible\nsummary: The part of a loss the insured bears.\ncategory: Policy Structure\naliases: [Excess]\n---\n\n## Definition\n\nThe insured bears it before the insurer pays.\n",
	"deductible-buy-back.md":   "---\ntitle: Deductible Buy-Back\nsummary: Cover that pays part of the deductible.\ncategory: Policy Structure\n---\n\n## Definition\n\nA separate policy pays the deductible.\n",
	"excess-of-loss.md":        "---\ntitle: Excess of Loss\nsummary: Reinsurance that pays above a retention.\ncategory: Reinsurance\n---\n\n## Definition\n\nThe reinsurer pays losses above the retention.\n",
	"errors-and-omissions.md":  "---\ntitle: Professional Liability\nsummary: Cover for negligent professional services.\ncategory: Casualty\naliases: [\"E&O\", Errors and Omissions]\n---\n\n## Definition\n\nIt covers mistakes in advice.\n",
	"claims-made-policy.md":    "---\ntitle: Claims-Made Policy\nsummary: A policy triggered by the claim, not the occurrence.\ncategory: Casualty\n---\n\n## Definition\n\nThe claim must be made in the period, whenever the events occur.\n",
	"occurrence-policy.md":     "---\ntitle: Occurrence Policy\nsummary: A policy triggered by injury during the period.\ncategory: Casualty\n---\n\n## Definition\n\nThe occurrence must happen in the period.\n",
	"subrogation.md":           "---\ntitle: Subrogation\nsummary: The insurer's right to recover from the party at fault.\ncategory: Claims\n---\n\n## Definition\n\nAfter paying, the insurer steps into the insured's shoes.\n",
	"waiver-of-subrogation.md": "---\ntitle: Waiver of Subrogation\nsummary: A promise not to pursue recovery.\ncategory: Claims\n---\n\n## Definition\n\nThe insurer gives up subrogation against a party.\n",
	"first-notice.md":          "---\ntitle: Notice of Claim\nsummary: Telling the insurer of a loss.\ncategory: Claims\naliases: [First Notice of Loss, FNOL]\n---\n\n## Definition\n\nThe policyholder reports the loss promptly.\n",
	"policy-schedule.md":       "---\ntitle: Declarations Page\nsummary: The page listing the policy's particulars.\ncategory: Policy Structure\naliases: [Policy Schedule]\n---\n\n## Definition\n\nIt names the insured and the limits.\n",
	// Named in many texts, in no name: a text match ranks below any name.
	"premium.md": "---\ntitle: Premium\nsummary: The price of cover; every rider, deductible and excess changes it.\ncategory: Policy Structure\n---\n\n## Definition\n\nA rider, a deductible, a waiver of subrogation and an endorsement change the premium.\n",
	// A deprecated term: its names lead to its replacement, which ranks
	// above it.
	"named-peril.md": "---\ntitle: Named Peril Rider\nsummary: A rider listing the perils covered.\ncategory: Property\nstatus: deprecated\nreplaced_by: rider\n---\n\n## Definition\n\nOld wording for a rider.\n",
}

// buildSite builds the glossary in content with the shipped templates
// and static files into a folder of the run named name, and returns it.
func buildSite(t *testing.T, content, name string) string {
	t.Helper()
	out := filepath.Join(tmpRoot, name+"-public")
	s := pipeline.NewSite(pipeline.Config{
		Content: content, Templates: filepath.Join(repoRoot, "templates"), Static: filepath.Join(repoRoot, "static"),
		Out: out, Cache: filepath.Join(tmpRoot, name+"-cache"), NoGit: true,
	})
	s.Load()
	if _, err := s.Generate(pipeline.Full); err != nil {
		t.Fatalf("building %s: %v", content, err)
	}
	return out
}

// serveRankingSite builds rankingSite with the shipped templates and
// serves it.
func serveRankingSite(t *testing.T) string {
	t.Helper()
	return serveDir(t, rankingDir(t))
}

// rankingDir builds rankingSite with the shipped templates.
func rankingDir(t *testing.T) string {
	t.Helper()
	src := filepath.Join(tmpRoot, "ranking-content")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range rankingSite {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buildSite(t, src, "ranking")
}

// TestSearchRanking types each kind of query a reader types and checks
// what the list shows first, and how.
func TestSearchRanking(t *testing.T) {
	base := serveRankingSite(t)
	b := newBrowser(t, 1200, 900)
	b.open(base + "/")
	for _, tc := range []struct {
		name, q string
		// first is the slug shown first; title its title as shown,
		// with the alias that matched.
		first, title string
		// before: the slugs, in this order, somewhere in the list.
		before []string
		typo   bool   // marked as a close spelling
		hint   string // the "Did you mean" suggestion, if any
		marks  []string
	}{
		{name: "title, any case", q: "DEDUCTIBLE", first: "deductible", title: "Deductible",
			before: []string{"deductible", "deductible-buy-back", "premium"}, marks: []string{"Deductible"}},
		{name: "alias shown with the title", q: "excess", first: "deductible", title: "Excess → Deductible",
			before: []string{"deductible", "excess-of-loss", "premium"}},
		{name: "plural", q: "deductibles", first: "deductible", title: "Deductible"},
		{name: "plural of a short word", q: "riders", first: "rider", title: "Rider"},
		{name: "prefix while typing", q: "subro", first: "subrogation", title: "Subrogation",
			before: []string{"subrogation", "waiver-of-subrogation"}},
		{name: "words in another order", q: "subrogation waiver", first: "waiver-of-subrogation", title: "Waiver of Subrogation"},
		{name: "spacing", q: "claims made", first: "claims-made-policy", title: "Claims-Made Policy"},
		{name: "run together", q: "claimsmade", first: "claims-made-policy", title: "Claims-Made Policy"},
		{name: "acronym", q: "fnol", first: "first-notice", title: "FNOL → Notice of Claim"},
		{name: "acronym with punctuation", q: "E&O", first: "errors-and-omissions", title: "E&O → Professional Liability"},
		{name: "phrase with a stop word", q: "errors and omissions", first: "errors-and-omissions",
			title: "Errors and Omissions → Professional Liability"},
		{name: "alias of two words", q: "policy schedule", first: "policy-schedule", title: "Policy Schedule → Declarations Page"},
		{name: "typo, long word", q: "deductable", first: "deductible", title: "Deductible", typo: true, hint: "deductible"},
		{name: "typo, two edits", q: "subrogaton", first: "subrogation", title: "Subrogation", typo: true, hint: "subrogation"},
		{name: "typo, missing letter", q: "occurence", first: "occurrence-policy", title: "Occurrence Policy", typo: true, hint: "occurrence"},
		{name: "exact beats typo", q: "rider", first: "rider", title: "Rider"},
		// "occurence" stems like "occur", a word in a text: the name it
		// misspells still comes first.
		{name: "typo of a name, inflection of a text word", q: "occurence policy", first: "occurrence-policy",
			title: "Occurrence Policy", typo: true, hint: "occurrence policy"},
		{name: "live before deprecated", q: "named peril", first: "rider", title: "Named Peril Rider → Rider",
			before: []string{"rider", "named-peril"}},
		{name: "text below names", q: "endorsement", first: "rider", title: "Endorsement → Rider",
			before: []string{"rider", "premium"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := b.search(tc.q)
			if len(rs) == 0 {
				t.Fatalf("%q: no results", tc.q)
			}
			var slugs []string
			for _, r := range rs {
				slugs = append(slugs, slugOf(r.URL))
			}
			if slugs[0] != tc.first || rs[0].Title != tc.title {
				t.Errorf("%q: first %s %q, want %s %q (all: %v)", tc.q, slugs[0], rs[0].Title, tc.first, tc.title, slugs)
			}
			at := -1
			for _, s := range tc.before {
				i := slices.Index(slugs, s)
				if i <= at {
					t.Errorf("%q: want %v in this order, got %v", tc.q, tc.before, slugs)
					break
				}
				at = i
			}
			if typo := rs[0].Note != ""; typo != tc.typo {
				t.Errorf("%q: first result marked %q, want a close-spelling mark %v", tc.q, rs[0].Note, tc.typo)
			}
			hint := eval[string](b, "hint", `(() => { const h = document.getElementById("search-hint"); return h.hidden ? "" : h.textContent; })()`)
			want := ""
			if tc.hint != "" {
				want = "Did you mean " + tc.hint + "?"
			}
			if hint != want {
				t.Errorf("%q: hint %q, want %q", tc.q, hint, want)
			}
			if tc.marks != nil && !slices.Equal(rs[0].Marks, tc.marks) {
				t.Errorf("%q: highlighted %q, want %q", tc.q, rs[0].Marks, tc.marks)
			}
		})
	}
	b.noConsoleErrors("search ranking")
}

// serveDir serves a built site at the root of a local HTTP server.
func serveDir(t testing.TB, dir string) string {
	t.Helper()
	return serveWith(t, dir, nil)
}

// serveWith serves a built site as a host does, with 404.html for a
// missing page; fail, when not nil, picks the requests that fail.
func serveWith(t testing.TB, dir string, fail func(path string) bool) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if fail != nil && fail(r.URL.Path) {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		p := filepath.Join(dir, filepath.FromSlash(r.URL.Path))
		if strings.HasSuffix(r.URL.Path, "/") {
			p = filepath.Join(p, "index.html")
		}
		if _, err := os.Stat(p); err != nil {
			page, err := os.ReadFile(filepath.Join(dir, "404.html"))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestSearchShared opens a search from its address, follows the page not
// found's offer to search, and loses a shard.
func TestSearchShared(t *testing.T) {
	dir := rankingDir(t)
	base := serveDir(t, dir)
	b := newBrowser(t, 1200, 900)
	results := func(what string) []result {
		b.waitFor(what, `!document.getElementById("search-results").hidden &&
			document.getElementById("search-results").getAttribute("aria-busy") === "false"`)
		return eval[[]result](b, what, resultsJS)
	}

	b.open(base + "/search/?q=deductible")
	rs := results("results of /search/?q=deductible")
	if len(rs) == 0 || slugOf(rs[0].URL) != "deductible" {
		t.Errorf("/search/?q=deductible shows %v, want Deductible first", rs)
	}
	if v := eval[string](b, "input", `document.getElementById("search-input").value`); v != "deductible" {
		t.Errorf("the search box holds %q, want the query of the address", v)
	}
	if e := eval[string](b, "aria-expanded", `document.getElementById("search-input").getAttribute("aria-expanded")`); e != "true" {
		t.Errorf("aria-expanded=%q with the results open, want true", e)
	}
	b.noConsoleErrors("/search/?q=deductible")

	b.open(base + "/topics/claims-made/")
	href := eval[string](b, "404 link", `(() => { const p = document.getElementById("search-missing"); return p.hidden ? "" : p.querySelector("a").href; })()`)
	if want := base + "/search/?q=claims%20made"; href != want {
		t.Fatalf("the page not found links to %q, want %q", href, want)
	}
	b.open(href)
	if rs := results("results of the page not found's search"); len(rs) == 0 || slugOf(rs[0].URL) != "claims-made-policy" {
		t.Errorf("searching the missing address's words shows %v, want Claims-Made Policy first", rs)
	}
	b.consoleErrors() // the 404 itself is logged

	broken := serveWith(t, dir, func(path string) bool { return strings.HasPrefix(path, "/search/terms/") })
	b.open(broken + "/")
	b.do("focusing the search", focusSearch())
	b.key("typing", "deductible")
	b.waitFor("the search to fail", `document.getElementById("search-input").value === "deductible" &&
		document.getElementById("search-results").getAttribute("aria-busy") === "false"`)
	if s := eval[string](b, "status", `document.getElementById("search-status").textContent`); !strings.Contains(s, "could not be loaded") {
		t.Errorf("the status line says %q after a failed search, want that the index could not be loaded", s)
	}
	if vis := eval[bool](b, "status shown", `!document.getElementById("search-status").classList.contains("visually-hidden")`); !vis {
		t.Error("the failure is announced but not shown")
	}
	if open := eval[bool](b, "list", `!document.getElementById("search-results").hidden`); open {
		t.Error("the results list stays open over a failed search")
	}
	for _, e := range b.consoleErrors() {
		if strings.Contains(e, "uncaught") {
			t.Errorf("a failed shard broke the script: %s", e)
		}
	}
}

// bilingualSite is a glossary in English and French: most terms are
// translated, Subrogation is not; Franchise (Deductible) is defined in law.
var bilingualSite = map[string]string{
	"_index.md":     "---\ntitle: Bilingual Glossary\nlanguages:\n  - code: en\n    name: English\n    default: true\n  - code: fr\n    name: Français\n---\n\nTerms.\n",
	"deductible.md": "---\ntitle: Deductible\nsummary: The part of a loss the insured bears.\ncategory: Policy Structure\naliases: [Excess]\n---\n\n## Definition\n\nThe insured bears it before the insurer pays.\n",
	"deductible.fr.md": "---\ntitle: Franchise\nsummary: La part du sinistre qui reste à la charge de l'assuré.\naliases: [Franchise contractuelle]\n" +
		"sources:\n  - title: Code des assurances\n    locator: art. L121-1\n    kind: law\n---\n\n## Définition\n\nL'assuré garde la franchise avant que l'assureur n'indemnise.\n",
	"claims-made-policy.md":    "---\ntitle: Claims-Made Policy\nsummary: A policy triggered by the claim, not the occurrence.\ncategory: Casualty\n---\n\n## Definition\n\nThe claim must be made in the period.\n",
	"claims-made-policy.fr.md": "---\ntitle: Garantie en base réclamation\nsummary: Une garantie déclenchée par la première réclamation.\n---\n\n## Définition\n\nLa [franchise](deductible.md) s'applique à chaque réclamation.\n",
	"premium.md":               "---\ntitle: Premium\nsummary: The price of cover.\ncategory: Policy Structure\n---\n\n## Definition\n\nThe policyholder pays it.\n",
	"premium.fr.md":            "---\ntitle: Prime\nsummary: Le prix de la garantie.\n---\n\n## Définition\n\nLe souscripteur la verse.\n",
	"insurer.md":               "---\ntitle: Insurer\nsummary: The party that pays covered losses.\ncategory: Policy Structure\n---\n\n## Definition\n\nIt issues the policy.\n",
	"insurer.fr.md":            "---\ntitle: Assureur\nsummary: Celui qui indemnise les sinistres garantis.\n---\n\n## Définition\n\nIl émet la police.\n",
	"policy-limit.md":          "---\ntitle: Policy Limit\nsummary: The most a policy pays.\ncategory: Policy Structure\n---\n\n## Definition\n\nThe cap on payment.\n",
	"policy-limit.fr.md":       "---\ntitle: Plafond de garantie\nsummary: Le montant maximal que verse le contrat.\n---\n\n## Définition\n\nLe plafond borne le paiement.\n",
	"special-risk.md":          "---\ntitle: Special Risk\nsummary: A risk outside the usual classes.\ncategory: Underwriting\n---\n\n## Definition\n\nIt needs its own terms.\n",
	"special-risk.fr.md":       "---\ntitle: Risque spécial\nsummary: Un risque hors des catégories habituelles.\n---\n\n## Définition\n\nIl demande des conditions propres.\n",
	"subrogation.md":           "---\ntitle: Subrogation\nsummary: The insurer's right to recover from the party at fault.\ncategory: Claims\n---\n\n## Definition\n\nAfter paying, the insurer steps into the insured's shoes.\n",
}

// bilingualDir builds bilingualSite with the shipped templates (and
// their French catalogue), once per run.
var bilingualDir = sync.OnceValues(func() (string, error) {
	src := filepath.Join(tmpRoot, "bilingual-content")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return "", err
	}
	for name, text := range bilingualSite {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			return "", err
		}
	}
	out := filepath.Join(tmpRoot, "bilingual-public")
	s := pipeline.NewSite(pipeline.Config{
		Content: src, Templates: filepath.Join(repoRoot, "templates"), Static: filepath.Join(repoRoot, "static"),
		Out: out, Cache: filepath.Join(tmpRoot, "bilingual-cache"), NoGit: true,
	})
	s.Load()
	if _, err := s.Generate(pipeline.Full); err != nil {
		return "", fmt.Errorf("building %s: %v", src, err)
	}
	return out, nil
})

func bilingual(t *testing.T) string {
	t.Helper()
	dir, err := bilingualDir()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// searchDoc is a docs entry of a search index as the script reads it.
type searchDoc struct {
	title, slug string
	names       []string // the other names,
	langs       []string // and their languages, "" for the index's own
}

// readSearchIndex reads the docs and the words of the index under dir.
func readSearchIndex(t *testing.T, dir string) (docs []searchDoc, words map[string]bool) {
	t.Helper()
	var meta struct{ Docs, Chunk int }
	readJSON(t, filepath.Join(dir, "search", "meta.json"), &meta)
	for k := 0; k*meta.Chunk < meta.Docs; k++ {
		var chunk [][]json.RawMessage
		readJSON(t, filepath.Join(dir, "search", fmt.Sprintf("docs-%d.json", k)), &chunk)
		for _, e := range chunk {
			var d searchDoc
			json.Unmarshal(e[0], &d.title)
			json.Unmarshal(e[1], &d.slug)
			json.Unmarshal(e[3], &d.names)
			if len(e) > 6 {
				json.Unmarshal(e[6], &d.langs)
			}
			docs = append(docs, d)
		}
	}
	words = map[string]bool{}
	shards, _ := filepath.Glob(filepath.Join(dir, "search", "terms", "*.json"))
	for _, f := range shards {
		var s struct{ N, B map[string]json.RawMessage }
		readJSON(t, f, &s)
		for w := range s.N {
			words[w] = true
		}
		for w := range s.B {
			words[w] = true
		}
	}
	return docs, words
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// Each language's index, under its folder, holds its own topics, their
// words folded, and their names in the other language, marked with it.
func TestSearchLanguageFiles(t *testing.T) {
	dir := bilingual(t)
	for _, tc := range []struct {
		dir    string
		titles []string
		// names: a title → its other names, with their languages.
		names        map[string]string
		words, never []string
	}{
		{dir, []string{"Claims-Made Policy", "Deductible", "Insurer", "Policy Limit", "Premium", "Special Risk", "Subrogation"},
			map[string]string{"Deductible": "Excess Franchise/fr Franchise contractuelle/fr", "Premium": "Prime/fr",
				"Subrogation": ""},
			[]string{"deductible", "franchise", "reclamation", "subrogation"}, []string{"réclamation", "souscripteur"}},
		{filepath.Join(dir, "fr"), []string{"Assureur", "Franchise", "Garantie en base réclamation", "Plafond de garantie", "Prime", "Risque spécial"},
			map[string]string{"Franchise": "Franchise contractuelle Deductible/en Excess/en", "Garantie en base réclamation": "Claims-Made Policy/en"},
			[]string{"franchise", "deductible", "reclamation", "souscripteur", "assureur"}, []string{"réclamation", "subrogation", "assuré", "l"}},
	} {
		docs, words := readSearchIndex(t, tc.dir)
		var titles []string
		for _, d := range docs {
			titles = append(titles, d.title)
			want, ok := tc.names[d.title]
			if !ok {
				continue
			}
			var got []string
			for i, n := range d.names {
				if len(d.langs) > 0 && d.langs[i] != "" {
					n += "/" + d.langs[i]
				}
				got = append(got, n)
			}
			if strings.Join(got, " ") != want {
				t.Errorf("%s: %s's other names %q, want %q", tc.dir, d.title, strings.Join(got, " "), want)
			}
		}
		if !slices.Equal(titles, tc.titles) {
			t.Errorf("%s: the index holds %q, want %q", tc.dir, titles, tc.titles)
		}
		for _, w := range tc.words {
			if !words[w] {
				t.Errorf("%s: the index has no word %q", tc.dir, w)
			}
		}
		for _, w := range tc.never {
			if words[w] {
				t.Errorf("%s: the index has the word %q", tc.dir, w)
			}
		}
	}
}

// firstLangJS reads the language marker of the first result: its text,
// its expansion, and the language of the name it follows; none for a
// name in the page's language.
const firstLangJS = `(() => {
	const a = document.querySelector("#search-results [role=option]").querySelector(".result-lang");
	return a ? [a.textContent, a.title, a.previousSibling.previousSibling.lang] : [];
})()`

// TestSearchLanguages searches each language's site in the box: a name in
// the other language finds its term, marked; words match without their
// accents, French plurals and elisions, and the box speaks French on
// French pages.
func TestSearchLanguages(t *testing.T) {
	base := serveDir(t, bilingual(t))
	b := newBrowser(t, 1200, 900)
	// want is what a query shows first: the topic's address and its
	// title as shown, the language marker (its text, its title, the lang
	// of the name it follows), the words marked, the close-spelling note,
	// the law, and the "Did you mean" hint.
	type want struct {
		q, first, title string
		lang, marks     []string
		note, law, hint string
	}
	for _, page := range []struct {
		path string
		qs   []want
	}{
		{"/", []want{
			{q: "franchise", first: "/topics/deductible/", title: "Franchise (fr) → Deductible", lang: []string{"fr", "in Français", "fr"}, marks: []string{"Franchise"}},
			{q: "Réclamation", first: "/topics/claims-made-policy/", title: "Garantie en base réclamation (fr) → Claims-Made Policy",
				lang: []string{"fr", "in Français", "fr"}, marks: []string{"réclamation"}},
			{q: "premium", first: "/topics/premium/", title: "Premium"},
			{q: "excess", first: "/topics/deductible/", title: "Excess → Deductible"},
		}},
		{"/fr/", []want{
			{q: "reclamation", first: "/fr/topics/claims-made-policy/", title: "Garantie en base réclamation", marks: []string{"réclamation", "réclamation"}},
			{q: "deductible", first: "/fr/topics/deductible/", title: "Deductible (en) → Franchise", lang: []string{"en", "en English", "en"},
				law: "Défini par la loi : Code des assurances"},
			{q: "primé", first: "/fr/topics/premium/", title: "Prime", marks: []string{"Prime"}},
			{q: "l'assureur", first: "/fr/topics/insurer/", title: "Assureur"},
			{q: "plafonds de garantie", first: "/fr/topics/policy-limit/", title: "Plafond de garantie"},
			{q: "risques spéciaux", first: "/fr/topics/special-risk/", title: "Risque spécial"},
			{q: "garanties en base", first: "/fr/topics/claims-made-policy/", title: "Garantie en base réclamation"},
			{q: "franchises", first: "/fr/topics/deductible/", title: "Franchise", law: "Défini par la loi : Code des assurances"},
			{q: "reclamtion", first: "/fr/topics/claims-made-policy/", title: "Garantie en base réclamation",
				note: "Orthographe proche", hint: "Vouliez-vous dire réclamation?"},
		}},
	} {
		b.open(base + page.path)
		for _, tc := range page.qs {
			rs := b.search(tc.q)
			if len(rs) == 0 {
				t.Errorf("%s %q: no results", page.path, tc.q)
				continue
			}
			if got := strings.TrimPrefix(rs[0].URL, base); got != tc.first || rs[0].Title != tc.title {
				t.Errorf("%s %q: first %s %q, want %s %q", page.path, tc.q, got, rs[0].Title, tc.first, tc.title)
			}
			if got := eval[[]string](b, "language marker", firstLangJS); !slices.Equal(got, tc.lang) {
				t.Errorf("%s %q: language marker %q, want %q", page.path, tc.q, got, tc.lang)
			}
			if tc.marks != nil && !slices.Equal(rs[0].Marks, tc.marks) {
				t.Errorf("%s %q: highlighted %q, want %q", page.path, tc.q, rs[0].Marks, tc.marks)
			}
			if rs[0].Note != tc.note {
				t.Errorf("%s %q: note %q, want %q", page.path, tc.q, rs[0].Note, tc.note)
			}
			law := eval[string](b, "law", `(document.querySelector("#search-results [role=option]").querySelector(".law-mark") || {}).textContent || ""`)
			if law != tc.law {
				t.Errorf("%s %q: law %q, want %q", page.path, tc.q, law, tc.law)
			}
			hint := eval[string](b, "hint", `(() => { const h = document.getElementById("search-hint"); return h.hidden ? "" : h.textContent; })()`)
			if hint != tc.hint {
				t.Errorf("%s %q: hint %q, want %q", page.path, tc.q, hint, tc.hint)
			}
		}
	}

	// The French site lists only French topics, and says so in French.
	if rs := b.search("subrogation"); len(rs) != 0 {
		t.Errorf("/fr/ %q: %v, want no results: Subrogation is not translated", "subrogation", rs)
	}
	for what, expr := range map[string]string{
		"Aucun sujet ne correspond.": `document.querySelector("#search-results .no-results").textContent`,
		"Aucun résultat.":            `document.getElementById("search-status").textContent`,
	} {
		if got := eval[string](b, what, expr); got != what {
			t.Errorf("/fr/ with no results: %q, want %q", got, what)
		}
	}
	b.noConsoleErrors("searching in two languages")

	// A card on a French page names the law in French.
	b.open(base + "/fr/topics/claims-made-policy/")
	at := eval[[]float64](b, "finding the link to Franchise", fmt.Sprintf(cardLink, ".section p a[href]"))
	if len(at) != 2 {
		t.Fatal("no link to Franchise in Garantie en base réclamation")
	}
	b.mouseTo(5, 5)
	b.mouseTo(at[0], at[1])
	b.waitFor("the card of Franchise", `document.querySelector(".card") !== null`)
	if law := eval[string](b, "card law", `(document.querySelector(".card .card-law") || {}).textContent || ""`); law != "Défini par la loi : Code des assurances" {
		t.Errorf("the card of Franchise says %q, want the law in French", law)
	}
	b.noConsoleErrors("a French card")
}

// TestSearchPageLanguageFirst searches the shipped glossary in each
// language: a name in the page's language comes before one in the
// other that the query matches as well ("limit" is on its way to
// "limite" on a French page), and a name of the other typed whole still
// comes first where none of the page's matches as well.
func TestSearchPageLanguageFirst(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, 1200, 900)
	// want is what a query shows first: the topic's slug, its title as
	// shown, and the language marker of the name found, "" for none.
	type want struct{ q, first, title, lang string }
	for _, page := range []struct {
		path string
		qs   []want
	}{
		{"/fr/", []want{
			{"limit", "policy-limit", "Limite de garantie → Plafond de garantie", ""},
			{"part", "shared-responsibility-model", "Modèle de responsabilité partagée", ""}, // not Third-Party Coverage (en)
			{"moral", "moral-hazard", "Aléa moral", ""},
			{"subro", "subrogation", "Subrogation de l'assureur", ""},
			{"deductible", "deductible", "Deductible (en) → Franchise", "en"},
		}},
		{"/", []want{
			{"date", "retroactive-date", "Retroactive Date", ""},
			{"clause", "coinsurance", "Coinsurance Clause → Coinsurance", ""}, // not Clause d'exclusion (fr)
			{"franchise", "deductible", "Franchise (fr) → Deductible", "fr"},
		}},
	} {
		b.open(base + page.path)
		for _, tc := range page.qs {
			rs := b.search(tc.q)
			if len(rs) == 0 {
				t.Errorf("%s %q: no results", page.path, tc.q)
				continue
			}
			if slugOf(rs[0].URL) != tc.first || rs[0].Title != tc.title {
				t.Errorf("%s %q: first %s %q, want %s %q", page.path, tc.q, slugOf(rs[0].URL), rs[0].Title, tc.first, tc.title)
			}
			var lang string
			if m := eval[[]string](b, "language marker", firstLangJS); len(m) > 0 {
				lang = m[0]
			}
			if lang != tc.lang {
				t.Errorf("%s %q: the first result's name is marked %q, want %q", page.path, tc.q, lang, tc.lang)
			}
		}
	}
	b.noConsoleErrors("searching the shipped glossary in two languages")
}
