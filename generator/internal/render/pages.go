package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/export"
	"glossary/generator/internal/glossary"
	"glossary/generator/internal/i18n"
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
		pages = append(pages, Page{Kind: TopicPage, File: content.PagePath(t) + "index.html", Topic: t})
	}
	pages = append(pages, redirectPages(g)...)
	in := g.Prefix // the language's folder
	pages = append(pages, Page{Kind: HomePage, File: in + "index.html"},
		Page{Kind: CategoriesPage, File: in + "categories/index.html"},
		Page{Kind: TagsPage, File: in + "tags/index.html"},
		Page{Kind: NotFoundPage, File: in + "404.html"},
		Page{Kind: SearchPage, File: in + "search/index.html"})
	def := g.Prefix == ""
	if def {
		// One for the site, naming every language's pages.
		pages = append(pages, Page{Kind: RobotsFile, File: "robots.txt"})
		if g.Settings.BaseURL != "" {
			pages = append(pages, Page{Kind: SitemapFile, File: "sitemap.xml"})
		}
	}
	if g.Settings.BaseURL != "" {
		pages = append(pages, Page{Kind: FeedFile, File: in + "feed.xml"})
	}
	if export.Enabled(g) && def {
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
		pages = append(pages, Page{Kind: DataFile, File: in + name, Data: files[name].data, dataHash: files[name].hash})
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
	// Version identifies the generator: another one may write other
	// bytes for the same input.
	Version uint64
	// Words are the language's section headings and interface strings;
	// Langs what reading a topic knows of the site's languages.
	Words *i18n.Language
	Langs *content.Languages
	// WordsHash identifies the catalogue Words come from, for
	// fingerprints: every page shows its words.
	WordsHash uint64

	stringsOnce     sync.Once
	stringsJSON     string
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
	h.num(r.Version)
	h.num(uint64(p.Kind))
	h.str(p.File)
	h.num(r.T.Hash())
	h.num(r.WordsHash)
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
			r.G.Links[t], r.G.Backlinks[t], r.G.Ancestors(t), r.translations(t)} {
			h.num(uint64(len(list)))
			for _, o := range list {
				h.num(r.refs[o])
			}
		}
	case CategoryPage, TagPage:
		for _, t := range p.Group.Topics {
			h.num(r.refs[t])
		}
		h.num(r.groupsHash)
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
	// A page may show topics of other languages: links to terms not
	// translated, and the translations of its own.
	for _, lg := range r.G.Languages {
		mine := lg == r.G
		for _, t := range lg.Topics {
			h := newHasher()
			h.str(t.Lang)
			h.str(t.Slug)
			h.str(t.Title)
			h.str(t.Summary)
			h.str(t.Category) // the kicker of its card
			h.str(t.Law())
			h.str(t.Status) // marked in lists
			r.refs[t] = uint64(h)
			if mine {
				all.num(uint64(h))
				all.str(t.Category)
				all.str(t.Updated)
			} else if r.G.Prefix == "" && lg.Settings.BaseURL != "" {
				// The sitemap names every language's pages.
				all.num(uint64(h))
				all.str(t.Updated)
			}
		}
	}
	r.all = uint64(all)
	// Every language's groups: a category page's switcher leads to the
	// same category in the languages that have it.
	groups := newHasher()
	for _, lg := range r.G.Languages {
		groups.str(lg.Code)
		for _, gs := range [][]*glossary.Group{lg.Categories, lg.Tags} {
			for _, g := range gs {
				groups.str(g.Name)
				groups.num(uint64(len(g.Topics)))
			}
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
	// T are the interface strings of the page's language, by key
	// (i18n); Home is the relative path to the language's home page.
	T    map[string]string
	Home string
	// Alternates are the page in every language it exists in, for
	// hreflang; Languages the language switcher, empty on a site in one
	// language; Strings the strings site.js shows, as JSON.
	Alternates []Alternate
	Languages  []LanguageLink
	Strings    string
	// GroupDescription says what a category or tag holds, where the
	// settings say.
	GroupDescription string
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

// Link is a labelled URL. Lang is the language of the page it leads
// to where that is not the page's own.
type Link struct {
	Name string
	URL  string
	Lang string
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
	// Lang is the language of a topic shown on a page in another (a
	// term not translated yet), else empty.
	Lang string
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
	w := r.words()
	v := &View{Site: s, Root: depthRoot(p.URLPath()), Description: s.Description, T: w.Strings}
	if s.BaseURL != "" {
		v.Canonical = s.BaseURL + p.URLPath()
	}
	v.Home = v.Root + r.G.Prefix
	home := Link{Name: w.Strings["glossary"], URL: v.Home}
	if v.Home == "" {
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
			// The fragment is the term's dct:identifier in the file:
			// the concept's, in every language.
			if o := r.G.Original(t); o != nil {
				v.DataLink = v.Root + "glossary.jsonld#" + o.Slug
			}
		}
	case HomePage:
		v.Kind, v.Title = "home", s.Title
		intro, notes, d := r.markdown(s.Intro, s.IntroLine, s.Path, path.Base(s.Path), v.Root)
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
		if export.Enabled(r.G) && r.G.Prefix == "" {
			v.DataLink = "glossary.jsonld"
			for _, f := range export.Formats {
				v.Downloads = append(v.Downloads, Download{Name: f.Name, Use: f.Use, URL: f.File, Type: f.Type,
					Size: humanSize(r.ExportSizes[f.File])})
			}
		}
		v.Letters = r.letters(v.Root)
		v.Categories = r.groups(r.G.Categories, s.Categories, v.Root, glossary.CategoryPath)
	case CategoriesPage:
		v.Kind, v.Title = "categories", w.Strings["categories"]
		v.Groups = r.groups(r.G.Categories, s.Categories, v.Root, glossary.CategoryPath)
		v.Crumbs = []Link{home}
	case TagsPage:
		v.Kind, v.Title = "tags", w.Strings["tags"]
		v.Groups = r.groups(r.G.Tags, s.Tags, v.Root, glossary.TagPath)
		v.Crumbs = []Link{home}
	case CategoryPage, TagPage:
		text := s.Categories[p.Group.Name]
		v.Kind, v.Title = "category", r.groupName(s.Categories, p.Group.Name)
		parent := Link{Name: w.Strings["categories"], URL: v.Home + "categories/"}
		if p.Kind == TagPage {
			text = s.Tags[p.Group.Name]
			v.Kind, v.Title = "tag", w.Text("tag_title", "name", r.groupName(s.Tags, p.Group.Name))
			parent = Link{Name: w.Strings["tags"], URL: v.Home + "tags/"}
		}
		v.Crumbs = []Link{home, parent}
		v.List = r.links(p.Group.Topics, v.Root)
		v.Description = strings.TrimSpace(w.Text("in_site", "name", v.Title, "site", s.Title))
		if text.Description != "" {
			v.Description, v.GroupDescription = text.Description, text.Description
		}
	case SearchPage:
		v.Kind, v.Title = "search", w.Strings["search"]
		v.Crumbs = []Link{home}
	case NotFoundPage:
		// Served for any missing URL, at any depth: relative links would
		// resolve against the wrong folder, so use the site's own path.
		v.Kind, v.Title = "notfound", w.Strings["not_found"]
		v.Root = "/"
		if s.BaseURL != "" {
			v.Root = basePath(s.BaseURL)
		}
		v.Home = v.Root + r.G.Prefix
		v.Canonical = ""
	}
	r.languages(v, p)
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
		out[i] = r.topicLink(t, root)
	}
	return out
}

func (r *Renderer) topicLink(t *content.Topic, root string) TopicLink {
	return TopicLink{Title: t.Title, Summary: t.Summary, URL: root + content.PagePath(t),
		Kicker: r.groupName(r.G.Settings.Categories, t.Category), Law: t.Law(), Status: t.Status, Lang: r.langOf(t)}
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
	var out []Link
	if c := r.G.Category(top.Category); c != nil {
		out = append(out, Link{Name: r.groupName(r.G.Settings.Categories, top.Category), URL: root + glossary.CategoryPath(c)})
	}
	for _, a := range ancestors {
		out = append(out, Link{Name: a.Title, URL: root + content.PagePath(a), Lang: r.langOf(a)})
	}
	return out
}

// cards gathers the definition cards of the topics in lists.
func (r *Renderer) cards(lists ...[]*content.Topic) map[string][]string {
	out := map[string][]string{}
	for _, list := range lists {
		for _, t := range list {
			card := []string{t.Title, r.groupName(r.G.Settings.Categories, t.Category), t.Summary}
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

// groups lists categories or tags with the names the language gives
// them (names).
func (r *Renderer) groups(gs []*glossary.Group, names map[string]content.GroupText, root string, at func(*glossary.Group) string) []GroupLink {
	out := make([]GroupLink, len(gs))
	for i, g := range gs {
		out[i] = GroupLink{Name: r.groupName(names, g.Name), URL: root + at(g), Count: len(g.Topics)}
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
		l := r.G.Collation.Initial(t.Title)
		if len(out) == 0 || out[len(out)-1].Letter != l {
			id := "letter-" + markdown.Slugify(l)
			if l == "0–9" {
				id = "letter-digits"
			}
			out = append(out, Letter{Letter: l, ID: id})
		}
		last := &out[len(out)-1]
		last.Topics = append(last.Topics, r.topicLink(t, root))
	}
	return out
}

// topic renders a topic's body and gathers its relationships.
func (r *Renderer) topic(t *content.Topic, root string) (*TopicView, diag.List) {
	src, err := content.ReadFile(t.Path)
	if err != nil {
		var d diag.List
		d.Add(t.Path, 0, 0, "%v", err)
		return nil, d
	}
	doc, d := content.Reparse(r.MD, r.Langs, t, src)
	if doc == nil || len(d) > 0 {
		return nil, d
	}
	r.rewriteLinks(doc.Root, doc.Src, t.Rel, root)
	cat := r.G.CategoryOf(t)
	w := r.words()
	tv := &TopicView{
		Title: t.Title, Summary: t.Summary, Aliases: t.Aliases, Updated: t.Updated,
		Category: Link{Name: r.groupName(r.G.Settings.Categories, t.Category), URL: root + glossary.CategoryPath(cat)},
		FAQTitle: w.Text("faq_title", "title", t.Title),
		Broader:  r.links(r.G.Broader[t], root), Narrower: r.links(r.G.Narrower[t], root),
		Compare: r.links(r.G.Compare[t], root), Related: r.links(r.G.Related[t], root),
		LinksTo: r.links(r.G.Links[t], root), LinkedFrom: r.links(r.G.Backlinks[t], root),
		Sources: sourceViews(t.Sources), Law: t.Law(),
	}
	tv.Lifecycle = r.lifecycle(t, root)
	for _, tag := range t.Tags {
		tv.Tags = append(tv.Tags, Link{Name: r.groupName(r.G.Settings.Tags, tag), URL: root + r.G.Prefix + "tags/" + markdown.Slugify(tag) + "/"})
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
		sv := SectionView{ID: s.ID(), Title: w.Sections[s][0], Relationships: s == content.Relationships}
		if !sv.Relationships {
			sv.HTML = renderBlocks(doc.Sections[s])
		}
		tv.Sections = append(tv.Sections, sv)
		tv.TOC = append(tv.TOC, Link{Name: w.Sections[s][0], URL: "#" + s.ID()})
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
		tv.TOC = append(tv.TOC, Link{Name: w.Strings["faq"], URL: "#" + content.FAQ.ID()})
	}
	if tv.notes, err = r.notes(doc.Src, doc.Notes); err != nil {
		d.Add(t.Path, 0, 0, "rendering: %v", err)
	}
	if tv.notes != "" {
		tv.TOC = append(tv.TOC, Link{Name: w.Strings["notes"], URL: "#" + content.NotesID})
	}
	if len(tv.Sources) > 0 {
		tv.TOC = append(tv.TOC, Link{Name: w.Strings["sources"], URL: "#" + content.SourcesID})
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
				l.Destination = root + content.PagePath(t)
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
				l.Destination = []byte(root + content.PagePath(t) + frag)
			}
		}
		return ast.WalkContinue, nil
	})
}

// sitemap lists every language's pages; in a site of several languages,
// each names its versions in the others (xhtml:link alternates).
func (r *Renderer) sitemap(w io.Writer) diag.List {
	base := r.G.Settings.BaseURL
	multi := len(r.G.Languages) > 1
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"`)
	if multi {
		b.WriteString(` xmlns:xhtml="http://www.w3.org/1999/xhtml"`)
	}
	b.WriteString(">\n")
	for _, g := range r.G.Languages {
		entry := func(p Page, updated string) {
			b.WriteString("  <url><loc>")
			b.WriteString(xmlEscape(base + p.URLPath()))
			b.WriteString("</loc>")
			if updated != "" {
				b.WriteString("<lastmod>" + updated + "</lastmod>")
			}
			if multi {
				paths, has := pageVersions(g, p)
				for i, v := range paths {
					if has[i] {
						fmt.Fprintf(&b, `<xhtml:link rel="alternate" hreflang="%s" href="%s"/>`, xmlEscape(g.Languages[i].Code), xmlEscape(base+v))
					}
				}
				if has[0] {
					fmt.Fprintf(&b, `<xhtml:link rel="alternate" hreflang="x-default" href="%s"/>`, xmlEscape(base+paths[0]))
				}
			}
			b.WriteString("</url>\n")
		}
		in := g.Prefix
		entry(Page{Kind: HomePage, File: in + "index.html"}, "")
		for _, t := range g.Topics {
			entry(Page{Kind: TopicPage, File: content.PagePath(t) + "index.html", Topic: t}, t.Updated)
		}
		entry(Page{Kind: CategoriesPage, File: in + "categories/index.html"}, "")
		for _, c := range g.Categories {
			entry(Page{Kind: CategoryPage, File: glossary.CategoryPath(c) + "index.html", Group: c}, "")
		}
		entry(Page{Kind: TagsPage, File: in + "tags/index.html"}, "")
		for _, t := range g.Tags {
			entry(Page{Kind: TagPage, File: glossary.TagPath(t) + "index.html", Group: t}, "")
		}
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
