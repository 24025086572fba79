package pipeline

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/export"
	"glossary/generator/internal/rdflib"
)

// An editor's text is data: whatever it holds, no page of the built site
// may run a script, load an iframe or carry an event handler from it. The
// hostile site puts such text in every field (title, summary, category,
// aliases, tags, settings, body, links, images, footnotes, callouts) and
// every place it reaches (HTML, attributes, JSON-LD, search index, feed,
// sitemap, published images) is checked.
func TestHostileContentIsInert(t *testing.T) {
	unpackSite(t, "hostile")
	if _, err := build(testConfig); err != nil {
		t.Fatalf("build: %v", err)
	}
	checkInert(t)
	page, err := os.ReadFile(filepath.Join(testConfig.Out, "topics", "evil", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	hostileExports(t, testConfig.Out)
	// The text is still there for readers, escaped.
	for _, want := range []string{`Evil &lt;/script&gt;&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; Term`, `&lt;script&gt;alert(&quot;code&quot;)&lt;/script&gt;`,
		`alt="Alt &quot;&gt;alert(&quot;alt&quot;) &lt;img src=x onerror=alert(&quot;altimg&quot;)&gt; end"`,
		`title="&quot; onmouseover=alert('title') &quot;"`, `Note: Title &#34;&gt;alert(&#34;callout&#34;) &lt;img src=x onerror=alert(&#34;ctimg&#34;)&gt; end</p>`,
		`&lt;script&gt;alert(&quot;fncode&quot;)&lt;/script&gt;`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the evil topic's page lacks the escaped text %s", want)
		}
	}
}

// checkInert reads every file of the built test site: no page may hold
// active content, and no data file unescaped markup.
func checkInert(t *testing.T) {
	t.Helper()
	checked := 0
	err := filepath.WalkDir(testConfig.Out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checked++
		switch filepath.Ext(p) {
		case ".html", ".svg":
		case ".json", ".xml", ".txt", ".jsonld", ".tbx":
			// Search index, feed, sitemap, robots, exports: no markup may
			// appear unescaped at all.
			if m := rawMarkup.FindString(string(data)); m != "" {
				t.Errorf("%s: raw markup %q", p, m)
			}
			return nil
		default:
			// Static files are the site's own. The Turtle and CSV exports
			// hold text as text, markup included; hostileExports checks
			// that nothing in it breaks out of its string.
			return nil
		}
		for _, problem := range activeContent(string(data)) {
			t.Errorf("%s: %s", p, problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("only %d files checked", checked)
	}
}

// The words of a second language are an editor's text too: the language's
// name, its settings, a translation, and the catalogue's interface strings
// (in attributes, in the script's strings, in headings).
func TestHostileLanguagesAreInert(t *testing.T) {
	unpackSite(t, "hostile")
	settings, err := os.ReadFile("content/_index.md")
	if err != nil {
		t.Fatal(err)
	}
	languages := "languages:\n  - code: en\n    name: English\n    default: true\n  - code: fr\n    name: 'Français <script>alert(\"name\")</script>'\n"
	writeFile(t, "content/_index.md", regexp.MustCompile(`(?m)^language: .*\n`).ReplaceAllString(string(settings), languages))
	writeFile(t, "content/_index.fr.md", "---\ntitle: 'Titre <script>alert(\"frtitle\")</script>'\n"+
		"description: '\"><script>alert(\"frdesc\")</script>'\n"+
		"categories:\n  'Cat </title><script>alert(\"c\")</script>':\n    name: '<img src=x onerror=alert(\"catname\")>'\n    description: '\"><script>alert(\"catdesc\")</script>'\n"+
		"tags:\n  'tag <b onmouseover=alert(\"g\")>x</b>': '<script>alert(\"tagname\")</script>'\n---\n\n"+
		"Intro <script>alert(\"frintro\")</script>, [mal](javascript:alert(\"frlink\")).\n")
	writeFile(t, "content/evil.fr.md", "---\ntitle: 'Mal </script><script>alert(\"frt\")</script>'\n"+
		"summary: 'Résumé \"><img src=x onerror=alert(\"frs\")> fin.'\naliases: ['<script>alert(\"fra\")</script>']\n---\n\n"+
		"## Définition\n\nTexte <script>alert(\"frbody\")</script> et [plain](plain.md).\n\n"+
		"## Questions fréquentes\n\n### Pourquoi <img src=x onerror=alert(\"frq\")> ?\n\nParce que.\n")
	words, err := os.ReadFile("templates/i18n/fr.yaml")
	if err != nil {
		t.Fatal(err)
	}
	hostile := strings.NewReplacer(
		"skip: Aller au contenu", `skip: '<script>alert("skip")</script>'`,
		`defined_in_law: "Défini par la loi :"`, `defined_in_law: '</script><script>alert("law")</script>'`,
		`not_translated: "{title} n'est pas traduit en {language} : page d'accueil"`, `not_translated: '" onmouseover=alert("nt") x="{title}'`,
		`faq_title: "{title} : questions fréquentes"`, `faq_title: '{title} <img src=x onerror=alert("faq")>'`,
	).Replace(string(words))
	if hostile == string(words) {
		t.Fatal("templates/i18n/fr.yaml no longer has the strings this test replaces")
	}
	writeFile(t, "templates/i18n/fr.yaml", hostile)
	if _, err := build(testConfig); err != nil {
		t.Fatalf("build: %v", err)
	}
	checkInert(t)
	// The text is still there for readers, escaped.
	for file, wants := range map[string][]string{
		"fr/topics/evil/index.html": {`<a class="skip-link" href="#main">&lt;script&gt;alert(&#34;skip&#34;)&lt;/script&gt;</a>`,
			`lang="fr">Français &lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;</span>`, `&lt;img src=x onerror=alert(&#34;faq&#34;)&gt;</h2>`},
		"topics/plain/index.html": {`translated into Français &lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;: its home page"`},
	} {
		page, err := os.ReadFile(filepath.Join(testConfig.Out, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range wants {
			if !strings.Contains(string(page), want) {
				t.Errorf("%s lacks the escaped text %s", file, want)
			}
		}
	}
}

// A source's title, publisher and locator are text wherever they show
// (the list of sources, the "defined in law" marker); its address is an
// attribute value that cannot leave its quotes.
func TestHostileSourcesAreText(t *testing.T) {
	unpackSite(t, "hostile")
	if _, err := build(testConfig); err != nil {
		t.Fatalf("build: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(testConfig.Out, "topics", "cited", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<p class="law-mark">Defined in law: <a href="#sources">Act &lt;/cite&gt;&lt;script&gt;alert(&#34;srctitle&#34;)&lt;/script&gt;</a></p>`,
		`<a href="https://example.org/x%27onmouseover=alert%28%27srcurl%27%29%27" rel="external">`,
		`Art. &lt;/li&gt;&lt;script&gt;alert(&#34;srcloc&#34;)&lt;/script&gt;. Pub &#34;&gt;&lt;img src=x onerror=alert(&#34;srcpub&#34;)&gt;,`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the cited topic's page lacks %s", want)
		}
	}
}

// A source's url is an http(s) address or an error: no javascript: or
// data: address, in any case, reaches a page.
func TestHostileSourceURLsRefused(t *testing.T) {
	for _, u := range []string{`javascript:alert(1)`, `JaVaScRiPt:alert(1)`, `data:text/html,<script>alert(1)</script>`,
		`//evil.example/x`, `vbscript:msgbox(1)`, `https://example.org/"><script>alert(1)</script>`} {
		t.Run(u, func(t *testing.T) {
			unpackSite(t, "hostile")
			src, err := os.ReadFile("content/cited.md")
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, "content/cited.md", strings.Replace(string(src), `"https://example.org/x'onmouseover=alert('srcurl')'"`, "'"+u+"'", 1))
			_, err = build(testConfig)
			if err == nil || !strings.Contains(err.Error(), "content/cited.md:6:10: url ") {
				t.Errorf("build: %v, want the url refused at its place", err)
			}
			if _, err := os.Stat(testConfig.Out); !os.IsNotExist(err) {
				t.Errorf("the failed build wrote %s", testConfig.Out)
			}
		})
	}
}

// A published image can be opened on its own, at the site's address: an
// SVG that would run a script there is refused, wherever it comes from.
func TestHostileImagesRefused(t *testing.T) {
	for name, svg := range map[string]string{
		"script":        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><script>alert(1)</script></svg>`,
		"event handler": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" onload="alert(1)"/>`,
		"javascript:":   `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><a href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>`,
	} {
		t.Run(name, func(t *testing.T) {
			unpackSite(t, "hostile")
			writeFile(t, "content/evil/x\"onerror=alert('path')\".svg", svg)
			_, err := build(testConfig)
			if err == nil || !strings.Contains(err.Error(), `content/evil.md:21:1: image "evil/x\"onerror=alert('path')\".svg": the SVG`) {
				t.Errorf("build: %v, want the image refused", err)
			}
			if _, err := os.Stat(testConfig.Out); !os.IsNotExist(err) {
				t.Errorf("the failed build wrote %s", testConfig.Out)
			}
		})
	}
}

// unsafe_html is the one switch that lets raw HTML through, on purpose.
func TestUnsafeHTMLOptIn(t *testing.T) {
	unpackSite(t, "hostile")
	settings, err := os.ReadFile("content/_index.md")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, "content/_index.md", strings.Replace(string(settings), "language:", "unsafe_html: true\nlanguage:", 1))
	if _, err := build(testConfig); err != nil {
		t.Fatalf("build: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(testConfig.Out, "topics", "evil", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<script>alert("block")</script>`) {
		t.Error("with unsafe_html: true, the raw HTML block is not rendered")
	}
	// Which also shows the check above finds what it looks for.
	if len(activeContent(string(page))) == 0 {
		t.Error("activeContent finds nothing in a page with raw scripts")
	}
}

var (
	rawMarkup = regexp.MustCompile(`(?i)<(script|iframe|img|style|svg|object|embed)\b`)
	// tag matches a real start tag: an unescaped "<" and a name. Text the
	// templates escaped (&lt;script&gt;) does not match.
	tag  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>`)
	attr = regexp.MustCompile(`([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?`)
)

// activeContent lists what in page could run code: script, iframe,
// object and embed elements other than the templates' own scripts, event
// handler attributes, and javascript: or data: URLs.
func activeContent(page string) []string {
	var out []string
	for _, m := range tag.FindAllStringSubmatchIndex(page, -1) {
		name := strings.ToLower(page[m[2]:m[3]])
		attrs := page[m[4]:m[5]]
		switch name {
		case "script":
			own := strings.Contains(attrs, `type="application/ld+json"`) || strings.Contains(attrs, `js/site.js"`) ||
				strings.Contains(attrs, `type="application/json" id="term-cards"`) ||
				strings.HasPrefix(page[m[1]:], `document.documentElement.className = "js";</script>`)
			if !own {
				out = append(out, "a script element: "+page[m[0]:m[1]])
			} else if end := strings.Index(page[m[1]:], "</script>"); end >= 0 && strings.Contains(page[m[1]:m[1]+end], "<") {
				out = append(out, "markup inside a script: "+page[m[1]:m[1]+end])
			}
		case "iframe", "object", "embed", "style":
			out = append(out, "a "+name+" element")
		}
		for _, a := range attr.FindAllStringSubmatch(attrs, -1) {
			key, val := strings.ToLower(a[1]), strings.ToLower(strings.Trim(a[2], `"'`))
			if strings.HasPrefix(key, "on") {
				out = append(out, "an event handler: "+a[0])
			}
			if (key == "href" || key == "src") && (strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "data:")) {
				out = append(out, "an active URL: "+a[0])
			}
		}
	}
	return out
}

// The quotes topic's title, aliases and tags, as the hostile site spells
// them: each export must give them back exactly.
var (
	quotesTitle   = "Quote \" triple \"\"\" back\\slash\\, comma | bar\nsecond line"
	quotesAliases = []string{`"><script>alert("alias")</script>`, "comma, and | bar", `back\slash|`}
	quotesTags    = []string{"tag, with | bar"}
)

// bookTitle is the hostile site's source without an address: quotes that
// would end a Turtle long string, backslashes, and markup.
const bookTitle = `Book """ \ back\slash </admin><script>alert("srcbook")</script>`

// hostileExports reads every export of the hostile site with a parser of
// its format and finds the quotes topic's names as they were written.
func hostileExports(t *testing.T, out string) {
	t.Helper()
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	const uri = "https://example.org/g/topics/quotes/#term"

	// The language setting is no language tag: literals are untagged.
	r := rdflib.Check(t, read("glossary.ttl"), read("glossary.jsonld"))
	if !r.Isomorphic {
		t.Error("glossary.ttl and glossary.jsonld are not the same graph")
	}
	for _, p := range r.Problems {
		t.Errorf("SKOS integrity: %s", p)
	}
	c := r.Concepts[uri]
	if !slices.Equal(c["prefLabel"], []string{quotesTitle}) || !slices.Equal(c["altLabel"], slices.Sorted(slices.Values(quotesAliases))) {
		t.Errorf("Turtle: the quotes topic is labelled %q, %q", c["prefLabel"], c["altLabel"])
	}
	// A source without an address is a node with its title.
	cited := r.Concepts["https://example.org/g/topics/cited/#term"]["source"]
	if !slices.Equal(cited, []string{"[" + bookTitle + "]", "https://example.org/x'onmouseover=alert('srcurl')'"}) {
		t.Errorf("Turtle: the cited topic's sources are %q", cited)
	}
	if l := r.Scheme["license"]; !slices.Equal(l, []string{"https://example.org/license?a=1&b='2'#x"}) {
		t.Errorf("Turtle: the scheme's license is %q", l)
	}

	rows, err := csv.NewReader(bytes.NewReader(read("glossary.csv"))).ReadAll()
	if err != nil {
		t.Fatalf("glossary.csv: %v", err)
	}
	col := func(row []string, name string) string { return row[slices.Index(export.CSVColumns, name)] }
	found := false
	for _, row := range rows[1:] {
		if col(row, "slug") == "quotes" {
			found = true
			if col(row, "title") != quotesTitle || col(row, "aliases") != export.JoinValues(quotesAliases) || col(row, "tags") != export.JoinValues(quotesTags) {
				t.Errorf("CSV: the quotes row is %q", row)
			}
		}
	}
	if !found || len(rows) != 5 { // the header and four topics
		t.Errorf("CSV: %d rows, the quotes row found: %v", len(rows), found)
	}

	var doc struct {
		Terms []export.Term `json:"terms"`
	}
	if err := json.Unmarshal(read("glossary.json"), &doc); err != nil {
		t.Fatalf("glossary.json: %v", err)
	}
	i := slices.IndexFunc(doc.Terms, func(x export.Term) bool { return x.Slug == "quotes" })
	if i < 0 || doc.Terms[i].Title != quotesTitle || !slices.Equal(doc.Terms[i].Aliases, quotesAliases) || !slices.Equal(doc.Terms[i].Tags, quotesTags) {
		t.Errorf("JSON: the quotes term is %+v", doc.Terms)
	}

	if i := slices.IndexFunc(doc.Terms, func(x export.Term) bool { return x.Slug == "cited" }); i < 0 ||
		len(doc.Terms[i].Sources) != 2 || doc.Terms[i].Sources[1].Title != bookTitle || !doc.Terms[i].Law {
		t.Errorf("JSON: the cited term is %+v", doc.Terms)
	}

	var tbx struct {
		Terms   []string `xml:"text>body>conceptEntry>langSec>termSec>term"`
		Sources []string `xml:"text>body>conceptEntry>admin"`
	}
	if err := xml.Unmarshal(read("glossary.tbx"), &tbx); err != nil {
		t.Fatalf("glossary.tbx: %v", err)
	}
	for _, name := range append([]string{quotesTitle}, quotesAliases...) {
		if !slices.Contains(tbx.Terms, name) {
			t.Errorf("TBX: no term %q in %q", name, tbx.Terms)
		}
	}
	if !slices.Contains(tbx.Sources, bookTitle) {
		t.Errorf("TBX: no source %q in %q", bookTitle, tbx.Sources)
	}
}

// A deprecated term's banner shows its replacement's title, and a
// redirect page the moved topic's: as text, in an element and in an
// attribute-free title. A form is matched, never shown.
func TestHostileLifecycleIsText(t *testing.T) {
	unpackSite(t, "hostile")
	if _, err := build(testConfig); err != nil {
		t.Fatalf("build: %v", err)
	}
	read := func(parts ...string) string {
		data, err := os.ReadFile(filepath.Join(append([]string{testConfig.Out}, parts...)...))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for file, want := range map[string]string{
		"topics/quotes/index.html": `<strong>Deprecated term.</strong> Use <a href="../../topics/evil/">Evil &lt;/script&gt;&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt; Term</a> instead.`,
		"topics/quotes-old/index.html": `<title>Moved: Quote &#34; triple &#34;&#34;&#34; back\slash\, comma | bar
second line | Glossary &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;</title>`,
		"topics/plain/index.html": `<span class="badge-proposed">Proposed term</span>`,
	} {
		if page := read(filepath.FromSlash(file)); !strings.Contains(page, want) {
			t.Errorf("%s lacks %s", file, want)
		}
	}
	if page := read("topics", "plain", "index.html"); strings.Contains(page, "form2") || strings.Contains(page, `alert(&#34;form&#34;)`) {
		t.Error("the plain topic's page shows its forms")
	}
}
