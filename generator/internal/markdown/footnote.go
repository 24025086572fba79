package markdown

import (
	"bytes"
	"html"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"glossary/generator/internal/diag"
)

// Footnotes are goldmark's extension: [^label] in the text, "[^label]: the
// note" on a line of its own, numbered in order of first reference. It
// forgives mistakes silently: a reference without a definition stays in
// the page as literal text, a definition never referenced disappears. Here
// both are problems, and the references and back-references carry names a
// screen reader can say ("Note 1", "Back to reference 1") instead of a
// bare number and an arrow.

// KindMissingFootnote is the node kind of MissingFootnote.
var KindMissingFootnote = ast.NewNodeKind("MissingFootnote")

// MissingFootnote is a [^label] reference that no definition answers.
type MissingFootnote struct {
	ast.BaseInline
	Label string
}

// Kind implements ast.Node.
func (n *MissingFootnote) Kind() ast.NodeKind { return KindMissingFootnote }

// Dump implements ast.Node.
func (n *MissingFootnote) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.Label}, nil)
}

// Notes returns the list of footnotes of a parsed document, which goldmark
// puts after everything else, or nil.
func Notes(root ast.Node) ast.Node {
	if last := root.LastChild(); last != nil && last.Kind() == extast.KindFootnoteList {
		return last
	}
	return nil
}

type footnoteChecks struct{}

func (footnoteChecks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		// After goldmark's footnote parser (101), which takes every
		// reference that has a definition, and before links (200), which
		// would read the rest as text.
		parser.WithInlineParsers(util.Prioritized(missingFootnoteParser{}, 102)),
		// Before goldmark's footnote transformer (999), which drops the
		// definitions never referenced.
		parser.WithASTTransformers(util.Prioritized(footnoteChecker{}, 998)),
	)
	// Before goldmark's footnote renderer (500), to replace it.
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(footnoteRenderer{}, 499)))
}

type missingFootnoteParser struct{}

func (missingFootnoteParser) Trigger() []byte { return []byte{'['} }

func (missingFootnoteParser) Parse(_ ast.Node, block text.Reader, _ parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("[^")) {
		return nil
	}
	end := bytes.IndexByte(line, ']')
	if end < 0 || len(bytes.TrimSpace(line[2:end])) == 0 || bytes.IndexByte(line[2:end], '[') >= 0 {
		return nil
	}
	block.Advance(end + 1)
	return &MissingFootnote{Label: string(line[2:end])}
}

type footnoteChecker struct{}

func (footnoteChecker) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	var labels []string
	var unused []*extast.Footnote
	var missing []*MissingFootnote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *extast.Footnote:
			labels = append(labels, string(n.Ref))
			if n.Index < 0 {
				unused = append(unused, n)
			}
		case *MissingFootnote:
			missing = append(missing, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range missing {
		report(pc, n.Pos(), "footnote [^%s] has no definition: add one on a line of its own, \"[^%s]: the note\"%s",
			n.Label, n.Label, diag.DidYouMean(n.Label, labels))
	}
	for _, n := range unused {
		report(pc, n.Pos(), "footnote [^%s] is defined but never referenced: cite it in the text with [^%s], or delete it", n.Ref, n.Ref)
	}
}

// footnoteRenderer writes references, back-references and the list of
// notes. The notes' IDs ("fn:1", "fnref:1") have a colon, which heading IDs
// never do, so they cannot collide.
type footnoteRenderer struct{}

func (footnoteRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(extast.KindFootnoteLink, renderNoteRef)
	reg.Register(extast.KindFootnoteBacklink, renderNoteBackref)
	reg.Register(extast.KindFootnoteList, renderNoteList)
	reg.Register(KindMissingFootnote, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(html.EscapeString("[^" + n.(*MissingFootnote).Label + "]"))
		}
		return ast.WalkContinue, nil
	})
}

// refID is the ID of the i-th (0-based) reference to note n.
func refID(n, i int) string {
	id := "fnref:" + strconv.Itoa(n)
	if i > 0 {
		id += ":" + strconv.Itoa(i+1)
	}
	return id
}

func renderNoteRef(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*extast.FootnoteLink)
		num := strconv.Itoa(n.Index)
		w.WriteString(`<sup class="fnref"><a id="` + refID(n.Index, n.RefIndex) + `" href="#fn:` + num +
			`" role="doc-noteref" aria-label="Note ` + num + `">` + num + `</a></sup>`)
	}
	return ast.WalkContinue, nil
}

func renderNoteBackref(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*extast.FootnoteBacklink)
		num := strconv.Itoa(n.Index)
		label, mark := "Back to reference "+num, "↩\ufe0e"
		if n.RefCount > 1 {
			// One arrow per reference, numbered as they come in the text.
			k := strconv.Itoa(n.RefIndex + 1)
			label, mark = label+"-"+k, mark+"<sup>"+k+"</sup>"
		}
		w.WriteString(` <a class="fnback" href="#` + refID(n.Index, n.RefIndex) + `" role="doc-backlink" aria-label="` +
			label + `">` + mark + `</a>`)
	}
	return ast.WalkContinue, nil
}

func renderNoteList(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<ol class=\"footnotes\">\n")
	} else {
		w.WriteString("</ol>\n")
	}
	return ast.WalkContinue, nil
}
