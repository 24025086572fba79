package main

// These tests run against the repository's real content/, templates/ and
// static/ folders, not against fixtures: they are the editorial and
// publishing rules that the shipped glossary must meet.

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/glossary"
	"glossary/generator/internal/markdown"
	"glossary/generator/internal/pipeline"
	"glossary/generator/internal/render"
)

// Folders of the shipped site, relative to this package's directory.
const (
	shippedContent   = "../content"
	shippedTemplates = "../templates"
	shippedStatic    = "../static"
)

// Editorial thresholds.
const (
	minTopics     = 110
	minQuestions  = 3
	minBodyWords  = 250
	minLinksOut   = 3
	minBacklinks  = 3
	srmTopicTitle = "Shared Responsibility Model"
	// minBroaderShare is the share of published topics, in percent, that
	// must name a broader term, so that narrower lists and breadcrumbs
	// mean something.
	minBroaderShare = 50
)

var allowedCategories = []string{
	"Cyber & Technology",
	"Contracts & Liability",
	"Policy Structure",
	"Claims",
	"Underwriting & Pricing",
	"Regulation & Compliance",
}

var allowedTags = []string{
	"cloud", "cyber", "contracts", "liability", "claims", "coverage-triggers",
	"limits-and-retentions", "policy-terms", "pricing", "risk-management",
	"regulation", "data-protection", "business-continuity", "reinsurance",
}

// requiredSections are the sections every topic must have, besides the
// FAQ, which is checked by its number of questions.
var requiredSections = []content.Section{
	content.Definition,
	content.Structural,
	content.Parameters,
	content.Exceptions,
}

// srmMentions are the subjects the Shared Responsibility Model topic must
// cover, matched as whole words, ignoring case.
var srmMentions = []string{"IaaS", "PaaS", "SaaS", "misconfiguration", "identity and access", "data"}

// loadShipped reads content/ as a build does (pipeline.Site) and indexes
// it. It returns the default language's glossary, every published topic
// of every language, each topic file's source by path and every
// diagnostic, sorted.
func loadShipped(t *testing.T) (*glossary.Glossary, []*content.Topic, map[string][]byte, diag.List) {
	t.Helper()
	tmp := t.TempDir()
	site := pipeline.NewSite(pipeline.Config{Content: shippedContent, Templates: filepath.Join("..", "templates"),
		Static: filepath.Join("..", "static"), Out: filepath.Join(tmp, "public"), Cache: filepath.Join(tmp, "cache"), NoGit: true})
	site.Load()
	g, d := site.Index()
	var topics []*content.Topic
	sources := map[string][]byte{}
	for _, lg := range g.Languages {
		for _, tp := range lg.Topics {
			src, err := os.ReadFile(tp.Path)
			if err != nil {
				t.Fatalf("%v", err)
			}
			topics = append(topics, tp)
			sources[tp.Path] = src
		}
	}
	return g, topics, sources, d.Sort()
}

// minFrench is the number of topics the French edition must translate,
// and requiredFrench the core terms among them.
const minFrench = 15

var requiredFrench = []string{"shared-responsibility-model", "deductible", "premium", "policy-limit", "exclusion",
	"subrogation", "cyber-insurance", "business-interruption", "claims-made-policy"}

// checkFrench holds the French edition to its own rules: the core terms
// translated, every section present, sources that say where, and
// questions that a reader asks.
func checkFrench(t *testing.T, g *glossary.Glossary) {
	t.Helper()
	var fr *glossary.Glossary
	for _, lg := range g.Languages {
		if lg.Code == "fr" {
			fr = lg
		}
	}
	if fr == nil {
		t.Fatalf("%s: the site has no French edition: list fr in languages", shippedContent)
	}
	if n := len(fr.Topics); n < minFrench {
		t.Errorf("%s: %d French topics, want at least %d", shippedContent, n, minFrench)
	}
	for _, slug := range requiredFrench {
		if tp := fr.TopicBySlug(slug); tp == nil || tp.Lang != "fr" {
			t.Errorf("%s: %s has no French translation (%s.fr.md)", shippedContent, slug, slug)
		}
	}
	for _, tp := range fr.Topics {
		if problem := summaryProblem(tp.Summary); problem != "" {
			t.Errorf("%s: summary must be one sentence: %s (%q)", tp.Path, problem, tp.Summary)
		}
		for s := range content.NumSections {
			if !tp.HasSection[s] {
				t.Errorf("%s: missing section #%s", tp.Path, s.ID())
			}
		}
		if n := len(tp.Questions); n < 2 {
			t.Errorf("%s: FAQ has %d question(s), want at least 2", tp.Path, n)
		}
		if !slices.ContainsFunc(tp.Sources, func(s content.Source) bool { return s.Locator != "" }) {
			t.Errorf("%s: no source says where: give a locator (article, section)", tp.Path)
		}
		if n := len(fr.Links[tp]); n < 3 {
			t.Errorf("%s: links to %d other topics, want at least 3", tp.Path, n)
		}
	}
}

func TestShippedContent(t *testing.T) {
	g, topics, sources, d := loadShipped(t)
	for _, e := range d {
		t.Errorf("%s", e)
	}

	published := map[*content.Topic]bool{}
	withBroader := 0
	for _, tp := range g.Topics {
		published[tp] = true
		if len(tp.Broader) > 0 {
			withBroader++
		}
	}
	// Rules on the glossary as a whole: each counts something over the
	// published topics and says what to do when the count falls short.
	for _, r := range []struct {
		what      string
		have, min int
		fix       string
	}{
		{"published topics", len(g.Topics), minTopics,
			"add topics for the core terms a reader expects"},
		{"topics with a broader term", withBroader, (len(g.Topics)*minBroaderShare + 99) / 100,
			fmt.Sprintf("add `broader:` (the term a topic is a kind of) to more topics, so that at least %d%% have one", minBroaderShare)},
	} {
		if r.have < r.min {
			t.Errorf("%s: %d %s, want at least %d: %s", shippedContent, r.have, r.what, r.min, r.fix)
		}
	}
	checkFrench(t, g)
	for _, tp := range topics {
		if tp.Lang != "" {
			continue // see checkFrench
		}
		if !published[tp] {
			continue // a duplicate slug, already reported as a diagnostic
		}
		checkTopic(t, g, tp, sources[tp.Path])
	}

	srm := g.TopicByName(srmTopicTitle)
	if srm == nil {
		t.Errorf("%s: no topic titled %q", shippedContent, srmTopicTitle)
		return
	}
	body := bodyOf(sources[srm.Path])
	for _, m := range srmMentions {
		re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(m) + `\b`)
		if !re.Match(body) {
			t.Errorf("%s: the %s topic must mention %q", srm.Path, srmTopicTitle, m)
		}
	}
}

// checkTopic reports every editorial rule one published topic breaks.
func checkTopic(t *testing.T, g *glossary.Glossary, tp *content.Topic, src []byte) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: "+format, append([]any{tp.Path}, args...)...)
	}

	if problem := summaryProblem(tp.Summary); problem != "" {
		fail("summary must be one sentence: %s (%q)", problem, tp.Summary)
	}
	for _, s := range requiredSections {
		if !tp.HasSection[s] {
			fail("missing section %q", "## "+s.Title())
		}
	}
	if n := len(tp.Questions); n < minQuestions {
		fail("FAQ has %d question(s), want at least %d", n, minQuestions)
	}
	if n := countWords(bodyOf(src)); n < minBodyWords {
		fail("body has %d words, want at least %d", n, minBodyWords)
	}
	if n := len(g.Links[tp]); n < minLinksOut {
		fail("links to %d other topic(s) %v, want at least %d", n, slugs(g.Links[tp]), minLinksOut)
	}
	if n := len(g.Backlinks[tp]); n < minBacklinks {
		fail("linked from %d other topic(s) %v, want at least %d: link it from the text of topics that use the term", n, slugs(g.Backlinks[tp]), minBacklinks)
	}
	if len(tp.Sources) == 0 {
		fail("no sources: add `sources:` with at least one primary source (the law, regulation, standard or market wording) and its locator")
	} else if !slices.ContainsFunc(tp.Sources, func(s content.Source) bool { return s.Locator != "" }) {
		fail("no source says where: give one `locator` (article, section, clause or form number) on a primary source")
	}
	checkExcessLinks(fail, tp, src)
	if !slices.Contains(allowedCategories, tp.Category) {
		fail("category %q is not one of %q", tp.Category, allowedCategories)
	}
	for _, tag := range tp.Tags {
		if !slices.Contains(allowedTags, tag) {
			fail("tag %q is not one of %q", tag, allowedTags)
		}
	}
}

// excessTitle is the topic that UK readers' "excess" means; excessOther
// are the words after "excess" that make it another term (excess
// liability, an excess layer, excess of loss), which must not auto-link
// to it.
const excessTitle = "Deductible"

var excessOther = []string{
	"clause", "clauses", "insurance", "insurer", "insurers", "judgment", "judgments",
	"layer", "layers", "liability", "of", "policies", "policy", "wording", "wordings",
}

// checkExcessLinks reports each auto-link from "excess" to the deductible
// where the next word shows another sense of the word.
func checkExcessLinks(fail func(string, ...any), tp *content.Topic, src []byte) {
	if tp.BodyStart < 0 || tp.BodyStart > len(src) {
		return
	}
	body := src[tp.BodyStart:]
	for _, m := range tp.Autolinks {
		if m.Target != excessTitle || m.End > len(body) || !strings.EqualFold(string(body[m.Start:m.End]), "excess") {
			continue
		}
		next := strings.ToLower(string(word.Find(body[m.End:])))
		if slices.Contains(excessOther, next) {
			line := tp.BodyLine + 1 + strings.Count(string(body[:m.Start]), "\n")
			fail("line %d: \"excess %s\" auto-links to %s: reword it, link it by hand, or give the term it means an alias", line, next, excessTitle)
		}
	}
}

func slugs(ts []*content.Topic) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Slug
	}
	return out
}

// abbreviations end in a full stop without ending a sentence. They are
// compared with leading and trailing brackets and quotes removed.
var abbreviations = map[string]bool{
	"e.g.": true, "i.e.": true, "U.S.": true, "U.K.": true, "E.U.": true,
	"etc.": true, "vs.": true, "cf.": true, "approx.": true, "a.k.a.": true,
	"Inc.": true, "Ltd.": true, "Co.": true, "Corp.": true, "No.": true,
}

// summaryProblem explains why s is not exactly one sentence, or returns "".
func summaryProblem(s string) string {
	if s == "" {
		return "it is empty"
	}
	if !strings.HasSuffix(s, ".") {
		return "it does not end with a full stop"
	}
	if strings.HasSuffix(s, "..") {
		return "it ends with more than one full stop"
	}
	words := strings.Fields(s)
	for _, w := range words[:len(words)-1] {
		core := strings.TrimRight(w, `"'’”)]`)
		if core == "" || !strings.ContainsAny(core[len(core)-1:], ".!?") {
			continue
		}
		if abbreviations[strings.TrimLeft(core, `"'‘“([`)] {
			continue
		}
		return fmt.Sprintf("a sentence ends after %q", w)
	}
	if strings.ContainsAny(s, "!?") {
		return "it contains ! or ?"
	}
	return ""
}

// bodyOf returns the file after its front matter (--- YAML or +++ TOML).
// A file without recognisable front matter is returned whole.
func bodyOf(src []byte) []byte {
	s := strings.TrimPrefix(string(src), "\ufeff")
	lines := strings.SplitAfter(s, "\n")
	if len(lines) == 0 {
		return nil
	}
	open := strings.TrimSpace(lines[0])
	if open != "---" && open != "+++" {
		return []byte(s)
	}
	off := len(lines[0])
	for _, l := range lines[1:] {
		off += len(l)
		if strings.TrimSpace(l) == open {
			return []byte(s[off:])
		}
	}
	return []byte(s)
}

var (
	// linkDest is the destination part of a Markdown link or image,
	// which is not prose.
	linkDest = regexp.MustCompile(`\]\([^)\s]*(?:\s+"[^"]*")?\)`)
	word     = regexp.MustCompile(`[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*`)
)

// countWords counts the words a reader sees in Markdown: runs of letters
// and digits (with inner apostrophes, hyphens and dots), ignoring markup
// and link destinations.
func countWords(md []byte) int {
	return len(word.FindAll(linkDest.ReplaceAll(md, []byte("]")), -1))
}

// --- The built site -------------------------------------------------------

func TestShippedSiteLinks(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	site := pipeline.NewSite(pipeline.Config{
		Content:   shippedContent,
		Templates: shippedTemplates,
		Static:    shippedStatic,
		Out:       out,
	})
	site.Load()
	res, err := site.Generate(pipeline.Full)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	g, _ := site.Index()
	t.Logf("built %s", res.Summary())

	base := readBaseURL(t)
	baseURL, err := url.Parse(base)
	if err != nil {
		t.Fatalf("base_url %q: %v", base, err)
	}
	basePath := baseURL.Path // always ends in "/"

	pages := map[string]*htmlPage{} // by path below out, slash-separated
	err = filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		pages[filepath.ToSlash(rel)] = scanHTML(string(src))
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", out, err)
	}
	htmlPages := 0
	for _, lg := range g.Languages {
		for _, p := range render.Pages(lg) {
			if strings.HasSuffix(p.File, ".html") {
				htmlPages++
			}
		}
	}
	if len(pages) != htmlPages {
		t.Errorf("output has %d .html files, the site lists %d HTML pages (of %d files built)", len(pages), htmlPages, res.Pages)
	}
	for _, tp := range topicsOf(g) {
		file := content.PagePath(tp) + "index.html"
		if pages[file] == nil {
			t.Errorf("%s: no page %s for topic %s", out, file, tp.Path)
		}
	}

	files := sortedKeys(pages)
	for _, file := range files {
		for _, id := range pages[file].dupIDs {
			t.Errorf("%s: id %q appears more than once", file, id)
		}
	}
	checked := 0
	for _, file := range files {
		for _, l := range pages[file].links {
			checked++
			if msg := checkLink(out, pages, file, l.value, base, basePath); msg != "" {
				t.Errorf("%s: <%s %s=%q>: %s", file, l.tag, l.attr, l.value, msg)
			}
		}
	}
	t.Logf("checked %d links in %d pages", checked, len(pages))

	checkSitemap(t, out, g, base)
	robots, err := os.ReadFile(filepath.Join(out, "robots.txt"))
	if err != nil {
		t.Errorf("robots.txt: %v", err)
	} else if want := "Sitemap: " + base + "sitemap.xml"; !strings.Contains(string(robots), want) {
		t.Errorf("robots.txt does not contain %q:\n%s", want, robots)
	}
}

func readBaseURL(t *testing.T) string {
	t.Helper()
	p := filepath.Join(shippedContent, content.SettingsFile)
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("reading %s: %v", p, err)
	}
	s, d := content.ParseSettings(markdown.New(markdown.Options{}), p, src)
	if len(d) > 0 {
		t.Fatalf("%s:\n%v", p, d.Err())
	}
	if s.BaseURL == "" {
		t.Fatalf("%s: base_url is not set; the sitemap needs it", p)
	}
	return s.BaseURL
}

// checkLink resolves one href or src found in file and returns what is
// wrong with it, or "".
func checkLink(out string, pages map[string]*htmlPage, file, value, base, basePath string) string {
	v := strings.TrimSpace(value)
	if strings.HasPrefix(v, base) {
		// An absolute URL of this site, such as the canonical link:
		// it must name a page of the output.
		v = basePath + strings.TrimPrefix(v, base)
	} else if strings.HasPrefix(v, "//") {
		return ""
	}
	u, err := url.Parse(v)
	if err != nil {
		return "not a valid URL: " + err.Error()
	}
	if u.Scheme != "" {
		switch strings.ToLower(u.Scheme) {
		case "http", "https", "mailto", "tel":
			return ""
		}
		return "unexpected URL scheme " + u.Scheme
	}
	target := file
	switch {
	case u.Path == "":
		// "#x" or "": the page itself.
	case strings.HasPrefix(u.Path, "/"):
		// A language's own 404 page (fr/404.html) is served at any depth too.
		if path.Base(file) != "404.html" && !strings.HasPrefix(value, base) {
			return "root-relative link on a page other than a 404.html: it breaks when the site is hosted under a sub-path or opened from disk"
		}
		if !strings.HasPrefix(u.Path, basePath) {
			return "root-relative link outside the site's base path " + basePath
		}
		target = resolveFile(out, strings.TrimPrefix(u.Path, basePath))
	default:
		joined := path.Join(path.Dir(file), u.Path)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return "points outside the output folder"
		}
		target = resolveFile(out, joined+trailingSlash(u.Path))
	}
	if target == "" {
		return "no such file in the output"
	}
	if u.Fragment == "" {
		return ""
	}
	page := pages[target]
	if page == nil && strings.HasSuffix(target, ".jsonld") {
		// A topic page's data link names its term in the JSON-LD
		// export by the term's identifier.
		return checkJSONLDFragment(out, target, u.Fragment)
	}
	if page == nil {
		return "fragment #" + u.Fragment + " on " + target + ", which is not an HTML page"
	}
	if !page.ids[u.Fragment] {
		return fmt.Sprintf("no element with id %q in %s", u.Fragment, target)
	}
	return ""
}

// checkJSONLDFragment reports whether the JSON-LD file target (below out)
// holds a node whose identifier is fragment, and returns what is wrong, or "".
func checkJSONLDFragment(out, target, fragment string) string {
	raw, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(target)))
	if err != nil {
		return err.Error()
	}
	var doc struct {
		Graph []struct {
			Identifier string `json:"identifier"`
		} `json:"@graph"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return target + ": " + err.Error()
	}
	for _, n := range doc.Graph {
		if n.Identifier == fragment {
			return ""
		}
	}
	return fmt.Sprintf("no node with identifier %q in %s", fragment, target)
}

func trailingSlash(p string) string {
	if strings.HasSuffix(p, "/") || strings.HasSuffix(p, "/.") || p == "." {
		return "/"
	}
	return ""
}

// resolveFile maps a slash-separated path below the output folder to the
// file that serves it ("dir/" and "dir" to "dir/index.html"), or "" when
// there is none.
func resolveFile(out, rel string) string {
	dir := rel == "" || strings.HasSuffix(rel, "/")
	rel = path.Clean("/" + rel)[1:] // never leaves the output folder
	if rel == "" {
		rel = "."
	}
	info, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		return ""
	}
	if info.IsDir() {
		idx := path.Join(rel, "index.html")
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(idx))); err != nil {
			return ""
		}
		return idx
	}
	if dir {
		return "" // "file.html/" does not resolve to a file
	}
	return rel
}

func checkSitemap(t *testing.T, out string, g *glossary.Glossary, base string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Errorf("sitemap.xml: %v", err)
		return
	}
	var sm struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(raw, &sm); err != nil {
		t.Errorf("sitemap.xml: %v", err)
		return
	}
	locs := map[string]bool{}
	for _, u := range sm.URLs {
		loc := strings.TrimSpace(u.Loc)
		if locs[loc] {
			t.Errorf("sitemap.xml: %s is listed twice", loc)
		}
		locs[loc] = true
		if !strings.HasPrefix(loc, base) {
			t.Errorf("sitemap.xml: %q does not start with base_url %q", loc, base)
			continue
		}
		if resolveFile(out, strings.TrimPrefix(loc, base)) == "" {
			t.Errorf("sitemap.xml: %s names no file in the output", loc)
		}
	}
	for _, tp := range g.Topics {
		if want := base + content.TopicPath(tp.Slug); !locs[want] {
			t.Errorf("sitemap.xml: topic %s is missing (want %s)", tp.Path, want)
		}
	}
}

// --- HTML scanning ----------------------------------------------------------

// htmlPage is what the link check needs from one page.
type htmlPage struct {
	ids    map[string]bool
	dupIDs []string
	links  []htmlLink
}

type htmlLink struct{ tag, attr, value string }

var (
	// Comments, and the raw text of script and style elements, hold no
	// markup.
	htmlSkip = regexp.MustCompile(`(?is)<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>`)
	// A start tag with its attributes. Values in quotes may hold '>'.
	htmlTag = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>` + "`" + `]+))?)*)\s*/?>`)
	// One attribute inside a start tag.
	htmlAttr = regexp.MustCompile(`([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+)))?`)
)

// scanHTML collects ids and href/src attributes. The generator's pages are
// produced by html/template and goldmark, which quote every attribute and
// escape '<' in text, so a tag-level scan sees exactly the real elements
// (and keeps the test free of an HTML parser dependency).
func scanHTML(src string) *htmlPage {
	p := &htmlPage{ids: map[string]bool{}}
	src = htmlSkip.ReplaceAllString(src, "")
	for _, m := range htmlTag.FindAllStringSubmatch(src, -1) {
		tag := strings.ToLower(m[1])
		for _, a := range htmlAttr.FindAllStringSubmatch(m[2], -1) {
			name := strings.ToLower(a[1])
			value := html.UnescapeString(a[2] + a[3] + a[4])
			switch name {
			case "id":
				if p.ids[value] && !slices.Contains(p.dupIDs, value) {
					p.dupIDs = append(p.dupIDs, value)
				}
				p.ids[value] = true
			case "href", "src":
				p.links = append(p.links, htmlLink{tag, name, value})
			}
		}
	}
	return p
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// topicsOf lists the published topics of every language.
func topicsOf(g *glossary.Glossary) []*content.Topic {
	var out []*content.Topic
	for _, lg := range g.Languages {
		out = append(out, lg.Topics...)
	}
	return out
}
