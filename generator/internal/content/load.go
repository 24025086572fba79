package content

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"glossary/generator/internal/diag"
	"glossary/generator/internal/i18n"
	"glossary/generator/internal/markdown"
)

// Settings are the site-wide values from content/_index.md.
type Settings struct {
	Path        string
	Title       string
	Description string
	BaseURL     string // absolute, ending in "/", or empty
	Language    string
	// License is the licence the glossary is published under, as the
	// editor wrote it: an SPDX id (CC-BY-4.0) or an http(s) URL, or empty.
	// LicenseURL is the address that names it, for links and exports.
	License, LicenseURL string
	// UnsafeHTML lets raw HTML in Markdown through to pages.
	UnsafeHTML bool
	// Autolink links the first mention of other topics' names.
	Autolink bool
	// Exports writes the glossary as data files (package export) where
	// the site has a BaseURL; a site may leave them out.
	Exports bool
	// Intro is the home page introduction (Markdown) and its links.
	Intro       []byte
	IntroLine   int
	IntroLinks  []Link
	IntroImages []Image
	Hash        uint64
	// Languages are the site's languages, the default first, as the
	// languages key lists them; nil for a site in one language.
	Languages []SiteLanguage
	// Categories and Tags give groups a display name and description,
	// by the name topics write in category and tags.
	Categories, Tags map[string]GroupText
}

// SiteLanguage is one language the glossary is published in.
type SiteLanguage struct {
	Code, Name string
	// Prefix is where its pages are, below the site root: "" for the
	// default language, "fr/" for French.
	Prefix string
	// Settings are its own title, description and introduction, from
	// _index.<code>.md; nil where the file is missing (the default
	// language's are the site's).
	Settings *Settings
}

// GroupText is what a category or tag is called, and what it holds.
type GroupText struct {
	Name, Description string
}

var settingsKeys = []string{"title", "description", "base_url", "language", "languages", "license", "unsafe_html", "autolink", "exports", "categories", "tags"}

// languageKeys are the keys of _index.<code>.md.
var languageKeys = []string{"title", "description", "categories", "tags"}

// SettingsFile is the name of the settings file in the content folder.
const SettingsFile = "_index.md"

// ParseSettings reads _index.md. A missing file gives the defaults.
func ParseSettings(md *markdown.Markdown, file string, src []byte) (Settings, diag.List) {
	var d diag.List
	s := Settings{Path: file, Title: "Insurance Glossary", Language: "en", Autolink: true, Exports: true}
	if src == nil {
		return s, nil
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	fm := splitFrontMatter(file, src, &d)
	if fm.values != nil {
		f := &fields{fm: fm, path: file, d: &d, seen: map[string]bool{}}
		s.readTexts(f)
		if v := f.str("language"); v != "" {
			s.Language = v
		}
		if langs := f.languages("languages"); len(langs) > 0 {
			if _, set := fm.values["language"]; set {
				f.errorAt("language", "language and languages are both set: languages replaces language; remove language")
			}
			s.Language, s.Languages = langs[0].Code, langs
		}
		s.UnsafeHTML, _ = f.boolean("unsafe_html")
		if v, set := f.boolean("autolink"); set {
			s.Autolink = v
		}
		if v, set := f.boolean("exports"); set {
			s.Exports = v
		}
		if base := f.str("base_url"); base != "" {
			u, err := url.Parse(base)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				f.errorAt("base_url", "base_url %q must be an absolute http(s) address such as https://example.org/glossary/", base)
			} else {
				if !strings.HasSuffix(u.Path, "/") {
					u.Path += "/"
				}
				s.BaseURL = u.String()
			}
		}
		if v := f.str("license"); v != "" {
			if id, u, msg := license(v); msg != "" {
				f.errorAt("license", "%s", msg)
			} else {
				s.License, s.LicenseURL = id, u
			}
		}
		f.unknown(settingsKeys)
	}
	s.readIntro(md, file, SettingsFile, src, fm, &d)
	s.Hash = Hash(src)
	return s, d
}

// readIntro takes the home page introduction, the body of a settings
// file (rel below content/), with its links and images.
func (s *Settings) readIntro(md *markdown.Markdown, file, rel string, src []byte, fm frontMatter, d *diag.List) {
	s.Intro = src[fm.bodyStart:]
	s.IntroLine = fm.bodyLine
	doc := newDocument(md, s.Intro, fm.bodyLine, file, d)
	s.IntroLinks = doc.links(file, rel, d)
	s.IntroImages = doc.images(file, rel, d)
}

// spdxIDs are the SPDX License List's identifiers (spdx.txt, from the
// list's version 3.24): reuse needs a licence that tools recognise, so an
// id must be one of them.
//
//go:embed spdx.txt
var spdxList string

var spdxIDs = strings.Fields(spdxList)

// license checks a license setting: an SPDX id, matched in any case and
// returned as the list spells it, or an absolute http(s) URL. It returns
// the value, the URL that names it, or a message saying what is wrong.
func license(v string) (id, u, msg string) {
	if strings.Contains(v, ":") {
		p, err := url.Parse(v)
		// An address has no spaces, quotes or brackets: the exports name
		// it as an IRI, which may not hold them.
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || strings.ContainsAny(v, " \"<>\\^`{|}") {
			return "", "", fmt.Sprintf("license %q must be an SPDX id such as CC-BY-4.0 or an absolute http(s) address", v)
		}
		return v, p.String(), ""
	}
	for _, known := range spdxIDs {
		if strings.EqualFold(known, v) {
			return known, "https://spdx.org/licenses/" + known + ".html", ""
		}
	}
	return "", "", fmt.Sprintf("license %q is not an SPDX license id%s; use one from https://spdx.org/licenses/ or the licence's URL", v, diag.DidYouMean(v, spdxIDs))
}

// IsTopicFile reports whether a name below the content folder is a topic:
// a .md file that is not hidden, not _-prefixed and not an editor's
// temporary file.
func IsTopicFile(name string) bool {
	return strings.HasSuffix(name, ".md") && !Ignored(name)
}

// Ignored reports names that are never content: hidden and _-prefixed
// names and editors' backup, swap and lock files.
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
		strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") ||
		strings.HasSuffix(name, ".swx") || strings.HasSuffix(name, ".tmp") ||
		(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"))
}

// Files lists the topic files under root as slash-separated paths below
// it, sorted. Symbolic links are followed only when they stay inside
// root.
func Files(root string) ([]string, diag.List) {
	var d diag.List
	var out []string
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		d.Add(root, 0, 0, "content folder: %v", errors.Unwrap(err))
		return nil, d
	}
	// The trailing separator makes WalkDir enter a content folder that is
	// itself a symbolic link.
	start := filepath.Clean(root) + string(filepath.Separator)
	err = filepath.WalkDir(start, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			d.Add(p, 0, 0, "%v", errors.Unwrap(err))
			return nil
		}
		if p == start {
			return nil
		}
		name := e.Name()
		if Ignored(name) {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.Type()&fs.ModeSymlink != 0 {
			real, err := filepath.EvalSymlinks(p)
			if err != nil || !inside(realRoot, real) {
				d.Add(p, 0, 0, "symbolic link points outside the content folder; it is not followed")
				return nil
			}
			if info, err := os.Stat(p); err == nil && info.IsDir() {
				d.Add(p, 0, 0, "symbolic link to a folder is not followed; move the folder here instead")
				return nil
			}
		} else if e.IsDir() {
			return nil
		}
		if !IsTopicFile(name) {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		d.Add(root, 0, 0, "%v", err)
	}
	return out, d
}

func inside(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// Loaded is the result of reading one file's header.
type Loaded struct {
	Topic *Topic
	Diags diag.List
}

// LoadHeaders reads the front matter of every file in rels (below root)
// on all cores: the first of the two phases of loading, which gathers the
// names auto-linking needs. Results keep rels' order.
func LoadHeaders(ls *Languages, root string, rels []string) []Loaded {
	out := make([]Loaded, len(rels))
	parallel(len(rels), func(i int) {
		p := filepath.Join(root, filepath.FromSlash(rels[i]))
		src, err := ReadFile(p)
		if err != nil {
			out[i].Diags.Add(p, 0, 0, "%v", unwrapPath(err))
			return
		}
		out[i].Topic, out[i].Diags = ParseHeader(ls, p, rels[i], src)
	})
	return out
}

// LoadBodies completes topics read by LoadHeaders: the second phase. Each
// file is read again (from the page cache, in practice) rather than kept
// in memory between the phases. linkers gives each language's Linker
// ("" the default language's), or nil.
func LoadBodies(md *markdown.Markdown, ls *Languages, linkers func(lang string) *markdown.Linker, topics []*Topic) []diag.List {
	out := make([]diag.List, len(topics))
	parallel(len(topics), func(i int) {
		t := topics[i]
		if t.BodyStart < 0 {
			return
		}
		src, err := ReadFile(t.Path)
		if err != nil {
			out[i].Add(t.Path, 0, 0, "%v", unwrapPath(err))
			return
		}
		var linker *markdown.Linker
		if linkers != nil {
			linker = linkers(t.Lang)
		}
		_, out[i] = ParseBody(md, ls, linker, t, src)
	})
	return out
}

// parallel calls f(0..n-1) on all cores.
func parallel(n int, f func(int)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range work {
				f(i)
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Hash is the 64-bit FNV-1a hash the generator identifies contents by:
// files read, pages written.
func Hash(b []byte) uint64 {
	h := NewHasher()
	h.Write(b)
	return uint64(h)
}

// Hasher computes Hash over a stream: a file written piece by piece has
// the hash its bytes would have had whole.
type Hasher uint64

// NewHasher returns a Hasher that has seen nothing.
func NewHasher() Hasher { return 14695981039346656037 }

// Write adds b; it never fails.
func (h *Hasher) Write(b []byte) (int, error) {
	*h = hashMore(*h, b)
	return len(b), nil
}

// WriteString adds s; it never fails.
func (h *Hasher) WriteString(s string) (int, error) {
	*h = hashMore(*h, s)
	return len(s), nil
}

func hashMore[T string | []byte](h Hasher, b T) Hasher {
	for i := 0; i < len(b); i++ {
		h ^= Hasher(b[i])
		h *= 1099511628211
	}
	return h
}

// NewLinker indexes the titles, aliases and forms of the topics in one
// language (lang: "" for the default, else a translation's code) for
// auto-linking, with that language's inflections. The names of a
// deprecated term link to the term that replaces it. It also returns a
// hash of all that: when it changes, every topic's auto-links may change.
func NewLinker(topics []*Topic, drafts bool, ls *Languages, lang string) (*markdown.Linker, uint64) {
	code := lang
	if code == "" {
		code = "en"
		if ls != nil {
			code = ls.Default
		}
	}
	// A translation's links name its original's file: that file counts
	// as a mention of the translation.
	originals := map[string]string{}
	if lang != "" {
		for _, t := range topics {
			if t != nil && t.Lang == "" {
				originals[t.Key] = t.Rel
			}
		}
	}
	published := func(t *Topic) bool { return t != nil && t.Lang == lang && !(t.Draft && !drafts) && t.Title != "" }
	bySlug := make(map[string]*Topic, len(topics))
	for _, t := range topics {
		if published(t) {
			bySlug[t.Slug] = t
		}
	}
	n := markdown.Names{Names: map[string]string{}, Forms: map[string]string{}, Files: map[string]string{},
		Inflect: i18n.Inflections(code), Elisions: i18n.Elisions(code)}
	keys := []string{"\x00" + code}
	add := func(to map[string]string, kind, name, target string) {
		k := strings.ToLower(name)
		if _, dup := to[k]; !dup {
			to[k] = target
			keys = append(keys, kind+"\x00"+k+"\x00"+target)
		}
	}
	for _, t := range topics {
		if !published(t) {
			continue
		}
		n.Files[t.Rel] = t.Title
		keys = append(keys, t.Rel+"\x00"+t.Title)
		if orig, ok := originals[t.Key]; ok {
			n.Files[orig] = t.Title
			keys = append(keys, orig+"\x00"+t.Title)
		}
		target := t.Title
		if r := bySlug[t.ReplacedBy]; t.Status == StatusDeprecated && r != nil {
			target = r.Title
		}
		for _, name := range append([]string{t.Title}, t.Aliases...) {
			add(n.Names, "n", name, target)
		}
		for _, form := range t.Forms {
			add(n.Forms, "f", form, target)
		}
	}
	slices.Sort(keys)
	return markdown.NewLinker(n), Hash([]byte(strings.Join(keys, "\x01")))
}

// PagePath is where a topic's page is published, relative to the site
// root: a translation's under its language's folder.
func PagePath(t *Topic) string {
	if t.Lang != "" {
		return t.Lang + "/" + TopicPath(t.Slug)
	}
	return TopicPath(t.Slug)
}

// TopicPath is where the page of a topic in the default language is
// published, relative to the site root.
func TopicPath(slug string) string {
	if plainSlug(slug) {
		return "topics/" + slug + "/" // what path.Join makes of it, for less
	}
	return path.Join("topics", slug) + "/"
}

// plainSlug reports whether slug is letters, digits and hyphens only,
// which path.Join leaves as they are: a cheap test, as every link and
// export asks for a topic's path.
func plainSlug(slug string) bool {
	for i := 0; i < len(slug); i++ {
		if c := slug[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return slug != ""
}
