// Package markdown is the one configured Markdown dialect of the glossary:
// goldmark with GitHub's tables, strikethrough and alerts (callouts),
// footnotes, definition lists, heading IDs and [[wiki links]].
//
// Parse returns an AST whose positions are byte offsets into the source the
// caller passed, and the mistakes in the Markdown itself (a footnote never
// defined, a callout of no known kind) as Problems at offsets; the content
// package turns offsets into lines. Render writes HTML for any node of that
// AST, so callers can render one section at a time. A Markdown value is
// safe for concurrent use.
//
// Raw HTML in Markdown is dropped unless Options.UnsafeHTML is set, so an
// editor cannot put a script into a page by accident.
package markdown

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// Options select the dialect's switches.
type Options struct {
	// UnsafeHTML renders raw HTML blocks and inline tags as written.
	UnsafeHTML bool
}

// Markdown parses and renders the glossary's Markdown.
type Markdown struct {
	gm goldmark.Markdown
}

// New configures a Markdown.
func New(opts Options) *Markdown {
	var rOpts []renderer.Option
	if opts.UnsafeHTML {
		rOpts = append(rOpts, html.WithUnsafe())
	}
	gm := goldmark.New(
		// GFM without Linkify and task lists: bare URLs in prose are
		// rare in a glossary, and Linkify is a tenth of parsing time.
		goldmark.WithExtensions(extension.Table, extension.Strikethrough,
			extension.DefinitionList, extension.Footnote, footnoteChecks{}, callouts{}, images{}, wikiLinks{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(rOpts...),
	)
	return &Markdown{gm: gm}
}

// Parse parses src and returns its AST and the problems found, in source
// order. Heading IDs are unique within the document and never equal one of
// reserved, the IDs the page template uses itself.
func (m *Markdown) Parse(src []byte, reserved []string) (ast.Node, []Problem) {
	ids := &IDs{used: make(map[string]bool, len(reserved)+16)}
	for _, r := range reserved {
		ids.used[r] = true
	}
	ctx := parser.NewContext(parser.WithIDs(ids))
	root := m.gm.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	return root, problemsOf(ctx)
}

// Problem is a mistake in the Markdown at byte Offset of the source, with a
// message that says how to fix it.
type Problem struct {
	Offset  int
	Message string
}

var problemsKey = parser.NewContextKey()

// report records a problem found while parsing.
func report(pc parser.Context, offset int, format string, args ...any) {
	list, _ := pc.Get(problemsKey).([]Problem)
	pc.Set(problemsKey, append(list, Problem{Offset: offset, Message: fmt.Sprintf(format, args...)}))
}

func problemsOf(pc parser.Context) []Problem {
	list, _ := pc.Get(problemsKey).([]Problem)
	slices.SortStableFunc(list, func(a, b Problem) int { return cmp.Compare(a.Offset, b.Offset) })
	return list
}

// Render writes the HTML of n and its descendants.
func (m *Markdown) Render(w io.Writer, src []byte, n ast.Node) error {
	// Goldmark wraps a writer that is not buffered in a new 4 KB buffer on
	// every call, and a topic page renders block by block: a pooled one
	// saves that garbage.
	bw := bufWriters.Get().(*bufio.Writer)
	bw.Reset(w)
	err := m.gm.Renderer().Render(bw, src, n)
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	bw.Reset(nil)
	bufWriters.Put(bw)
	return err
}

var bufWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}

// IDs generates heading IDs: lowercase letters and digits of any script,
// words joined by hyphens, made unique with -1, -2... It implements
// parser.IDs.
type IDs struct {
	used map[string]bool
}

// Slugify turns heading text into the base form of its ID.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
			// "Insurer's" reads better as "insurers" than "insurer-s".
		default:
			dash = true
		}
	}
	return b.String()
}

// Generate implements parser.IDs.
func (s *IDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slugify(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *IDs) Put(value []byte) { s.used[string(value)] = true }

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// PlainText returns the text a reader sees in n's inline content, without
// markup: used for heading text, FAQ questions and excerpts.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *WikiLink:
			b.WriteString(t.Label)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		default:
			if c.Type() == ast.TypeBlock && b.Len() > 0 && c.PreviousSibling() != nil {
				b.WriteByte(' ')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
