// Package content reads the glossary's Markdown files into typed values.
//
// A topic is one .md file anywhere under the content folder. It starts with
// front matter (YAML between ---, TOML between +++, or JSON) and continues
// with up to six sections, each a level-2 heading recognised by its text:
//
//	## Definition                              (required)
//	## Structural Characteristics
//	## Parameters & Conditions
//	## Topic Relationships
//	## Exceptions, Limitations & Boundaries
//	## FAQ                                     (### question, then its answer)
//
// Parse returns the Topic (everything later stages need to know about the
// file, small enough to keep 100,000 of them in memory) and the Document
// (the parsed body, for rendering, dropped after use). Every problem is a
// diag.Diagnostic at the line of the offending key, heading or link.
// content/_index.md holds the site settings; see ParseSettings.
package content

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"glossary/generator/internal/diag"
	"glossary/generator/internal/markdown"
)

// DefaultCategory is the kicker of topics that name no category.
const DefaultCategory = "Insurance Topic"

// Section identifies one of the six standard sections.
type Section int

// The sections, in the order a topic page shows them.
const (
	Definition Section = iota
	Structural
	Parameters
	Relationships
	Exceptions
	FAQ
	NumSections
)

var sectionInfo = [NumSections]struct{ title, id string }{
	{"Definition", "definition"},
	{"Structural Characteristics", "structural-characteristics"},
	{"Parameters & Conditions", "parameters-and-conditions"},
	{"Topic Relationships", "topic-relationships"},
	{"Exceptions, Limitations & Boundaries", "exceptions-limitations-and-boundaries"},
	{"FAQ", "faq"},
}

// Title is the section's canonical heading.
func (s Section) Title() string { return sectionInfo[s].title }

// ID is the section's anchor on the topic page.
func (s Section) ID() string { return sectionInfo[s].id }

// NotesID is the anchor of a topic's footnotes, shown after its sections.
const NotesID = "notes"

// SourcesID is the anchor of a topic's list of sources.
const SourcesID = "sources"

// ReservedIDs are element IDs the page templates use; heading IDs in the
// body never take them, so every anchor on a page is unique.
var ReservedIDs = func() []string {
	ids := []string{"top", "main", "toc", "breadcrumb", "search", "search-input", "search-results",
		"related-topics", "links-to", "linked-from", "site-header", "site-footer", "updated", "term", NotesID,
		"broader-terms", "narrower-terms", "compare-terms", SourcesID}
	for s := range NumSections {
		ids = append(ids, s.ID())
	}
	return ids
}()

// Topic is what the glossary knows about one file.
type Topic struct {
	// Path is the file's path as the user named it (content folder joined
	// with Rel), used in every diagnostic.
	Path string
	// Rel is the slash-separated path below the content folder, the key
	// by which relative .md links find the topic.
	Rel string

	// Lang is the language of a translation ("fr"), empty for a topic
	// in the default language. Key pairs a translation with its
	// original: the original's path below content/ (deductible.md), or
	// "key:" and their translation_key.
	Lang string
	Key  string

	Slug     string
	Title    string
	Summary  string
	Category string
	Aliases  []string
	Tags     []string
	Related  []Ref
	Updated  string // YYYY-MM-DD, or empty
	Draft    bool
	// Autolink is false when the editor opted this topic out of
	// automatic linking of other topics' names.
	Autolink bool
	// Broader are the terms this one is a kind of; Compare the terms it
	// is easily confused with. Both are slugs, as related.
	Broader []Ref
	Compare []Ref
	// Sources are the works that define or explain the term.
	Sources []Source
	// Status is the term's lifecycle stage: StatusProposed,
	// StatusApproved (the default) or StatusDeprecated.
	Status string
	// ReplacedBy is the slug of the topic that replaces a deprecated
	// term, ReplacedByAt where it is written.
	ReplacedBy   string
	ReplacedByAt Pos
	// Reviewed is when a subject expert last checked the definition,
	// YYYY-MM-DD, or empty.
	Reviewed string
	// MovedFrom are slugs the topic was published under before: each
	// gets a page that redirects to this one.
	MovedFrom []Ref
	// Forms are further spellings auto-linking matches (an irregular
	// plural, say); they are never shown.
	Forms []string

	// KeyLines holds the line of each front matter key, for diagnostics
	// that later stages report (a duplicate title, say).
	KeyLines map[string]int
	// HasSection tells which sections the body has.
	HasSection [NumSections]bool
	// Questions are the FAQ questions in order.
	Questions []string
	// Anchors are the IDs a link may name after #.
	Anchors map[string]bool
	// Links are the links in the body, in order.
	Links []Link
	// Images are the images in the body, in order.
	Images []Image
	// Definition is the Definition section as plain text, for search.
	Definition string
	// Lead is the first paragraph of Definition as plain text: the scope
	// note of the exports.
	Lead string
	// Hash identifies the file's bytes; a changed hash means re-render.
	Hash uint64
	// BodyStart is the byte offset of the body, BodyLine the number of
	// lines before it: rendering parses the body alone.
	BodyStart, BodyLine int
	// Autolinks are the auto-links found in the body, by body offset, so
	// rendering makes them again without searching.
	Autolinks []markdown.Match
}

// Ref is a name in front matter with its line, such as a related slug.
type Ref struct {
	Name      string
	Line, Col int
}

// LinkKind tells how a link names its target.
type LinkKind int

const (
	// FileLink is a relative Markdown link to another .md file.
	FileLink LinkKind = iota
	// WikiLink is [[Title]], [[alias]] or [[slug]].
	WikiLink
	// AnchorLink is #id within the same page.
	AnchorLink
)

// Link is one link between topics, before resolution.
type Link struct {
	Kind LinkKind
	// Target is the cleaned path below the content folder for FileLink,
	// the written name for WikiLink, empty for AnchorLink.
	Target   string
	Fragment string
	Line     int
	Col      int
}

// Document is a parsed body, ready to render.
type Document struct {
	Src   []byte // the body: positions in the AST are offsets into it
	Root  ast.Node
	Lines *diag.Lines
	// Sections holds each section's blocks, without its heading.
	Sections [NumSections][]ast.Node
	// Questions holds the FAQ: each question heading and its answer blocks.
	Questions []Question
	// Notes is the list of footnotes, or nil.
	Notes ast.Node

	present [NumSections]bool
}

// Question is one FAQ entry.
type Question struct {
	Heading *ast.Heading
	Answer  []ast.Node
}

var topicKeys = []string{"title", "summary", "category", "aliases", "tags", "related",
	"broader", "compare", "sources", "updated", "draft", "slug", "autolink",
	"status", "replaced_by", "reviewed", "moved_from", "forms", "translation_key"}

var slugRe = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidSlug reports whether s may be used as a slug.
func ValidSlug(s string) bool { return slugRe.MatchString(s) }

// Parse reads one topic file. rel is its slash-separated path below the
// content folder; path is how diagnostics name it. It does no
// auto-linking; see ParseHeader and ParseBody for the two-phase reading
// that does.
func Parse(md *markdown.Markdown, path, rel string, src []byte) (*Topic, *Document, diag.List) {
	t, d := ParseHeader(nil, path, rel, src)
	if t.BodyStart < 0 {
		return t, nil, d
	}
	doc, bd := ParseBody(md, nil, nil, t, src)
	d.Append(bd)
	return t, doc, d
}

// ParseHeader reads a topic's front matter: everything about it that does
// not need the body. A negative BodyStart means the file has no usable
// body (no or unclosed front matter); the diagnostics say why. ls tells
// a translation by its file name (nil: a site in one language).
func ParseHeader(ls *Languages, path, rel string, src []byte) (*Topic, diag.List) {
	var d diag.List
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	t := &Topic{Path: path, Rel: rel, Hash: Hash(src), Autolink: true}
	lang, stem := ls.split(rel)
	t.Lang, t.Key = lang, stem+".md"
	if !utf8.Valid(src) {
		// Text in another encoding (Windows-1252, say): every later
		// message would be about garbage, so this is the one to fix.
		line, col := invalidUTF8(src)
		d.Add(path, line, col, "the file is not valid UTF-8 here: save it as UTF-8")
		t.Slug, t.BodyStart = slugOf(stem), -1
		return t, d
	}

	fm := splitFrontMatter(path, src, &d)
	t.KeyLines = fm.keyLines
	if !fm.found && len(d) == 0 {
		d.Add(path, 1, 1, "missing front matter: a topic starts with a --- block holding at least title and summary")
	}
	if fm.values != nil {
		f := &fields{fm: fm, path: path, d: &d, seen: map[string]bool{}}
		t.Title = f.str("title")
		t.Summary = f.str("summary")
		t.Category = f.str("category")
		t.Aliases = f.list("aliases")
		t.Tags = f.list("tags")
		t.Related, t.Broader, t.Compare = f.refs("related"), f.refs("broader"), f.refs("compare")
		t.Sources = f.sources("sources")
		t.Updated = f.date("updated")
		t.Draft, _ = f.boolean("draft")
		if v, set := f.boolean("autolink"); set {
			t.Autolink = v
		}
		t.Slug = f.str("slug")
		if key := f.str("translation_key"); key != "" {
			t.Key = "key:" + key
		}
		f.lifecycle(t)
		f.unknown(topicKeys)
		for _, key := range []string{"title", "summary"} {
			v, present := fm.values[key]
			switch s, isText := v.(string); {
			case !present:
				d.Add(path, 1, 1, "missing required front matter key %q", key)
			case isText && strings.TrimSpace(s) == "":
				f.errorAt(key, "%s is empty", key)
			} // nothing, or a value of another type: f.str has reported it
		}
		if strings.ContainsAny(t.Summary, "\n") {
			f.errorAt("summary", "summary must be one sentence on one line")
		}
		if t.Slug != "" && !ValidSlug(t.Slug) {
			f.errorAt("slug", "slug %q may hold only lowercase letters, digits and single hyphens", t.Slug)
			t.Slug = ""
		}
	}
	if t.Category == "" {
		t.Category = DefaultCategory
	}
	if t.Slug == "" {
		t.Slug = slugOf(stem)
		if !ValidSlug(t.Slug) {
			hint := "rename the file or set slug"
			if strings.Count(slugOf(stem), ".") == 1 {
				// deductible.fr.md on a site that does not list fr.
				hint += "; for a translation, list its language under languages in " + SettingsFile
			}
			d.Add(path, 1, 1, "file name %q does not make a valid slug (lowercase letters, digits, hyphens): %s", path, hint)
		}
	}
	t.BodyStart, t.BodyLine = fm.bodyStart, fm.bodyLine
	if !fm.found && len(d) > 0 {
		// Without front matter the whole file would be read as body and
		// repeat every problem, and with an unclosed one there is no body:
		// the header's own problem says enough.
		t.BodyStart = -1
	}
	return t, d
}

// ParseBody completes a topic read by ParseHeader from the same src: its
// sections, FAQ, anchors and links. With a Linker (and unless the topic
// opted out), the first mention of another topic's name in each section
// becomes a link. ParseBody is also how rendering gets the Document again;
// if src is no longer what t was read from, the file changed since, and it
// is read whole.
func ParseBody(md *markdown.Markdown, ls *Languages, linker *markdown.Linker, t *Topic, src []byte) (*Document, diag.List) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if Hash(src) != t.Hash || t.BodyStart < 0 || t.BodyStart > len(src) {
		nt, d := ParseHeader(ls, t.Path, t.Rel, src)
		if nt.BodyStart < 0 {
			return nil, d
		}
		doc, bd := ParseBody(md, ls, linker, nt, src)
		d.Append(bd)
		*t = *nt
		return doc, d
	}
	var d diag.List
	path, rel := t.Path, t.Rel
	doc := parseBody(md, ls.Words(t.Lang), src[t.BodyStart:], t.BodyLine, path, rel, t.Title, &d)
	t.Autolinks = nil
	if linker != nil && t.Autolink {
		doc.autolink(linker, t)
	}
	t.HasSection, t.Anchors, t.Links = doc.has(), doc.anchors(), doc.links(path, rel, &d)
	t.Images = doc.images(path, rel, &d)
	t.Questions = nil
	for _, q := range doc.Questions {
		t.Questions = append(t.Questions, markdown.PlainText(q.Heading, doc.Src))
	}
	t.Definition = excerpt(doc, Definition, 600)
	t.Lead = lead(doc, Definition)
	if !t.HasSection[Definition] {
		d.Add(path, t.BodyLine+1, 1, "missing required section \"## %s\"", ls.Words(t.Lang).Sections[Definition][0])
	}
	return doc, d
}

// Reparse parses the body of a loaded topic again, for rendering, making
// the auto-links found when it was loaded. If src is no longer what t was
// read from, the file changed since: it is parsed whole, without
// auto-links, and the rebuild that the change triggers will follow.
func Reparse(md *markdown.Markdown, ls *Languages, t *Topic, src []byte) (*Document, diag.List) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if Hash(src) != t.Hash || t.BodyStart < 0 || t.BodyStart > len(src) {
		nt, d := ParseHeader(ls, t.Path, t.Rel, src)
		if nt.BodyStart < 0 {
			return nil, d
		}
		doc, bd := ParseBody(md, ls, nil, nt, src)
		d.Append(bd)
		return doc, d
	}
	var d diag.List
	doc := parseBody(md, ls.Words(t.Lang), src[t.BodyStart:], t.BodyLine, t.Path, t.Rel, t.Title, &d)
	markdown.ApplyMatches(doc.Root, doc.Src, t.Autolinks)
	return doc, d
}

// invalidUTF8 returns the line and column of the first byte of src that
// is not UTF-8.
func invalidUTF8(src []byte) (int, int) {
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// SlugFromFile is the default slug: the file name without its extension.
func SlugFromFile(rel string) string {
	return strings.TrimSuffix(path.Base(rel), path.Ext(rel))
}

// lead is the first paragraph of a section as plain text, or its first
// block when it has no paragraph (a definition that is one list).
func lead(doc *Document, s Section) string {
	blocks := doc.Sections[s]
	for _, n := range blocks {
		if n.Kind() == ast.KindParagraph {
			return markdown.PlainText(n, doc.Src)
		}
	}
	if len(blocks) > 0 {
		return markdown.PlainText(blocks[0], doc.Src)
	}
	return ""
}

func excerpt(doc *Document, s Section, limit int) string {
	var b strings.Builder
	for _, n := range doc.Sections[s] {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(markdown.PlainText(n, doc.Src))
		if b.Len() >= limit {
			break
		}
	}
	out := b.String()
	if len(out) > limit {
		cut := strings.LastIndexByte(out[:limit], ' ')
		if cut < limit/2 {
			cut = limit
		}
		out = strings.ToValidUTF8(out[:cut], "") + "…"
	}
	return out
}
