package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// images renders images as goldmark does, except that it lets through the
// attributes the glossary sets on them (see render): size, loading hints
// and aria-hidden for decorative images, which goldmark's filter drops. An
// address that could run code is never written: images are files of the
// site, whatever unsafe_html says.
type images struct{}

func (images) Extend(m goldmark.Markdown) {
	// Before goldmark's own renderer (1000), to replace it for images.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(images{}, 999)))
}

var imageAttributes = html.ImageAttributeFilter.ExtendString("aria-hidden")

func (images) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*ast.Image)
		w.WriteString(`<img src="`)
		if dest := util.URLEscape(n.Destination, true); !html.IsDangerousURL(dest) {
			w.Write(util.EscapeHTML(dest))
		}
		w.WriteString(`" alt="`)
		writeTexts(w, src, n)
		w.WriteByte('"')
		if n.Title != nil {
			w.WriteString(` title="`)
			html.DefaultWriter.Write(w, n.Title)
			w.WriteByte('"')
		}
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, imageAttributes)
		}
		w.WriteByte('>')
		return ast.WalkSkipChildren, nil
	})
}

// writeTexts writes the text below n, escaped for an attribute: an image's
// alt text.
func writeTexts(w util.BufWriter, src []byte, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			html.DefaultWriter.Write(w, t.Segment.Value(src))
		case *ast.String:
			html.DefaultWriter.Write(w, t.Value)
		case *WikiLink:
			w.Write(util.EscapeHTML([]byte(t.Label)))
		default:
			writeTexts(w, src, c)
		}
	}
}
