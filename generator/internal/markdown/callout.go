package markdown

import (
	"html"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"glossary/generator/internal/diag"
)

// Callouts are GitHub's alerts: a quote whose first line is "[!NOTE]" (or
// another kind, in any case) is set apart with the kind's title, icon and
// colour, so a topic reads the same on GitHub and in the glossary. The
// glossary adds EXAMPLE, for the worked examples definitions lean on, and
// an optional plain-text title after the marker ("> [!EXAMPLE] A $50,000
// loss"), which GitHub shows as an ordinary quote.

// CalloutKind is one kind of callout.
type CalloutKind struct {
	// Name is the marker's word, "NOTE" in "[!NOTE]".
	Name string
	// Label is the title a reader sees.
	Label string
	icon  string // the paths of a 16×16 stroked SVG icon
}

// CalloutKinds are the kinds a callout may have, in the order GitHub lists
// them, then EXAMPLE.
var CalloutKinds = []CalloutKind{
	{"NOTE", "Note", `<circle cx="8" cy="8" r="6.25"/><path d="M8 7.25v4M8 4.75v.01"/>`},
	{"TIP", "Tip", `<path d="M6 14.25h4M6.25 12h3.5M6.25 12c0-1.5-2.5-2.6-2.5-5.25a4.25 4.25 0 0 1 8.5 0c0 2.65-2.5 3.75-2.5 5.25"/>`},
	{"IMPORTANT", "Important", `<path d="M2.25 2.75h11.5v8h-6l-3 2.75v-2.75h-2.5z"/><path d="M8 5v2.5M8 9.25v.01"/>`},
	{"WARNING", "Warning", `<path d="M8 2l6.75 11.75H1.25z"/><path d="M8 6.25v3.5M8 11.5v.01"/>`},
	{"CAUTION", "Caution", `<path d="M5.25 1.75h5.5l3.5 3.5v5.5l-3.5 3.5h-5.5l-3.5-3.5v-5.5z"/><path d="M8 4.75v3.75M8 10.75v.01"/>`},
	{"EXAMPLE", "Example", `<path d="M10.5 2.25l3.25 3.25-8 8H2.5v-3.25z"/><path d="M9 3.75l3.25 3.25"/>`},
}

func calloutKind(name string) (CalloutKind, bool) {
	for _, k := range CalloutKinds {
		if strings.EqualFold(k.Name, name) {
			return k, true
		}
	}
	return CalloutKind{}, false
}

// KindCallout is the node kind of Callout.
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a quote that became a callout; its children are the quote's
// blocks without the marker line.
type Callout struct {
	ast.BaseBlock
	Of CalloutKind
	// Title is the text after the marker, if any.
	Title string
}

// Kind implements ast.Node.
func (n *Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (n *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Of": n.Of.Name, "Title": n.Title}, nil)
}

type callouts struct{}

func (callouts) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(calloutTransformer{}, 500)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(calloutRenderer{}, 500)))
}

// calloutMarker matches a quote's first line that is meant as a callout:
// "[!" and a word, which must then be a known kind.
var calloutMarker = regexp.MustCompile(`^\[!([A-Za-z][A-Za-z0-9_-]*)\]`)

type calloutTransformer struct{}

func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	for _, q := range quotes {
		p, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || p.Lines().Len() == 0 {
			continue
		}
		first := p.Lines().At(0)
		m := calloutMarker.FindSubmatch(first.Value(src))
		if m == nil {
			continue
		}
		kind, ok := calloutKind(string(m[1]))
		if !ok {
			names := make([]string, len(CalloutKinds))
			for i, k := range CalloutKinds {
				names[i] = k.Name
			}
			report(pc, first.Start, "unknown callout kind %q: use one of %s%s", m[1], strings.Join(names, ", "),
				diag.DidYouMean(strings.ToUpper(string(m[1])), names))
			continue
		}
		c := &Callout{Of: kind, Title: strings.TrimSpace(strings.TrimPrefix(takeFirstLine(p, first, src), string(m[0])))}
		if !p.HasChildren() {
			q.RemoveChild(q, p)
		}
		c.SetPos(q.Pos())
		// Positions of the callout are those of its marker line.
		c.Lines().Append(first)
		for q.FirstChild() != nil {
			c.AppendChild(c, q.FirstChild())
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
	}
}

// takeFirstLine removes from paragraph p the inline nodes of its first line
// and returns their text.
func takeFirstLine(p *ast.Paragraph, first text.Segment, src []byte) string {
	line := ast.NewParagraph()
	for c := p.FirstChild(); c != nil; {
		next := c.NextSibling()
		if off, ok := inlineStart(c); ok && off >= first.Stop {
			break
		}
		p.RemoveChild(p, c)
		line.AppendChild(line, c)
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
			break
		}
		c = next
	}
	return PlainText(line, src)
}

// inlineStart is the source offset where an inline node's text starts.
func inlineStart(n ast.Node) (int, bool) {
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start, true
		}
	}
	return 0, false
}

type calloutRenderer struct{}

func (calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
		n := node.(*Callout)
		w.WriteString(`<div class="callout callout-` + strings.ToLower(n.Of.Name) + `" role="note">` + "\n" +
			`<p class="callout-title"><svg class="callout-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"` +
			` fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round">` +
			n.Of.icon + `</svg>` + n.Of.Label)
		if n.Title != "" {
			w.WriteString(": " + html.EscapeString(n.Title))
		}
		w.WriteString("</p>\n")
		return ast.WalkContinue, nil
	})
}
