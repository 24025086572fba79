package markdown

import (
	"bytes"
	"html"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindWikiLink is the node kind of [[wiki links]].
var KindWikiLink = ast.NewNodeKind("WikiLink")

// WikiLink is [[Target]] or [[Target|Label]]. Target names a topic by
// title, alias or slug; the build resolves it and sets Destination.
type WikiLink struct {
	ast.BaseInline
	Target string
	Label  string
	// Offset is the byte offset of the opening brackets in the source.
	Offset int
	// Destination is the resolved URL; empty renders the label as text.
	Destination string
	// Auto marks a link made by auto-linking rather than written.
	Auto bool
}

// Kind implements ast.Node.
func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

// Dump implements ast.Node.
func (n *WikiLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.Target, "Label": n.Label}, nil)
}

type wikiLinks struct{}

func (wikiLinks) Extend(m goldmark.Markdown) {
	// Before the standard link parser (200), which would otherwise read
	// the outer brackets as a link label.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(wikiParser{}, 199)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(wikiRenderer{}, 199)))
}

type wikiParser struct{}

func (wikiParser) Trigger() []byte { return []byte{'['} }

func (wikiParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[[")) {
		return nil
	}
	end := bytes.Index(line[2:], []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[2 : 2+end]
	if len(bytes.TrimSpace(inner)) == 0 || bytes.ContainsAny(inner, "[]\n") {
		return nil
	}
	target, label := inner, inner
	if i := bytes.IndexByte(inner, '|'); i >= 0 {
		target, label = inner[:i], inner[i+1:]
	}
	n := &WikiLink{
		Target: string(bytes.TrimSpace(target)),
		Label:  string(bytes.TrimSpace(label)),
		Offset: seg.Start,
	}
	if n.Label == "" {
		n.Label = n.Target
	}
	block.Advance(2 + end + 2)
	return n
}

type wikiRenderer struct{}

func (wikiRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindWikiLink, func(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*WikiLink)
		if n.Destination == "" {
			w.WriteString(html.EscapeString(n.Label))
			return ast.WalkSkipChildren, nil
		}
		w.WriteString(`<a href="`)
		w.WriteString(html.EscapeString(n.Destination))
		w.WriteString(`">`)
		w.WriteString(html.EscapeString(n.Label))
		w.WriteString(`</a>`)
		return ast.WalkSkipChildren, nil
	})
}
