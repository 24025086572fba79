// Package glossary is the in-memory model of the whole site: topics by
// slug, file and name, the link graph (links and backlinks), typed
// relations (broader, narrower, compare, related), categories and tags,
// and the checks that need all topics at once (duplicate slugs and names,
// links to missing topics or anchors, cycles of broader terms).
//
// New builds a Glossary from loaded topics without touching files, so the
// dev server can rebuild it after every save: it is cheap next to reading
// and rendering.
//
// A site in several languages is one Glossary a language, all listed in
// each one's Languages, the default first. Each indexes its own topics
// (names are unique per language, titles sort by its collation); links and
// relations in a translation resolve to the same language's translation
// where there is one, else to the default language's topic. Translations
// (translations.go) finds a concept in every language, and reports
// translations without an original, stale ones, and what is untranslated.
package glossary

import (
	"bytes"
	"cmp"
	"fmt"
	"hash/fnv"
	"maps"
	"path"
	"slices"
	"strings"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/i18n"
	"glossary/generator/internal/markdown"
)

// Glossary is the indexed site in one language. A site in several has
// one Glossary a language; New returns the default language's, and each
// lists them all in Languages.
type Glossary struct {
	Settings content.Settings
	// Code is the glossary's language; Prefix is where its pages are
	// below the site root: "" for the default language, else "<code>/".
	Code, Prefix string
	// Languages are the glossaries of every language, the default first.
	Languages []*Glossary
	// Collation orders titles as the language's dictionaries do, and
	// files them under its letters.
	Collation *i18n.Collation
	// Topics are the published topics, sorted A–Z by title.
	Topics []*content.Topic

	bySlug map[string]*content.Topic
	byRel  map[string]*content.Topic
	// byKey finds the topic of a concept (content.Topic.Key).
	byKey map[string]*content.Topic
	// base is the default language's glossary, where a translation's
	// links and relations lead when their target is not translated; nil
	// in the default language.
	base   *Glossary
	byName map[string]*content.Topic
	// byExact holds titles and aliases as written.
	byExact map[string]*content.Topic

	// Links are each topic's distinct outgoing topic links, in order of
	// first appearance; Backlinks the topics linking to it, A–Z.
	Links     map[*content.Topic][]*content.Topic
	Backlinks map[*content.Topic][]*content.Topic
	// Broader, Narrower, Compare and Related are the typed relations
	// each topic page shows (see relations.go): Narrower is the inverse
	// of Broader, Compare and Related go both ways.
	Broader  map[*content.Topic][]*content.Topic
	Narrower map[*content.Topic][]*content.Topic
	Compare  map[*content.Topic][]*content.Topic
	Related  map[*content.Topic][]*content.Topic

	Categories []*Group
	Tags       []*Group
	// Redirects are the pages at moved topics' old slugs, by old slug.
	Redirects []Redirect
	category  map[*content.Topic]*Group

	// What Update needs: drafts by file, each topic's place in Topics and
	// identity, and the diagnostics by topic and for the site.
	drafts      map[string]*content.Topic
	pos         map[*content.Topic]int
	ident       map[*content.Topic]uint64
	topicDiags  map[*content.Topic]diag.List
	globalDiags diag.List
	// own holds the relations each topic names itself, from which
	// relate derives the exported maps; relationDiags are the cycles.
	own           map[*content.Topic]ownRelations
	relationDiags diag.List
	// replacement is each deprecated term's replacement, replaces the
	// inverse (lifecycle.go).
	replacement map[*content.Topic]*content.Topic
	replaces    map[*content.Topic][]*content.Topic
}

// Group is a category or a tag with its topics, A–Z.
type Group struct {
	Name   string
	Slug   string
	Topics []*content.Topic
	// Prefix is the language's folder, as Glossary.Prefix.
	Prefix string
}

// Options change what is published.
type Options struct {
	Drafts bool
}

// New indexes topics and checks everything that spans files. With several
// languages, it indexes each language's topics apart and returns the
// default language's glossary.
func New(settings content.Settings, topics []*content.Topic, opts Options) (*Glossary, diag.List) {
	if len(settings.Languages) < 2 {
		g, d := newGlossary(settings, topics, opts, nil)
		g.Code, g.Languages = settings.Language, []*Glossary{g}
		return g, d
	}
	byLang := map[string][]*content.Topic{}
	for _, t := range topics {
		byLang[t.Lang] = append(byLang[t.Lang], t)
	}
	def, d := newGlossary(settings, byLang[""], opts, nil)
	def.Code = settings.Language
	all := []*Glossary{def}
	for _, l := range settings.Languages[1:] {
		ls := settings
		if l.Settings != nil {
			ls = *l.Settings
		}
		g, ld := newGlossary(ls, byLang[l.Code], opts, def)
		g.Code, g.Prefix = l.Code, l.Prefix
		for _, grp := range append(slices.Clone(g.Categories), g.Tags...) {
			grp.Prefix = g.Prefix
		}
		d.Append(ld)
		all = append(all, g)
	}
	for _, g := range all {
		g.Languages = all
	}
	d.Append(def.translationErrors())
	return def, d
}

func newGlossary(settings content.Settings, topics []*content.Topic, opts Options, base *Glossary) (*Glossary, diag.List) {
	var d diag.List
	g := &Glossary{
		Settings:  settings,
		Collation: i18n.NewCollation(settings.Language),
		base:      base,
		bySlug:    make(map[string]*content.Topic, len(topics)),
		byRel:     make(map[string]*content.Topic, len(topics)),
		byKey:     make(map[string]*content.Topic, len(topics)),
		byName:    make(map[string]*content.Topic, 2*len(topics)),
		byExact:   make(map[string]*content.Topic, 2*len(topics)),
		Links:     make(map[*content.Topic][]*content.Topic, len(topics)),
		Backlinks: make(map[*content.Topic][]*content.Topic, len(topics)),
		own:       make(map[*content.Topic]ownRelations),
		category:  make(map[*content.Topic]*Group, len(topics)),
	}
	drafts := map[string]*content.Topic{}
	sorted := slices.Clone(topics)
	slices.SortFunc(sorted, func(a, b *content.Topic) int { return cmp.Compare(a.Path, b.Path) })
	for _, t := range sorted {
		if t.Draft && !opts.Drafts {
			drafts[t.Rel] = t
			continue
		}
		g.byRel[t.Rel] = t
		if other, dup := g.bySlug[t.Slug]; dup {
			d.Add(t.Path, slugLine(t), 1, "slug %q is also used by %s", t.Slug, other.Path)
			d.Add(other.Path, slugLine(other), 1, "slug %q is also used by %s", t.Slug, t.Path)
			continue
		}
		g.bySlug[t.Slug] = t
		g.byKey[t.Key] = t
		g.Topics = append(g.Topics, t)
	}
	if base != nil {
		// A translation's links name its original's file.
		for key, t := range g.byKey {
			if o := base.byKey[key]; o != nil {
				if _, own := g.byRel[o.Rel]; !own {
					g.byRel[o.Rel] = t
				}
			}
		}
	}
	g.drafts = drafts
	g.lifecycle(&d)
	g.claimNames(&d)
	g.sortTopics()
	g.pos = make(map[*content.Topic]int, len(g.Topics))
	g.ident = make(map[*content.Topic]uint64, len(g.Topics))
	g.topicDiags = make(map[*content.Topic]diag.List)
	for i, t := range g.Topics {
		g.pos[t], g.ident[t] = i, identity(t)
		g.resolve(t)
	}
	for _, t := range g.Topics {
		for _, to := range g.Links[t] {
			g.Backlinks[to] = append(g.Backlinks[to], t) // t is visited A–Z
		}
	}
	g.relate()
	g.Categories = group(g.Topics, func(t *content.Topic) []string { return []string{t.Category} }, "category", &d)
	g.sortGroups(g.Categories, settings.Categories)
	for _, c := range g.Categories {
		for _, t := range c.Topics {
			g.category[t] = c
		}
	}
	g.Tags = group(g.Topics, func(t *content.Topic) []string { return t.Tags }, "tag", &d)
	g.sortGroups(g.Tags, settings.Tags)
	g.globalDiags = d
	return g, g.diagnostics()
}

// resolve resolves a topic's links and the topics it names in broader,
// compare and related, replacing its diagnostics. Backlinks and the
// derived relations (relate) are the caller's to update.
func (g *Glossary) resolve(t *content.Topic) {
	var d diag.List
	delete(g.Links, t)
	g.resolveLinks(t, g.drafts, &d)
	g.resolveRelations(t, &d)
	if len(d) > 0 {
		g.topicDiags[t] = d
	} else {
		delete(g.topicDiags, t)
	}
}

// diagnostics are all the glossary's problems: the site's, each topic's,
// and the home page introduction's links (checked each time: they may
// point at anchors that just changed).
func (g *Glossary) diagnostics() diag.List {
	d := slices.Clone(g.globalDiags)
	d.Append(g.relationDiags)
	for _, td := range g.topicDiags {
		d.Append(td)
	}
	for _, l := range g.Settings.IntroLinks {
		g.check(g.Settings.Path, nil, l, g.drafts, &d)
	}
	return d
}

// identity covers everything about a topic that shapes the glossary
// beyond its own links: its file, slug and names, category and tags,
// and whether it is published.
func identity(t *content.Topic) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%q\x00%s\x00%q\x00%v\x00%s\x00%s\x00%s\x00%s", t.Rel, t.Slug, t.Title, t.Aliases, t.Category, t.Tags, t.Draft,
		t.Status, t.ReplacedBy, t.Lang, t.Key)
	for _, r := range t.MovedFrom {
		fmt.Fprintf(h, "\x00%s", r.Name)
	}
	return h.Sum64()
}

// Update brings the glossary up to date after the topics in changed were
// read again and updated in place (same pointers), which is how the dev
// server applies an edit. It re-resolves their links and those of the
// topics linking to them (whose #anchors may have gone), and adjusts
// backlinks. It reports false, changing nothing, when a change reaches
// further (a topic's names, slug, category, tags or draft state, or a site
// that had errors); then New must index everything again.
func (g *Glossary) Update(changed []*content.Topic) (diag.List, bool) {
	if len(g.Languages) < 2 {
		return g.update(changed)
	}
	var d diag.List
	for _, lg := range g.Languages {
		ld, ok := lg.update(changed)
		if !ok {
			return nil, false
		}
		d.Append(ld)
	}
	d.Append(g.translationErrors())
	return d, true
}

// update is Update in one language. Changed topics of other languages
// re-resolve only the links to them from this one.
func (g *Glossary) update(changed []*content.Topic) (diag.List, bool) {
	if len(g.globalDiags) > 0 {
		return nil, false
	}
	lang := ""
	if g.base != nil {
		lang = g.Code
	}
	for _, t := range changed {
		if t.Lang != lang {
			continue
		}
		if _, ok := g.pos[t]; !ok || g.ident[t] != identity(t) {
			return nil, false
		}
	}
	affected := map[*content.Topic]bool{}
	for _, t := range changed {
		if t.Lang == lang {
			affected[t] = true
		}
		for _, from := range g.Backlinks[t] {
			affected[from] = true
		}
	}
	order := make([]*content.Topic, 0, len(affected))
	for t := range affected {
		order = append(order, t)
	}
	slices.SortFunc(order, func(a, b *content.Topic) int { return cmp.Compare(g.pos[a], g.pos[b]) })
	relationsChanged := false
	for _, t := range order {
		before, beforeOwn := g.Links[t], g.own[t]
		g.resolve(t)
		relationsChanged = relationsChanged || !g.own[t].equal(beforeOwn)
		for _, to := range before {
			if !slices.Contains(g.Links[t], to) {
				g.Backlinks[to] = slices.DeleteFunc(g.Backlinks[to], func(x *content.Topic) bool { return x == t })
				if len(g.Backlinks[to]) == 0 {
					delete(g.Backlinks, to)
				}
			}
		}
		for _, to := range g.Links[t] {
			if !slices.Contains(before, to) {
				list := g.Backlinks[to]
				i, _ := slices.BinarySearchFunc(list, t, func(x, y *content.Topic) int { return cmp.Compare(g.pos[x], g.pos[y]) })
				g.Backlinks[to] = slices.Insert(slices.Clip(list), i, t)
			}
		}
	}
	if relationsChanged {
		g.relate()
	}
	return g.diagnostics(), true
}

func keyLine(t *content.Topic, key string) int {
	if l, ok := t.KeyLines[key]; ok {
		return l
	}
	return 1
}

// slugLine is where a topic's slug is set: its slug key, else its title
// (the slug then being the file name).
func slugLine(t *content.Topic) int {
	if l, ok := t.KeyLines["slug"]; ok {
		return l
	}
	return keyLine(t, "title")
}

// sortTopics orders Topics A–Z by the language's collation; titles that
// collate the same keep their slugs' order.
func (g *Glossary) sortTopics() {
	keys := make(map[*content.Topic][]byte, len(g.Topics))
	for _, t := range g.Topics {
		keys[t] = g.Collation.Key(t.Title)
	}
	slices.SortStableFunc(g.Topics, func(a, b *content.Topic) int {
		return cmp.Or(bytes.Compare(keys[a], keys[b]), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
	})
}

// sortGroups orders categories or tags A–Z by the names the language
// gives them.
func (g *Glossary) sortGroups(gs []*Group, names map[string]content.GroupText) {
	name := func(gr *Group) string {
		if t, ok := names[gr.Name]; ok && t.Name != "" {
			return t.Name
		}
		return gr.Name
	}
	slices.SortFunc(gs, func(a, b *Group) int { return g.Collation.Compare(name(a), name(b)) })
}

// byTitle orders topics A–Z, as Topics is.
func (g *Glossary) byTitle(a, b *content.Topic) int {
	return cmp.Or(g.Collation.Compare(a.Title, b.Title), cmp.Compare(a.Slug, b.Slug))
}

// SortKey orders titles A–Z ignoring case and leading punctuation.
func SortKey(title string) string {
	return strings.ToLower(strings.TrimLeftFunc(title, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r > 127)
	}))
}

// Normalize is the form in which titles and aliases are compared.
func Normalize(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(name)), " ")
}

// claimNames registers every title and alias; two topics claiming one
// name is an error in both files. A deprecated term's names lead to its
// replacement, which may hold them too.
func (g *Glossary) claimNames(d *diag.List) {
	type claim struct {
		t, to     *content.Topic // the claimant, and where the name leads
		key, name string
	}
	claims := map[string]claim{}
	// Live topics first, in path order: the first claimant keeps the
	// name; then deprecated ones, whose names may already lead where
	// theirs would.
	order := make([]*content.Topic, 0, len(g.Topics))
	for _, deprecated := range []bool{false, true} {
		for _, t := range g.Topics {
			if (g.replacement[t] != nil) == deprecated {
				order = append(order, t)
			}
		}
	}
	for _, t := range order {
		to := cmp.Or(g.replacement[t], t)
		names := append([]string{t.Title}, t.Aliases...)
		for i, n := range names {
			key := "aliases"
			if i == 0 {
				key = "title"
			}
			norm := Normalize(n)
			if norm == "" {
				continue
			}
			if prev, ok := claims[norm]; ok {
				if prev.to == to {
					continue
				}
				d.Add(t.Path, keyLine(t, key), 1, "%q is also the %s of %s", n, what(prev.key), prev.t.Path)
				d.Add(prev.t.Path, keyLine(prev.t, prev.key), 1, "%q is also the %s of %s", prev.name, what(key), t.Path)
				continue
			}
			claims[norm] = claim{t, to, key, n}
			g.byName[norm] = to
			g.byExact[n] = to
		}
	}
}

func what(key string) string {
	if key == "title" {
		return "title"
	}
	return "alias"
}

// draftNamed finds the unpublished draft a name (title, alias or slug)
// would have resolved to, to explain why a link to it fails.
func (g *Glossary) draftNamed(name string) *content.Topic {
	norm := Normalize(name)
	drafts := slices.SortedFunc(maps.Values(g.drafts), func(a, b *content.Topic) int { return cmp.Compare(a.Path, b.Path) })
	for _, t := range drafts {
		if t.Slug == strings.TrimSpace(name) || Normalize(t.Title) == norm ||
			slices.ContainsFunc(t.Aliases, func(a string) bool { return Normalize(a) == norm }) {
			return t
		}
	}
	return nil
}

// TopicBySlug returns the published topic with that slug: in a
// translation's glossary, the translation, else the default language's.
func (g *Glossary) TopicBySlug(slug string) *content.Topic {
	if t := g.bySlug[slug]; t != nil || g.base == nil {
		return t
	}
	return g.base.bySlug[slug]
}

// TopicByFile returns the published topic at a path below content/ (in a
// translation's glossary, the translation of the topic there, where it
// has one).
func (g *Glossary) TopicByFile(rel string) *content.Topic {
	if t := g.byRel[rel]; t != nil || g.base == nil {
		return t
	}
	return g.base.byRel[rel]
}

// TopicByName resolves a wiki link target: a title or alias (any case),
// else a slug.
func (g *Glossary) TopicByName(name string) *content.Topic {
	// Auto-links name their target by its exact title: no need to
	// normalise those, and they are most of the names looked up.
	if t := g.byExact[name]; t != nil {
		return t
	}
	if t := g.byName[Normalize(name)]; t != nil {
		return t
	}
	if t := g.bySlug[strings.TrimSpace(name)]; t != nil || g.base == nil {
		return t
	}
	return g.base.TopicByName(name)
}

// Resolve returns the topic a link points at, or nil for an anchor link.
func (g *Glossary) Resolve(l content.Link) *content.Topic {
	switch l.Kind {
	case content.FileLink:
		return g.TopicByFile(l.Target)
	case content.WikiLink:
		return g.TopicByName(l.Target)
	}
	return nil
}

// CategoryOf returns the topic's category group.
func (g *Glossary) CategoryOf(t *content.Topic) *Group { return g.category[t] }

// Category returns the category of that name in this language, or nil.
func (g *Glossary) Category(name string) *Group {
	for _, c := range g.Categories {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func (g *Glossary) resolveLinks(t *content.Topic, drafts map[string]*content.Topic, d *diag.List) {
	var links []*content.Topic // a topic has a few dozen at most: a slice beats a set
	for _, l := range t.Links {
		to := g.check(t.Path, t, l, drafts, d)
		if to != nil && !slices.Contains(links, to) {
			links = append(links, to)
		}
	}
	if links != nil {
		g.Links[t] = links
	}
}

// check reports a link that does not resolve and returns its target.
func (g *Glossary) check(file string, from *content.Topic, l content.Link, drafts map[string]*content.Topic, d *diag.List) *content.Topic {
	var to *content.Topic
	switch l.Kind {
	case content.AnchorLink:
		to = from
		if from == nil {
			return nil
		}
	case content.FileLink:
		to = g.TopicByFile(l.Target)
		if to == nil {
			switch {
			case l.Target == ".." || strings.HasPrefix(l.Target, "../"):
				d.Add(file, l.Line, l.Col, "link to %q points outside the content folder", l.Target)
			case drafts[l.Target] != nil:
				d.Add(file, l.Line, l.Col, "link to %s, which is a draft and is not published (build with -drafts to preview)", l.Target)
			default:
				d.Add(file, l.Line, l.Col, "link to missing topic %q%s", l.Target, g.suggestFile(from, l.Target))
			}
			return nil
		}
	case content.WikiLink:
		to = g.TopicByName(l.Target)
		if to == nil {
			if dr := g.draftNamed(l.Target); dr != nil {
				d.Add(file, l.Line, l.Col, "wiki link [[%s]] names %s, which is a draft and is not published (build with -drafts to preview)", l.Target, dr.Path)
			} else {
				d.Add(file, l.Line, l.Col, "wiki link [[%s]] names no topic title, alias or slug%s", l.Target, diag.DidYouMean(l.Target, g.titles()))
			}
			return nil
		}
	}
	if l.Fragment != "" && !to.Anchors[l.Fragment] {
		anchors := make([]string, 0, len(to.Anchors))
		for a := range to.Anchors {
			anchors = append(anchors, a)
		}
		slices.Sort(anchors)
		d.Add(file, l.Line, l.Col, "link to missing heading #%s in %s%s", l.Fragment, to.Path, diag.DidYouMean(l.Fragment, anchors))
	}
	if to == from {
		return nil
	}
	return to
}

// suggestFile proposes a link for a missing file: a topic with the same
// file name elsewhere (written relative to the linking file, as the link
// must be), else the closest file name.
func (g *Glossary) suggestFile(from *content.Topic, target string) string {
	fromDir := "."
	if from != nil {
		fromDir = path.Dir(from.Rel)
	}
	base := path.Base(target)
	var names []string
	for rel := range g.byRel {
		if path.Base(rel) == base {
			return fmt.Sprintf(" (did you mean %q?)", relativePath(fromDir, rel))
		}
		names = append(names, rel)
	}
	if s := diag.Suggest(target, names); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", relativePath(fromDir, s))
	}
	return ""
}

// relativePath is the slash path from folder dir to file rel, both below
// the content folder.
func relativePath(dir, rel string) string {
	if dir == "." {
		return rel
	}
	d, r := strings.Split(dir, "/"), strings.Split(rel, "/")
	i := 0
	for i < len(d) && i < len(r)-1 && d[i] == r[i] {
		i++
	}
	return strings.Repeat("../", len(d)-i) + strings.Join(r[i:], "/")
}

func (g *Glossary) slugs() []string {
	out := make([]string, 0, len(g.bySlug))
	for s := range g.bySlug {
		out = append(out, s)
	}
	return out
}

func (g *Glossary) titles() []string {
	out := make([]string, 0, len(g.Topics))
	for _, t := range g.Topics {
		out = append(out, t.Title)
	}
	return out
}

// group collects topics (already A–Z) under each of the names keyOf gives.
// Names that differ only in case or punctuation would share a URL, so they
// are an error.
func group(topics []*content.Topic, keyOf func(*content.Topic) []string, kind string, d *diag.List) []*Group {
	bySlug := map[string]*Group{}
	firstUser := map[string]*content.Topic{}
	var out []*Group
	key := kind // the front matter key
	if kind == "tag" {
		key = "tags"
	}
	for _, t := range topics {
		for _, name := range keyOf(t) {
			slug := markdown.Slugify(name)
			if slug == "" {
				d.Add(t.Path, keyLine(t, key), 1, "%s %q has no letters or digits", kind, name)
				continue
			}
			g := bySlug[slug]
			if g == nil {
				g = &Group{Name: name, Slug: slug}
				bySlug[slug] = g
				firstUser[slug] = t
				out = append(out, g)
			} else if g.Name != name {
				d.Add(t.Path, keyLine(t, key), 1, "%s %q is spelled %q in %s: use one spelling", kind, name, g.Name, firstUser[slug].Path)
				continue
			}
			if n := len(g.Topics); n == 0 || g.Topics[n-1] != t {
				g.Topics = append(g.Topics, t)
			}
		}
	}
	return out
}

// CategoryPath and TagPath are where group pages are published.
func CategoryPath(g *Group) string { return g.Prefix + path.Join("categories", g.Slug) + "/" }

// TagPath is where a tag page is published.
func TagPath(g *Group) string { return g.Prefix + path.Join("tags", g.Slug) + "/" }
