// Package pipeline runs the site through its stages: load (files into
// topics), index (the glossary), render (pages) and write (output
// folder). A Site keeps the loaded model in memory between runs, so the
// dev server re-reads only the files that changed and re-renders only the
// pages whose fingerprint moved; `build` is the same pipeline run once
// over everything.
//
// Output is never half-written: a full build renders into a temporary
// folder beside the output and swaps it in; the dev server replaces single
// files by rename. The output folder holds the site and nothing else: what
// the generator knows of it lives in a cache folder (Config.Cache), with a
// manifest of the files written, which marks the output as ours and lets
// the next build skip unchanged pages, and the parsed topics, which let it
// read only the files that changed.
package pipeline

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/glossary"
	"glossary/generator/internal/i18n"
	"glossary/generator/internal/markdown"
	"glossary/generator/internal/media"
	"glossary/generator/internal/render"
)

// Config names the folders and switches of a build.
type Config struct {
	Content, Templates, Static, Out string
	// Cache is the folder for build metadata, outside the output; the
	// default is .glossary beside Out.
	Cache string
	// Drafts publishes topics marked draft.
	Drafts bool
	// Incremental keeps, between runs, what makes the next one faster
	// after small changes (the dev server's case), at some memory cost.
	Incremental bool
	// Progress, when set, is called as pages are rendered, from several
	// goroutines at once; done may arrive out of order.
	Progress func(done, total int)
	// NoGit leaves topics without an updated key undated rather than
	// dated by their file's last commit (history.go).
	NoGit bool
	// Notes, when set, receives notes that are not errors, one a line.
	Notes io.Writer
}

// Site is the loaded glossary, kept between builds.
type Site struct {
	cfg Config

	md       *markdown.Markdown
	unsafe   bool
	autolink bool
	// language is the one whose inflections the linker knows, langs
	// what reading a file knows of the site's languages, catalog their
	// words (templates/i18n) and langCodes the languages' codes, by
	// which files are read as translations.
	language  string
	langs     *content.Languages
	catalog   *i18n.Catalog
	catDiags  diag.List
	langCodes string
	settings  content.Settings
	setDiags  diag.List
	topics    map[string]*fileState // by path below content/
	templates *render.Templates
	tmplDiags diag.List
	static    map[string]*fileState // by path below static/
	statDiags diag.List
	walkDiags diag.List // unreadable folders, symlinks leaving content/
	// images are the image files topics show, by content.Image.Src.
	images map[string]*imageState
	// linkers find topic names in prose, one a language ("" the
	// default); names identifies their names.
	linkers map[string]*markdown.Linker
	names   uint64
	// glossary is the last index; edited lists the topics read since.
	glossary *glossary.Glossary
	edited   []*content.Topic
	// stale is what the next run must redo beyond the files it reads
	// again (see stale).
	stale stale
	// dates are the days each topic file was last committed, read once
	// (historyRead) per Site.
	dates       map[string]string
	historyRead bool
	// search is each language's search index, kept so a rebuild redoes
	// only the files its changes touch.
	search map[string]*render.SearchIndex
	// written is what the output folder holds now, by file, and dirs the
	// modification times of its folders after the last write.
	written map[string]entry
	dirs    map[string]int64
}

// stale is the Site's incremental state in one value: what changed since
// the last run that reading the changed files alone does not redo. Load,
// Reload and LoadCache mark it; the stage that redoes a part clears its
// mark.
type stale uint8

const (
	// staleDialect: the Markdown dialect is not set up from the settings
	// yet (a new Site); loadSettings sets it up.
	staleDialect stale = 1 << iota
	// staleTopics: every topic must be read again (a setting, the
	// languages or their headings changed how files read); Load does.
	staleTopics
	// staleNames: topics came or went since the linkers were built;
	// parse builds them again.
	staleNames
	// staleIndex: the glossary must be built anew rather than updated
	// (topics came or went, or the settings changed); Index does.
	staleIndex
	// staleCache: the cache file no longer says what is loaded;
	// saveCache writes it.
	staleCache
)

// take reports whether s has the marks in m, and clears them.
func (s *stale) take(m stale) bool {
	had := *s&m != 0
	*s &^= m
	return had
}

// fileState is one source file as last read.
type fileState struct {
	size      int64
	mod       time.Time
	topic     *content.Topic
	diags     diag.List // from the header
	bodyDiags diag.List
	// prevNames is namesOf the topic this file held before it changed,
	// prev that topic, to be updated in place.
	prevNames uint64
	prev      *content.Topic
	hash      uint64 // static files
}

// Result summarises a run.
type Result struct {
	Topics   int
	Pages    int // pages the site has
	Written  int // pages rendered or copied in this run
	Removed  int
	Duration time.Duration
}

// NewSite prepares an empty site; Load reads it.
func NewSite(cfg Config) *Site {
	if cfg.Cache == "" {
		cfg.Cache = filepath.Join(filepath.Dir(cfg.Out), ".glossary")
	}
	s := &Site{cfg: cfg, topics: map[string]*fileState{}, static: map[string]*fileState{}, images: map[string]*imageState{},
		stale: staleDialect | staleCache}
	s.search = map[string]*render.SearchIndex{}
	return s
}

// Load reads what changed on disk since the last Load (everything, the
// first time): settings, topics, templates, static files and the images
// topics show. It compares each file's size and time with what it read
// before, so it also finds changes that no file system event announced
// (the -poll mode relies on it). Files named in touched are re-read even
// when they look unchanged.
// It reports whether anything changed.
func (s *Site) Load(touched ...string) bool {
	force := map[string]bool{}
	for _, p := range touched {
		force[filepath.Clean(p)] = true
	}
	s.readHistory()
	changed := s.loadCatalog()
	changed = s.loadSettings() || changed
	changed = s.loadTopics(force) || changed
	changed = s.loadTemplates() || changed
	changed = s.loadStatic(force) || changed
	return s.loadImages(force) || changed
}

// Reload re-reads only the named paths, as reported by file system
// events, falling back to Load when a folder appeared or vanished (a
// rename of a folder moves every topic in it). It reports whether
// anything changed.
func (s *Site) Reload(paths []string) bool {
	var topics []string
	// Files that may be images a topic shows, to read again.
	images := map[string]bool{}
	changed := false
	for _, p := range paths {
		p = filepath.Clean(p)
		switch {
		case within(s.cfg.Templates, p):
			changed = s.loadTemplates() || changed
			if s.loadCatalog() {
				return s.Load() || true
			}
		case within(s.cfg.Static, p):
			changed = s.loadStatic(map[string]bool{p: true}) || changed
			images[p] = true
		case within(s.cfg.Content, p):
			rel, _ := filepath.Rel(s.cfg.Content, p)
			rel = filepath.ToSlash(rel)
			info, err := os.Lstat(p)
			base := path.Base(rel)
			switch {
			case settingsFile(rel):
				changed = s.loadSettings() || changed
				if s.stale&staleTopics != 0 {
					return s.Load() || changed
				}
			case hiddenPath(rel) || content.Ignored(base):
				// Editors' swap and backup files, hidden folders.
			case err == nil && info.IsDir(), err != nil && s.holdsTopics(rel):
				// A folder appeared or vanished (or was renamed): the
				// topics in it moved. Look at everything.
				return s.Load(paths...) || changed
			case content.IsTopicFile(base):
				topics = append(topics, rel)
			default:
				images[p] = true
			}
		}
	}
	if len(topics) > 0 && s.reloadTopics(topics) {
		changed = true
	}
	// After the topics: they say which images are shown now.
	return s.loadImages(images) || changed
}

// reloadTopics reads again the named topic files, below the content
// folder, and reports whether any changed. A file saved with the bytes it
// had (an editor's save without edits, a touch) changes nothing.
func (s *Site) reloadTopics(topics []string) bool {
	var stale []string
	changed := false
	for _, rel := range topics {
		p := filepath.Join(s.cfg.Content, filepath.FromSlash(rel))
		info, err := os.Stat(p)
		if err != nil {
			delete(s.topics, rel)
			s.stale |= staleNames | staleIndex | staleCache
			changed = true
			continue
		}
		if sameBytes(s.topics[rel], p, info) {
			continue
		}
		s.topics[rel] = s.successor(rel, info.Size(), info.ModTime())
		stale = append(stale, rel)
		changed = true
	}
	s.parse(stale)
	return changed
}

// sameBytes reports whether the file at p, whose state was f and which
// now has info, still holds the bytes f's topic was parsed from; if so, f
// takes the new size and time, so the file is not read again.
func sameBytes(f *fileState, p string, info os.FileInfo) bool {
	if f == nil || f.topic == nil || info.Size() != f.size {
		return false
	}
	data, err := content.ReadFile(p)
	if err != nil || content.Hash(data) != f.topic.Hash {
		return false
	}
	f.mod = info.ModTime()
	return true
}

// sameDiags reports whether two runs found the same problems: only a
// change is news to the dev server, which polls while a problem stands.
func sameDiags(a, b diag.List) bool {
	return slices.Equal(a, b)
}

// holdsTopics reports whether a folder below content/ held topics.
func (s *Site) holdsTopics(dir string) bool {
	for rel := range s.topics {
		if strings.HasPrefix(rel, dir+"/") {
			return true
		}
	}
	return false
}

// hiddenPath reports whether a folder on the way to rel is one Files skips.
func hiddenPath(rel string) bool {
	parts := strings.Split(rel, "/")
	for _, part := range parts[:len(parts)-1] {
		if content.Ignored(part) {
			return true
		}
	}
	return false
}

func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// parse reads the named topics: their headers first, then the bodies of
// those and, when the set of names changed (a title or alias was edited,
// a topic added or removed), of every topic, since auto-links may change
// anywhere.
func (s *Site) parse(rels []string) {
	if len(rels) > 0 {
		s.stale |= staleCache
	}
	var read []*content.Topic
	for i, l := range content.LoadHeaders(s.langs, s.cfg.Content, rels) {
		f := s.topics[rels[i]]
		f.topic, f.diags, f.bodyDiags = l.Topic, l.Diags, nil
		if f.prev != nil && l.Topic != nil {
			// Updated in place, so the glossary's maps still hold it:
			// an edit need not index every topic again (Glossary.Update).
			*f.prev = *l.Topic
			f.topic = f.prev
		}
		f.prev = nil
		if f.topic != nil {
			s.edited = append(s.edited, f.topic)
			read = append(read, f.topic)
		} else {
			s.stale |= staleIndex
		}
	}
	s.inherit(read)
	// Rebuilding the linker means indexing every name: skip it when the
	// files read again kept their names, as most edits do.
	changedNames := s.stale.take(staleNames) || s.linkers == nil && s.settings.Autolink || s.linkers != nil && !s.settings.Autolink
	for _, rel := range rels {
		if f := s.topics[rel]; f != nil && f.prevNames != namesOf(f.topic) {
			changedNames = true
		}
	}
	linkers, names := s.linkers, s.names
	if changedNames {
		linkers, names = nil, 0
		if s.settings.Autolink {
			linkers, names = s.newLinkers(s.topicList())
		}
	}
	redo := rels
	if names != s.names || (linkers == nil) != (s.linkers == nil) {
		s.stale |= staleIndex // auto-links may change in every topic
		redo = redo[:0:0]
		for rel, f := range s.topics {
			if f.topic != nil {
				redo = append(redo, rel)
			}
		}
		slices.Sort(redo)
	}
	s.linkers, s.names = linkers, names
	var body []*content.Topic
	var states []*fileState
	for _, rel := range redo {
		if f := s.topics[rel]; f != nil && f.topic != nil {
			body = append(body, f.topic)
			states = append(states, f)
		}
	}
	var linkerOf func(string) *markdown.Linker
	if linkers != nil {
		linkerOf = func(lang string) *markdown.Linker { return linkers[lang] }
	}
	for i, d := range content.LoadBodies(s.md, s.langs, linkerOf, body) {
		states[i].bodyDiags = d
	}
}

// newLinkers indexes the names of each language's topics, and returns
// one hash of them all.
func (s *Site) newLinkers(topics []*content.Topic) (map[string]*markdown.Linker, uint64) {
	slices.SortFunc(topics, func(a, b *content.Topic) int { return cmp.Compare(a.Path, b.Path) })
	linkers := map[string]*markdown.Linker{}
	h := fnv.New64a()
	langs := []string{""}
	if s.langs != nil {
		langs = append(langs, s.langs.Others...)
	}
	for _, lang := range langs {
		l, names := content.NewLinker(topics, s.cfg.Drafts, s.langs, lang)
		linkers[lang] = l
		fmt.Fprintf(h, "%s\x00%d\x00", lang, names)
	}
	return linkers, h.Sum64()
}

// inherit completes the translations among read, and those of the
// originals among read, with what their originals say (content.Inherit).
// A translation whose original changed counts as edited: its inherited
// relations may have changed with it.
func (s *Site) inherit(read []*content.Topic) {
	if s.langs == nil || len(s.langs.Others) == 0 {
		return
	}
	originals := map[string]*content.Topic{}
	var translations []*content.Topic
	for _, f := range s.topics {
		switch t := f.topic; {
		case t == nil:
		case t.Lang == "":
			originals[t.Key] = t
		default:
			translations = append(translations, t)
		}
	}
	wasRead := make(map[*content.Topic]bool, len(read))
	for _, t := range read {
		wasRead[t] = true
	}
	for _, t := range translations {
		o := originals[t.Key]
		if o == nil || !wasRead[t] && !wasRead[o] {
			continue
		}
		content.Inherit(t, o)
		if !wasRead[t] {
			s.edited = append(s.edited, t)
		}
	}
}

// successor is the state of a file about to be read again, remembering
// the names it had.
func (s *Site) successor(rel string, size int64, mod time.Time) *fileState {
	nf := &fileState{size: size, mod: mod}
	if old := s.topics[rel]; old != nil {
		nf.prevNames = namesOf(old.topic)
		nf.prev = old.topic
	} else {
		s.stale |= staleNames | staleIndex
	}
	return nf
}

// namesOf identifies what auto-linking knows of a topic: its file, its
// names and forms, whether it is published, and what decides where the
// names of a deprecated term lead (its status and replacement, and the
// slug by which a replacement is found).
func namesOf(t *content.Topic) uint64 {
	if t == nil {
		return 0
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%s\x00%q\x00%v\x00%q\x00%s\x00%s\x00%s", t.Rel, t.Title, t.Aliases, t.Draft,
		t.Forms, t.Slug, t.Status, t.ReplacedBy)
	return h.Sum64()
}

func topicPath(f *fileState) string {
	if f.topic == nil {
		return ""
	}
	return f.topic.Path
}

func (s *Site) loadTemplates() bool {
	var old uint64
	if s.templates != nil {
		old = s.templates.Hash()
	}
	oldDiags := s.tmplDiags
	s.templates, s.tmplDiags = render.LoadTemplates(s.cfg.Templates)
	if s.templates == nil {
		return !sameDiags(s.tmplDiags, oldDiags)
	}
	return s.templates.Hash() != old
}

func (s *Site) loadSettings() bool {
	p := filepath.Join(s.cfg.Content, content.SettingsFile)
	src, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		s.setDiags = nil
		s.setDiags.Add(p, 0, 0, "%v", err)
		return true
	}
	if s.md == nil {
		s.md = markdown.New(markdown.Options{})
	}
	old, oldDiags := s.settings.Hash, s.setDiags
	s.settings, s.setDiags = content.ParseSettings(s.md, p, src)
	s.loadLanguageSettings()
	// The Markdown dialect depends on a setting: when it changes, every
	// topic is read again with the new one.
	if s.stale.take(staleDialect) || s.settings.UnsafeHTML != s.unsafe || s.settings.Autolink != s.autolink {
		s.unsafe, s.autolink = s.settings.UnsafeHTML, s.settings.Autolink
		s.md = markdown.New(markdown.Options{UnsafeHTML: s.unsafe})
		s.rereadTopics()
	}
	if s.settings.Language != s.language {
		// Names inflect by the language's rules: auto-links may change
		// everywhere.
		s.language = s.settings.Language
		s.stale |= staleNames
	}
	s.langs = content.NewLanguages(&s.settings, s.catalog)
	if codes := s.settings.Language + " " + strings.Join(s.langs.Others, " "); codes != s.langCodes {
		// Which files are translations, and of which language, changed;
		// each language has a linker of its own.
		s.langCodes = codes
		s.rereadTopics()
		s.stale |= staleNames
	}
	if s.settings.Hash != old {
		s.stale |= staleIndex
	}
	return s.settings.Hash != old || !sameDiags(s.setDiags, oldDiags)
}

// loadLanguageSettings reads _index.<code>.md of each language but the
// default, and folds them into the settings' hash.
func (s *Site) loadLanguageSettings() {
	h := s.settings.Hash
	for i := range s.settings.Languages[min(1, len(s.settings.Languages)):] {
		l := &s.settings.Languages[i+1]
		p := filepath.Join(s.cfg.Content, content.LanguageSettingsFile(l.Code))
		src, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			s.setDiags.Add(p, 0, 0, "%v", err)
		}
		ls, d := content.ParseLanguageSettings(s.md, p, src, s.settings, l.Code)
		s.setDiags.Append(d)
		l.Settings = &ls
		h = h*1099511628211 ^ ls.Hash
	}
	s.settings.Hash = h
}

// rereadTopics makes the next Load read every topic again.
func (s *Site) rereadTopics() {
	for _, f := range s.topics {
		f.size = -1
	}
	if len(s.topics) > 0 {
		s.stale |= staleTopics
	}
}

// loadCatalog reads the languages' words (templates/i18n). When they
// change, every topic is read again: headings are recognised by them.
func (s *Site) loadCatalog() bool {
	var old uint64
	if s.catalog != nil {
		old = s.catalog.Hash()
	}
	oldDiags := s.catDiags
	s.catalog, s.catDiags = i18n.Load(filepath.Join(s.cfg.Templates, "i18n"))
	if s.langs != nil {
		s.langs.Catalog = s.catalog
	}
	if s.catalog.Hash() == old && sameDiags(oldDiags, s.catDiags) {
		return false
	}
	if old != 0 || len(s.topics) > 0 {
		s.rereadTopics()
		s.stale |= staleIndex
	}
	return true
}

// settingsFile reports whether a file below content/ holds settings:
// _index.md or a language's _index.<code>.md.
func settingsFile(rel string) bool {
	return !strings.Contains(rel, "/") && strings.HasPrefix(rel, "_index.") && strings.HasSuffix(rel, ".md")
}

func (s *Site) loadTopics(force map[string]bool) bool {
	s.stale &^= staleTopics // this reads every file whose size is unknown
	rels, d := content.Files(s.cfg.Content)
	var stale []string
	seen := make(map[string]bool, len(rels))
	for _, rel := range rels {
		seen[rel] = true
		p := filepath.Join(s.cfg.Content, filepath.FromSlash(rel))
		info, err := os.Stat(p)
		f := s.topics[rel]
		if err == nil && f != nil && !force[p] && f.size == info.Size() && f.mod.Equal(info.ModTime()) {
			continue
		}
		if err == nil && sameBytes(f, p, info) {
			continue // touched, or checked out again, but not edited
		}
		stale = append(stale, rel)
		nf := s.successor(rel, -1, time.Time{})
		if err == nil {
			nf.size, nf.mod = info.Size(), info.ModTime()
		}
		s.topics[rel] = nf
	}
	removed := 0
	for rel := range s.topics {
		if !seen[rel] {
			delete(s.topics, rel)
			removed++
			s.stale |= staleNames | staleIndex | staleCache
		}
	}
	s.parse(stale)
	same := sameDiags(d, s.walkDiags)
	s.walkDiags = d
	return len(stale) > 0 || removed > 0 || !same
}

func (s *Site) loadStatic(force map[string]bool) bool {
	oldDiags := s.statDiags
	seen := map[string]bool{}
	changed := false
	s.statDiags = nil
	root := s.cfg.Static
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir // a site may have no static files
			}
			s.statDiags.Add(p, 0, 0, "%v", err)
			return nil
		}
		if p != root && Litter(e.Name()) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() || !e.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		info, err := e.Info()
		if err != nil {
			return nil
		}
		f := s.static[rel]
		if f != nil && !force[p] && f.size == info.Size() && f.mod.Equal(info.ModTime()) {
			return nil
		}
		data, err := content.ReadFile(p)
		if err != nil {
			s.statDiags.Add(p, 0, 0, "%v", err)
			return nil
		}
		s.static[rel] = &fileState{size: info.Size(), mod: info.ModTime(), hash: content.Hash(data)}
		changed = true
		return nil
	})
	if err != nil {
		s.statDiags.Add(root, 0, 0, "%v", err)
	}
	for rel := range s.static {
		if !seen[rel] {
			delete(s.static, rel)
			changed = true
		}
	}
	return changed || !sameDiags(s.statDiags, oldDiags)
}

// Litter reports whether a file or folder in static/ is editors' or
// systems' leftovers, never published: backup, swap and lock files,
// Finder and Explorer metadata, version-control folders. Everything else
// in static/, dotfiles and _files included, is copied as it is: hosts need
// .well-known/, _headers, _redirects, .nojekyll, CNAME and .htaccess. (The
// content folder skips more: see content.Ignored.)
func Litter(name string) bool {
	switch name {
	case ".DS_Store", "Thumbs.db", ".git", ".hg", ".svn":
		return true
	}
	return strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swo") || strings.HasSuffix(name, ".swx") ||
		strings.HasPrefix(name, ".#") ||
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#")
}

// Diagnostics are the problems found by the last Load, before indexing.
func (s *Site) diagnostics() diag.List {
	var d diag.List
	d.Append(s.setDiags)
	d.Append(s.catDiags)
	d.Append(s.tmplDiags)
	d.Append(s.statDiags)
	d.Append(s.walkDiags)
	for _, f := range s.topics {
		d.Append(f.diags)
		d.Append(f.bodyDiags)
	}
	return d
}

func (s *Site) topicList() []*content.Topic {
	out := make([]*content.Topic, 0, len(s.topics))
	for _, f := range s.topics {
		if f.topic != nil {
			out = append(out, f.topic)
		}
	}
	return out
}

// Languages is what reading a file knows of the site's languages.
func (s *Site) Languages() *content.Languages { return s.langs }

// Index builds the glossary from what is loaded.
// After an edit that kept every topic's place (see Glossary.Update), the
// previous glossary is updated rather than built anew.
func (s *Site) Index() (*glossary.Glossary, diag.List) {
	s.dateTopics()
	d := s.diagnostics()
	edited, reshaped := s.edited, s.stale.take(staleIndex)
	s.edited = nil
	if s.glossary != nil && !reshaped {
		if gd, ok := s.glossary.Update(edited); ok {
			d.Append(gd)
			return s.glossary, d
		}
	}
	g, gd := glossary.New(s.settings, s.topicList(), glossary.Options{Drafts: s.cfg.Drafts})
	s.glossary = g
	d.Append(gd)
	return g, d
}

// Mode says where a run's output goes.
type Mode int

const (
	// Check renders everything and writes nothing.
	Check Mode = iota
	// Full writes a complete new output folder and swaps it in.
	Full
	// InPlace updates changed files of the output folder one by one.
	InPlace
)

// Generate indexes, renders and writes the site. On any error nothing is
// published and the errors are returned, sorted.
func (s *Site) Generate(mode Mode) (Result, error) {
	start := time.Now()
	g, d := s.Index()
	images, id := s.usedImages(g)
	d.Append(id)
	if len(d) > 0 {
		return Result{}, d.Err()
	}
	pics := make(map[string]media.Image, len(images))
	for src, st := range images {
		pics[src] = st.img
	}
	sizes := map[string]int64{} // the exports', read by the home page
	var rs []*render.Renderer
	for _, lg := range g.Languages {
		rs = append(rs, &render.Renderer{G: lg, T: s.templates, MD: s.md, Names: s.names, Images: pics, Version: executableHash(),
			ExportSizes: sizes, Words: s.catalog.Lang(lg.Code), WordsHash: s.catalog.Hash(), Langs: s.langs})
	}
	old := s.written
	var out outputState
	if mode == Full {
		var err error
		if out, err = inspectOutput(s.cfg.Out, s.record()); err != nil {
			return Result{}, err
		}
		old, s.dirs = out.files, out.dirs
	}
	p, d := s.plan(rs, old, imageCopies(images), mode == Check)
	if len(d) > 0 {
		return Result{}, d.Err()
	}
	res := Result{Pages: p.pages, Removed: len(p.removed)}
	for _, lg := range g.Languages {
		res.Topics += len(lg.Topics)
	}
	if mode == Full && out.complete && p.unchanged() {
		// The output already is this site: leave it alone, but for the
		// cache, whose file times may have moved.
		s.written = p.files
		res.Duration = time.Since(start)
		return res, s.saveCache()
	}
	var w writer = discardWriter{}
	switch mode {
	case Full:
		sw, err := newSwapWriter(s.cfg.Out, s.record(), old, s.dirs)
		if err != nil {
			return Result{}, err
		}
		w = sw
	case InPlace:
		if old == nil {
			return Result{}, errors.New("incremental write before a full build")
		}
		w = &placeWriter{out: s.cfg.Out, record: s.record(), old: old, dirs: s.dirs}
	}
	written, err := s.carryOut(sizes, w, p, mode, old)
	if err != nil {
		return Result{}, err
	}
	res.Written = written
	if mode == Full {
		if err := s.saveCache(); err != nil {
			return res, err
		}
	}
	res.Duration = time.Since(start)
	return res, nil
}

// job is one output file to produce.
type job struct {
	file string
	fp   uint64
	page *render.Page     // nil for a copied file
	r    *render.Renderer // the page's language's
	src  string           // the file to copy
	keep bool             // unchanged since the output was written
}

// plan is what a run will do to the output folder.
type plan struct {
	jobs    []job    // files to render or copy, or to keep where job.keep
	removed []string // files the site no longer has
	files   map[string]entry
	pages   int
}

// plan compares every page's fingerprint with what old says the output
// holds; with all, every page is rendered (check validates them all).
// Images and static files are copied; their fingerprint is their hash.
func (s *Site) plan(rs []*render.Renderer, old map[string]entry, images []*imageState, all bool) (plan, diag.List) {
	var d diag.List
	var pages []render.Page
	var of []*render.Renderer // each page's renderer
	for _, r := range rs {
		var more []render.Page
		if all {
			more = render.CheckedPages(r.G)
		} else {
			x := s.search[r.G.Code]
			if x == nil {
				x = &render.SearchIndex{Keep: s.cfg.Incremental}
				s.search[r.G.Code] = x
			}
			more = x.Pages(r.G)
		}
		pages = append(pages, more...)
		for range more {
			of = append(of, r)
		}
	}
	p := plan{files: make(map[string]entry, len(pages)+len(images)+len(s.static)), pages: len(pages)}
	add := func(j job) {
		if _, dup := p.files[j.file]; dup {
			d.Add(filepath.Join(s.cfg.Static, filepath.FromSlash(j.file)), 0, 0, "static file would overwrite the generated page %s", j.file)
			return
		}
		e, had := old[j.file]
		p.files[j.file] = entry{Fingerprint: j.fp, Hash: e.Hash}
		j.keep = had && e.Fingerprint == j.fp && !all
		p.jobs = append(p.jobs, j)
	}
	// Fingerprints are computed for every page of every rebuild: on all
	// cores, in strides. Where everything is rendered anyway (check), no
	// page is kept, so none needs one.
	fps := make([]uint64, len(pages))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(pages) && !all; i += workers {
				fps[i] = of[i].Fingerprint(pages[i])
			}
		})
	}
	wg.Wait()
	for i := range pages {
		add(job{file: pages[i].File, fp: fps[i], page: &pages[i], r: of[i]})
	}
	for _, im := range images {
		add(job{file: im.img.File, fp: im.hash, src: im.path})
	}
	statics := make([]string, 0, len(s.static))
	for rel := range s.static {
		statics = append(statics, rel)
	}
	slices.Sort(statics)
	for _, rel := range statics {
		add(job{file: rel, fp: s.static[rel].hash, src: filepath.Join(s.cfg.Static, filepath.FromSlash(rel))})
	}
	for file := range old {
		if _, ok := p.files[file]; !ok {
			p.removed = append(p.removed, file)
		}
	}
	slices.Sort(p.removed)
	return p, d
}

// unchanged reports whether the plan leaves an output folder that holds
// every file of its manifest as it is: nothing to render, nothing to
// remove.
func (p plan) unchanged() bool {
	if len(p.removed) > 0 {
		return false
	}
	for _, j := range p.jobs {
		if !j.keep {
			return false
		}
	}
	return true
}

// record is the folder in the cache for this site's output.
func (s *Site) record() string {
	return RecordDir(s.cfg.Cache, s.cfg.Out)
}

// execute carries out a plan through w on all cores and returns how many
// files it rendered or copied.
func (s *Site) execute(w writer, p plan) (int, diag.List) {
	var d diag.List
	for _, file := range p.removed {
		if err := w.remove(file); err != nil {
			d.Add(filepath.Join(s.cfg.Out, file), 0, 0, "%v", err)
		}
	}
	var jobs []job
	for _, j := range p.jobs {
		if !j.keep || w.keep(j.file) != nil {
			jobs = append(jobs, j)
		}
	}
	if len(d) > 0 {
		return 0, d
	}
	hashes := make([]uint64, len(jobs))
	var mu sync.Mutex
	var done atomic.Int64
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf bytes.Buffer
			var local diag.List
			for i := range work {
				hash, jd := s.produce(w, jobs[i], &buf)
				if len(jd) > 0 {
					local.Append(jd)
					continue
				}
				hashes[i] = hash
				if n := done.Add(1); s.cfg.Progress != nil {
					s.cfg.Progress(int(n), len(jobs))
				}
			}
			mu.Lock()
			d.Append(local)
			mu.Unlock()
		})
	}
	for i := range jobs {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, j := range jobs {
		p.files[j.file] = entry{Fingerprint: j.fp, Hash: hashes[i]}
	}
	return len(jobs), d
}

// produce renders or copies job j through w, using buf, and returns the
// content.Hash of what it wrote.
func (s *Site) produce(w writer, j job, buf *bytes.Buffer) (uint64, diag.List) {
	var d diag.List
	r := j.r
	failed := func(err error) (uint64, diag.List) {
		d.Add(filepath.Join(s.cfg.Out, filepath.FromSlash(j.file)), 0, 0, "%v", err)
		return 0, d
	}
	if j.page != nil && render.Streams(*j.page) {
		hash, err := w.stream(j.file, func(out io.Writer) error {
			d = r.Render(out, *j.page)
			return d.Err()
		})
		if len(d) > 0 {
			return 0, d
		}
		if err != nil {
			return failed(err)
		}
		return hash, nil
	}
	buf.Reset()
	if j.page != nil {
		if d := r.Render(buf, *j.page); len(d) > 0 {
			return 0, d
		}
	} else {
		data, err := content.ReadFile(j.src)
		if err != nil {
			d.Add(j.src, 0, 0, "%v", err)
			return 0, d
		}
		buf.Write(data)
	}
	hash, err := w.write(j.file, buf.Bytes())
	if err != nil {
		return failed(err)
	}
	return hash, nil
}

// Summary is the one line a build prints.
func (r Result) Summary() string {
	return fmt.Sprintf("%d topics, %d pages, %d written in %s", r.Topics, r.Pages, r.Written, r.Duration.Round(time.Millisecond))
}
