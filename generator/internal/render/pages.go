package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/export"
	"glossary/generator/internal/glossary"
	"glossary/generator/internal/markdown"
	"glossary/generator/internal/media"
)

// Kind is a kind of page.
type Kind int

// The kinds of page a site has.
const (
	TopicPage Kind = iota
	HomePage
	CategoryPage
	CategoriesPage
	TagPage
	TagsPage
	NotFoundPage
	SitemapFile
	RobotsFile
	FeedFile
	// DataFile is a file whose bytes are known when pages are listed:
	// the search index.
	DataFile
	// ExportFile is one of the glossary's data exports (package export).
	ExportFile
	// RedirectPage stands at a moved topic's old slug (Topic is where it
	// moved to).
	RedirectPage
	// SearchPage is the address a search is shared by, search/?q=...:
	// the script opens the results in the box every page has.
	SearchPage
)

// Page is one output file.
type Page struct {
	Kind Kind
	// File is the output path, slash-separated, below the output folder.
	File  string
	Topic *content.Topic
	Group *glossary.Group
	Data  []byte

	dataHash uint64
}

// URLPath is the page's path below the site root as a link names it.
func (p Page) URLPath() string {
	return strings.TrimSuffix(p.File, "index.html")
}

// Pages lists every page of the site, with a fresh search index.
func Pages(g *glossary.Glossary) []Page { return new(SearchIndex).Pages(g) }

// Pages lists every page of the site, updating the search index from the
// previous build's.
func (x *SearchIndex) Pages(g *glossary.Glossary) []Page { return x.pages(g, true) }

// CheckedPages lists the pages check renders: every page but the search
// index's files, which are data with nothing to check, and a tenth of a
// large site's cost.
func CheckedPages(g *glossary.Glossary) []Page { return new(SearchIndex).pages(g, false) }

func (x *SearchIndex) pages(g *glossary.Glossary, search bool) []Page {
	pages := make([]Page, 0, len(g.Topics)+len(g.Categories)+len(g.Tags)+8)
	for _, t := range g.Topics {
		pages = append(pages, Page{Kind: TopicPage, File: content.TopicPath(t.Slug) + "index.html", Topic: t})
	}
	pages = append(pages, redirectPages(g)...)
	pages = append(pages, Page{Kind: HomePage, File: "index.html"},
		Page{Kind: CategoriesPage, File: "categories/index.html"},
		Page{Kind: TagsPage, File: "tags/index.html"},
		Page{Kind: NotFoundPage, File: "404.html"},
		Page{Kind: SearchPage, File: "search/index.html"},
		Page{Kind: RobotsFile, File: "robots.txt"})
	if g.Settings.BaseURL != "" {
		pages = append(pages, Page{Kind: SitemapFile, File: "sitemap.xml"}, Page{Kind: FeedFile, File: "feed.xml"})
	}
	if export.Enabled(g) {
		for _, f := range export.Formats {
			pages = append(pages, Page{Kind: ExportFile, File: f.File})
		}
	}
	var files map[string]dataFile
	if search {
		files = x.update(g)
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		pages = append(pages, Page{Kind: DataFile, File: name, Data: files[name].data, dataHash: files[name].hash})
	}
	for _, c := range g.Categories {
		pages = append(pages, Page{Kind: CategoryPage, File: glossary.CategoryPath(c) + "index.html", Group: c})
	}
	for _, t := range g.Tags {
		pages = append(pages, Page{Kind: TagPage, File: glossary.TagPath(t) + "index.html", Group: t})
	}
	return pages
}

// Renderer renders pages of one glossary with one set of templates.
type Renderer struct {
	G  *glossary.Glossary
	T  *Templates
	MD *markdown.Markdown
	// Names identifies the names auto-linking looked for (topics record
	// what it found), for fingerprints.
	Names uint64
	// Images are the published copies of the images pages show, by
	// content.Image.Src.
	Images map[string]media.Image
	// ExportSizes are the sizes of the export files, which the home page
	// lists: they are known once the exports are written, so the home
	// page is rendered after them (see FollowsExports).
	ExportSizes map[string]int64

	hashOnce        sync.Once
	refs            map[*content.Topic]uint64 // what a list entry shows of a topic
	all, groupsHash uint64                    // the A–Z list; categories and tags
	exports         uint64                    // what the exports hold
}

// Fingerprint hashes everything page p's bytes depend on. It runs for
// every page on every rebuild, so what many pages share (what a list
// entry shows of each topic, the A–Z list) is hashed once per build.
func (r *Renderer) Fingerprint(p Page) uint64 {
	r.hashOnce.Do(r.hashShared)
	h := newHasher()
	h.num(uint64(p.Kind))
	h.str(p.File)
	h.num(r.T.Hash())
	h.num(r.G.Settings.Hash)
	if p.Kind == HomePage {
		r.hashImages(&h, r.G.Settings.IntroImages)
	}
	switch p.Kind {
	case TopicPage:
		t := p.Topic
		h.num(t.Hash)
		h.num(r.Names)
		r.hashLifecycle(&h, t)
		r.hashImages(&h, t.Images)
		// The breadcrumb shows the chain of broader terms and the
		// category of the broadest; refs cover both.
		for _, list := range [][]*content.Topic{r.G.Broader[t], r.G.Narrower[t], r.G.Compare[t], r.G.Related[t],
			r.G.Links[t], r.G.Backlinks[t], r.G.Ancestors(t)} {
			h.num(uint64(len(list)))
			for _, o := range list {
				h.num(r.refs[o])
			}
		}
	case CategoryPage, TagPage:
		for _, t := range p.Group.Topics {
			h.num(r.refs[t])
		}
	case DataFile:
		h.num(p.dataHash)
	case RedirectPage:
		h.num(r.refs[p.Topic])
	case ExportFile:
		h.num(r.exports)
	case HomePage:
		h.num(r.exports) // the sizes of the downloads
		h.num(r.all)
		h.num(r.groupsHash)
	case SitemapFile, FeedFile:
		h.num(r.all)
		fallthrough
	case CategoriesPage, TagsPage:
		h.num(r.groupsHash)
	}
	return uint64(h)
}

// hashShared hashes what many fingerprints include.
func (r *Renderer) hashShared() {
	r.refs = make(map[*content.Topic]uint64, len(r.G.Topics))
	all := newHasher()
	for _, t := range r.G.Topics {
		h := newHasher()
		h.str(t.Slug)
		h.str(t.Title)
		h.str(t.Summary)
		h.str(t.Category) // the kicker of its card
		h.str(t.Law())
		h.str(t.Status) // marked in lists
		r.refs[t] = uint64(h)
		all.num(uint64(h))
		all.str(t.Category)
		all.str(t.Updated)
	}
	r.all = uint64(all)
	groups := newHasher()
	for _, gs := range [][]*glossary.Group{r.G.Categories, r.G.Tags} {
		for _, g := range gs {
			groups.str(g.Name)
			groups.num(uint64(len(g.Topics)))
		}
	}
	r.groupsHash = uint64(groups)
	if export.Enabled(r.G) {
		r.exports = export.Hash(r.G)
	}
}

// Streams reports whether page p is written straight into its file as it
// is rendered, rather than whole into memory first: the exports, tens of
// megabytes at 10,000 topics, which a rebuild keeps by their fingerprint
// rather than by comparing bytes.
func Streams(p Page) bool { return p.Kind == ExportFile }

// FollowsExports reports whether a page shows something of the exports'
// bytes (the home page, their sizes) and so is rendered after them.
func FollowsExports(p Page) bool { return p.Kind == HomePage }

// hasher is FNV-1a, written out so hashing strings allocates nothing.
type hasher uint64

func newHasher() hasher { return 14695981039346656037 }

func (h *hasher) byte(c byte) { *h = (*h ^ hasher(c)) * 1099511628211 }

func (h *hasher) str(s string) {
	h.num(uint64(len(s)))
	for i := 0; i < len(s); i++ {
		h.byte(s[i])
	}
}

func (h *hasher) bytes(b []byte) {
	for _, c := range b {
		h.byte(c)
	}
}

func (h *hasher) num(n uint64) {
	for range 8 {
		h.byte(byte(n))
		n >>= 8
	}
}

// Render writes page p to w.
func (r *Renderer) Render(w io.Writer, p Page) diag.List {
	switch p.Kind {
	case SitemapFile:
		return r.sitemap(w)
	case RobotsFile:
		return r.robots(w)
	case FeedFile:
		return r.feed(w)
	case DataFile:
		_, err := w.Write(p.Data)
		return writeErr(err)
	case RedirectPage:
		return writeErr(r.redirect(w, p))
	case ExportFile:
		f, _ := export.ByFile(p.File)
		return writeErr(f.Write(w, r.G))
	}
	data, d := r.data(p)
	if len(d) > 0 {
		return d
	}
	name := map[Kind]string{TopicPage: "topic.html", HomePage: "home.html", NotFoundPage: "404.html"}[p.Kind]
	if name == "" {
		name = "list.html"
	}
	if err := r.T.set[name].ExecuteTemplate(w, "base", data); err != nil {
		return r.T.diagnose(err, name)
	}
	return nil
}

// View is the data every template receives.
type View struct {
	Site        *content.Settings
	Kind        string
	Root        string // relative path from the page to the site root
	Title       string
	Description string
	Canonical   string
	Crumbs      []Link
	Topic       *TopicView
	Intro       template.HTML
	Letters     []Letter
	Groups      []GroupLink
	List        []TopicLink
	Categories  []GroupLink
	// JSONLD is the page's structured data, if any.
	JSONLD any
	// OGType is the Open Graph type: "article" for topics.
	OGType string
	// Image stands for the page where it is shared, if it shows one.
	Image *ImageView
	// Notes are the footnotes of the topic or the home page introduction.
	Notes template.HTML
	// DataLink is the address of the page's data in the JSON-LD export,
	// Downloads the exports the home page lists.
	DataLink  string
	Downloads []Download
	// Cards holds what the definition cards of the page's links to
	// other terms show, by slug, where the page does not show it
	// itself: title, kicker, summary, and for a term defined in law the
	// name of the law. Lists of topics carry it on their items instead.
	Cards map[string][]string
}

// Download is one export as the home page lists it.
type Download struct {
	Name, Use, URL, Type, Size string
}

// Link is a labelled URL.
type Link struct {
	Name string
	URL  string
}

// TopicLink is a topic as lists show it.
type TopicLink struct {
	Title   string
	Summary string
	URL     string
	// Kicker completes its definition card. Law names the law or
	// regulation that defines the term, shown as a marker, or is empty.
	Kicker string
	Law    string
	// Status is the term's lifecycle stage: lists mark a proposed or a
	// deprecated term, as its page does.
	Status string
}

// GroupLink is a category or tag with its size.
type GroupLink struct {
	Name  string
	URL   string
	Count int
}

// Letter is one letter of the A–Z index.
type Letter struct {
	Letter string
	ID     string
	Topics []TopicLink
}

// TopicView is a topic page's own data.
type TopicView struct {
	Title         string
	Summary       string
	Category      Link
	Aliases       []string
	Tags          []Link
	Updated       string
	Sections      []SectionView
	FAQTitle      string
	FAQ           []QuestionView
	Relationships template.HTML
	// The groups of Topic Relationships, in the order shown.
	Broader    []TopicLink
	Narrower   []TopicLink
	Compare    []TopicLink
	Related    []TopicLink
	LinksTo    []TopicLink
	LinkedFrom []TopicLink
	// Sources are the works the topic cites; Law names the first that is
	// a law or regulation.
	Sources []SourceView
	Law     string
	TOC     []Link
	// Lifecycle is the term's status, replacement and last review.
	Lifecycle Lifecycle
	jsonld    any
	notes     template.HTML
}

// SectionView is one rendered section.
type SectionView struct {
	ID    string
	Title string
	HTML  template.HTML
	// Relationships marks the section the link graph fills.
	Relationships bool
}

// QuestionView is one FAQ entry.
type QuestionView struct {
	ID       string
	Question string
	Answer   template.HTML
}

func depthRoot(urlPath string) string {
	return strings.Repeat("../", strings.Count(urlPath, "/"))
}

func (r *Renderer) data(p Page) (*View, diag.List) {
	s := &r.G.Settings
	v := &View{Site: s, Root: depthRoot(p.URLPath()), Description: s.Description}
	if s.BaseURL != "" {
		v.Canonical = s.BaseURL + p.URLPath()
	}
	home := Link{Name: "Glossary", URL: v.Root}
	if v.Root == "" {
		home.URL = "./"
	}
	switch p.Kind {
	case TopicPage:
		v.Kind = "topic"
		tv, d := r.topic(p.Topic, v.Root)
		if len(d) > 0 {
			return nil, d
		}
		v.Topic, v.Title, v.Description, v.Notes = tv, p.Topic.Title, p.Topic.Summary, tv.notes
		v.Image = r.leadImage(p.Topic.Images, v.Root)
		v.Crumbs = append([]Link{home}, r.crumbs(p.Topic, v.Root)...)
		v.JSONLD, v.OGType = tv.jsonld, "article"
		t := p.Topic
		v.Cards = r.cards(r.G.Broader[t], r.G.Narrower[t], r.G.Compare[t], r.G.Related[t], r.G.Links[t], r.G.Backlinks[t])
		if export.Enabled(r.G) {
			// The fragment is the term's dct:identifier in the file.
			v.DataLink = v.Root + "glossary.jsonld#" + t.Slug
		}
	case HomePage:
		v.Kind, v.Title = "home", s.Title
		intro, notes, d := r.markdown(s.Intro, s.IntroLine, s.Path, content.SettingsFile, "")
		if len(d) > 0 {
			return nil, d
		}
		v.Intro, v.Notes = intro, notes
		v.Image = r.leadImage(s.IntroImages, v.Root)
		v.JSONLD = r.homeJSONLD()
		var linked []*content.Topic
		for _, l := range s.IntroLinks {
			if t := r.G.Resolve(l); t != nil {
				linked = append(linked, t)
			}
		}
		v.Cards = r.cards(linked)
		if export.Enabled(r.G) {
			v.DataLink = "glossary.jsonld"
			for _, f := range export.Formats {
				v.Downloads = append(v.Downloads, Download{Name: f.Name, Use: f.Use, URL: f.File, Type: f.Type,
					Size: humanSize(r.ExportSizes[f.File])})
			}
		}
		v.Letters = r.letters(v.Root)
		v.Categories = r.groups(r.G.Categories, v.Root, glossary.CategoryPath)
	case CategoriesPage:
		v.Kind, v.Title = "categories", "Categories"
		v.Groups = r.groups(r.G.Categories, v.Root, glossary.CategoryPath)
		v.Crumbs = []Link{home}
	case TagsPage:
		v.Kind, v.Title = "tags", "Tags"
		v.Groups = r.groups(r.G.Tags, v.Root, glossary.TagPath)
		v.Crumbs = []Link{home}
	case CategoryPage, TagPage:
		v.Kind, v.Title = "category", p.Group.Name
		parent := Link{Name: "Categories", URL: v.Root + "categories/"}
		if p.Kind == TagPage {
			v.Kind, v.Title = "tag", "Tag: "+p.Group.Name
			parent = Link{Name: "Tags", URL: v.Root + "tags/"}
		}
		v.Crumbs = []Link{home, parent}
		v.List = r.links(p.Group.Topics, v.Root)
		v.Description = strings.TrimSpace(v.Title + " in " + s.Title + ".")
	case SearchPage:
		v.Kind, v.Title = "search", "Search"
		v.Crumbs = []Link{home}
	case NotFoundPage:
		// Served for any missing URL, at any depth: relative links would
		// resolve against the wrong folder, so use the site's own path.
		v.Kind, v.Title = "notfound", "Page not found"
		v.Root = "/"
		if s.BaseURL != "" {
			v.Root = basePath(s.BaseURL)
		}
		v.Canonical = ""
	}
	return v, nil
}

func basePath(base string) string {
	i := strings.Index(base, "//")
	rest := base[i+2:]
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		return rest[j:]
	}
	return "/"
}

func (r *Renderer) links(ts []*content.Topic, root string) []TopicLink {
	out := make([]TopicLink, len(ts))
	for i, t := range ts {
		out[i] = topicLink(t, root)
	}
	return out
}

func topicLink(t *content.Topic, root string) TopicLink {
	return TopicLink{Title: t.Title, Summary: t.Summary, URL: root + content.TopicPath(t.Slug),
		Kicker: t.Category, Law: t.Law(), Status: t.Status}
}

// crumbs is the breadcrumb of a topic between the glossary and the topic
// itself: the chain of its first-listed broader terms, preceded by the
// category of the broadest, so that a term's trail is its broader term's
// trail and that term.
func (r *Renderer) crumbs(t *content.Topic, root string) []Link {
	ancestors := r.G.Ancestors(t)
	top := t
	if len(ancestors) > 0 {
		top = ancestors[0]
	}
	out := []Link{{Name: top.Category, URL: root + glossary.CategoryPath(r.G.CategoryOf(top))}}
	for _, a := range ancestors {
		out = append(out, Link{Name: a.Title, URL: root + content.TopicPath(a.Slug)})
	}
	return out
}

// cards gathers the definition cards of the topics in lists.
func (r *Renderer) cards(lists ...[]*content.Topic) map[string][]string {
	out := map[string][]string{}
	for _, list := range lists {
		for _, t := range list {
			card := []string{t.Title, t.Category, t.Summary}
			if law := t.Law(); law != "" {
				card = append(card, law)
			}
			out[t.Slug] = card
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// humanSize is a file size as a reader reads it: 900 bytes, 14 KB, 2.3 MB.
func humanSize(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

func (r *Renderer) groups(gs []*glossary.Group, root string, at func(*glossary.Group) string) []GroupLink {
	out := make([]GroupLink, len(gs))
	for i, g := range gs {
		out[i] = GroupLink{Name: g.Name, URL: root + at(g), Count: len(g.Topics)}
	}
	return out
}

func initial(title string) string {
	for _, r := range glossary.SortKey(title) {
		if unicode.IsDigit(r) {
			return "0–9"
		}
		return strings.ToUpper(string(r))
	}
	return "#"
}

func (r *Renderer) letters(root string) []Letter {
	var out []Letter
	for _, t := range r.G.Topics {
		l := initial(t.Title)
		if len(out) == 0 || out[len(out)-1].Letter != l {
			id := "letter-" + markdown.Slugify(l)
			if l == "0–9" {
				id = "letter-digits"
			}
			out = append(out, Letter{Letter: l, ID: id})
		}
		last := &out[len(out)-1]
		last.Topics = append(last.Topics, topicLink(t, root))
	}
	return out
}

// topic renders a topic's body and gathers its relationships.
func (r *Renderer) topic(t *content.Topic, root string) (*TopicView, diag.List) {
	src, err := os.ReadFile(t.Path)
	if err != nil {
		var d diag.List
		d.Add(t.Path, 0, 0, "%v", err)
		return nil, d
	}
	doc, d := content.Reparse(r.MD, t, src)
	if doc == nil || len(d) > 0 {
		return nil, d
	}
	r.rewriteLinks(doc.Root, doc.Src, t.Rel, root)
	cat := r.G.CategoryOf(t)
	tv := &TopicView{
		Title: t.Title, Summary: t.Summary, Aliases: t.Aliases, Updated: t.Updated,
		Category: Link{Name: t.Category, URL: root + glossary.CategoryPath(cat)},
		FAQTitle: t.Title + ": Definitional FAQ",
		Broader:  r.links(r.G.Broader[t], root), Narrower: r.links(r.G.Narrower[t], root),
		Compare: r.links(r.G.Compare[t], root), Related: r.links(r.G.Related[t], root),
		LinksTo: r.links(r.G.Links[t], root), LinkedFrom: r.links(r.G.Backlinks[t], root),
		Sources: sourceViews(t.Sources), Law: t.Law(),
	}
	tv.Lifecycle = r.lifecycle(t, root)
	for _, tag := range t.Tags {
		tv.Tags = append(tv.Tags, Link{Name: tag, URL: root + "tags/" + markdown.Slugify(tag) + "/"})
	}
	var buf bytes.Buffer
	renderBlocks := func(nodes []ast.Node) template.HTML {
		buf.Reset()
		for _, n := range nodes {
			if err := r.MD.Render(&buf, doc.Src, n); err != nil {
				d.Add(t.Path, 0, 0, "rendering: %v", err)
			}
		}
		return template.HTML(buf.String())
	}
	hasGraph := len(tv.Broader)+len(tv.Narrower)+len(tv.Compare)+len(tv.Related)+len(tv.LinksTo)+len(tv.LinkedFrom) > 0
	for s := range content.FAQ {
		if s == content.Relationships {
			tv.Relationships = renderBlocks(doc.Sections[s])
			if !hasGraph && tv.Relationships == "" {
				continue
			}
		} else if !t.HasSection[s] {
			continue
		}
		sv := SectionView{ID: s.ID(), Title: s.Title(), Relationships: s == content.Relationships}
		if !sv.Relationships {
			sv.HTML = renderBlocks(doc.Sections[s])
		}
		tv.Sections = append(tv.Sections, sv)
		tv.TOC = append(tv.TOC, Link{Name: s.Title(), URL: "#" + s.ID()})
	}
	var answers []string
	for _, q := range doc.Questions {
		id, _ := q.Heading.AttributeString("id")
		tv.FAQ = append(tv.FAQ, QuestionView{
			ID: string(id.([]byte)), Question: markdown.PlainText(q.Heading, doc.Src),
			Answer: renderBlocks(q.Answer),
		})
		var text []string
		for _, n := range q.Answer {
			text = append(text, markdown.PlainText(n, doc.Src))
		}
		answers = append(answers, strings.Join(text, " "))
	}
	tv.jsonld = r.topicJSONLD(t, tv, answers)
	if len(tv.FAQ) > 0 {
		tv.TOC = append(tv.TOC, Link{Name: "FAQ", URL: "#" + content.FAQ.ID()})
	}
	if tv.notes, err = r.notes(doc.Src, doc.Notes); err != nil {
		d.Add(t.Path, 0, 0, "rendering: %v", err)
	}
	if tv.notes != "" {
		tv.TOC = append(tv.TOC, Link{Name: "Notes", URL: "#" + content.NotesID})
	}
	if len(tv.Sources) > 0 {
		tv.TOC = append(tv.TOC, Link{Name: "Sources", URL: "#" + content.SourcesID})
	}
	return tv, d
}

// markdown renders a stand-alone Markdown text (the home introduction)
// and, apart, its footnotes.
func (r *Renderer) markdown(src []byte, lineBase int, file, rel, root string) (template.HTML, template.HTML, diag.List) {
	node, _ := r.MD.Parse(src, content.ReservedIDs) // its problems were reported when it was loaded
	r.rewriteLinks(node, src, rel, root)
	list := markdown.Notes(node)
	if list != nil {
		node.RemoveChild(node, list)
	}
	var buf bytes.Buffer
	err := r.MD.Render(&buf, src, node)
	notes, nerr := r.notes(src, list)
	if err = cmp.Or(err, nerr); err != nil {
		var d diag.List
		d.Add(file, lineBase+1, 0, "rendering: %v", err)
		return "", "", d
	}
	return template.HTML(buf.String()), notes, nil
}

// rewriteLinks points links to topics at their pages, relative to root.
// The glossary has already checked every link, so unresolved ones are left
// as written.
func (r *Renderer) rewriteLinks(n ast.Node, src []byte, rel, root string) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch l := c.(type) {
		case *ast.Image:
			r.rewriteImage(l, rel, root)
		case *markdown.WikiLink:
			if t := r.G.TopicByName(l.Target); t != nil {
				l.Destination = root + content.TopicPath(t.Slug)
			}
		case *ast.Link:
			link, ok := content.ParseDestination(rel, string(l.Destination))
			if !ok {
				return ast.WalkContinue, nil
			}
			frag := ""
			if link.Fragment != "" {
				frag = "#" + link.Fragment
			}
			if link.Kind == content.AnchorLink {
				l.Destination = []byte(frag)
			} else if t := r.G.TopicByFile(link.Target); t != nil {
				l.Destination = []byte(root + content.TopicPath(t.Slug) + frag)
			}
		}
		return ast.WalkContinue, nil
	})
}

func (r *Renderer) sitemap(w io.Writer) diag.List {
	base := r.G.Settings.BaseURL
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	entry := func(p, updated string) {
		b.WriteString("  <url><loc>")
		b.WriteString(xmlEscape(base + p))
		b.WriteString("</loc>")
		if updated != "" {
			b.WriteString("<lastmod>" + updated + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	entry("", "")
	for _, t := range r.G.Topics {
		entry(content.TopicPath(t.Slug), t.Updated)
	}
	entry("categories/", "")
	for _, c := range r.G.Categories {
		entry(glossary.CategoryPath(c), "")
	}
	entry("tags/", "")
	for _, t := range r.G.Tags {
		entry(glossary.TagPath(t), "")
	}
	b.WriteString("</urlset>\n")
	_, err := io.WriteString(w, b.String())
	return writeErr(err)
}

func (r *Renderer) robots(w io.Writer) diag.List {
	out := "User-agent: *\nAllow: /\n"
	if base := r.G.Settings.BaseURL; base != "" {
		out += "Sitemap: " + base + "sitemap.xml\n"
	}
	_, err := io.WriteString(w, out)
	return writeErr(err)
}

func writeErr(err error) diag.List {
	if err == nil {
		return nil
	}
	var d diag.List
	d.Add("-", 0, 0, "%v", err)
	return d
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
