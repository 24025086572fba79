package content

import (
	"cmp"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"glossary/generator/internal/diag"
	"glossary/generator/internal/i18n"
	"glossary/generator/internal/markdown"
)

func normalise(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// sectionOf recognises a heading in a language: one of its names for a
// section, or the FAQ title it gives a topic ("<Title>: Definitional
// FAQ").
func sectionOf(words *i18n.Language, heading, title string) (Section, bool) {
	h := normalise(heading)
	for s, names := range words.Sections {
		for _, n := range names {
			if normalise(n) == h {
				return Section(s), true
			}
		}
	}
	if title != "" && h == normalise(words.Text("faq_title", "title", title)) {
		return FAQ, true
	}
	return 0, false
}

// headingNames lists the headings an editor of a language may mean, for
// did-you-mean and for the message that lists them.
func headingNames(words *i18n.Language) []string {
	var out []string
	for _, names := range words.Sections {
		out = append(out, names...)
	}
	return out
}

// parseBody splits the body into its sections and FAQ. lineBase is the
// number of file lines before the body.
func parseBody(md *markdown.Markdown, words *i18n.Language, body []byte, lineBase int, file, rel, title string, d *diag.List) *Document {
	doc := newDocument(md, body, lineBase, file, d)
	pos := func(n ast.Node) (int, int) { return doc.Lines.Pos(blockOffset(n)) }
	current := Section(-1)
	var firstLine [NumSections]int
	strayReported := false
	for n := doc.Root.FirstChild(); n != nil; n = n.NextSibling() {
		if n == doc.Notes {
			continue // after the sections, wherever the notes were written
		}
		if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
			line, col := pos(h)
			text := markdown.PlainText(h, body)
			if h.Level == 1 {
				d.Add(file, line, col, "level-1 heading %q: the title comes from front matter; sections are ## headings", text)
				current = -1
				continue
			}
			s, known := sectionOf(words, text, title)
			switch {
			case !known:
				d.Add(file, line, col, "unknown section %q%s; the sections are %s", text,
					diag.DidYouMean(text, headingNames(words)), quoteAll(canonical(words)))
				current = -1
			case firstLine[s] != 0:
				d.Add(file, line, col, "section %q appears twice (first at line %d)", words.Sections[s][0], firstLine[s])
				current = -1
			default:
				firstLine[s] = line
				current = s
			}
			strayReported = true // blocks under a bad heading are not stray
			continue
		}
		if current < 0 {
			if !strayReported {
				line, col := pos(n)
				d.Add(file, line, col, "text before the first section: start the body with \"## %s\"", words.Sections[Definition][0])
				strayReported = true
			}
			continue
		}
		if current == FAQ {
			if h, ok := n.(*ast.Heading); ok && h.Level == 3 {
				doc.Questions = append(doc.Questions, Question{Heading: h})
				continue
			}
			if len(doc.Questions) == 0 {
				line, col := pos(n)
				d.Add(file, line, col, "FAQ: write each question as a ### heading followed by its answer")
				continue
			}
			q := &doc.Questions[len(doc.Questions)-1]
			q.Answer = append(q.Answer, n)
			continue
		}
		doc.Sections[current] = append(doc.Sections[current], n)
	}
	for _, q := range doc.Questions {
		if len(q.Answer) == 0 {
			line, col := pos(q.Heading)
			d.Add(file, line, col, "FAQ question %q has no answer", markdown.PlainText(q.Heading, body))
		}
	}
	if firstLine[FAQ] != 0 && len(doc.Questions) == 0 {
		d.Add(file, firstLine[FAQ], 1, "FAQ has no questions: write each as a ### heading followed by its answer")
	}
	if firstLine[Definition] != 0 && len(doc.Sections[Definition]) == 0 {
		d.Add(file, firstLine[Definition], 1, "section \"%s\" is empty", words.Sections[Definition][0])
	}
	for s := range NumSections {
		if firstLine[s] != 0 {
			doc.present[s] = true
		}
	}
	return doc
}

// newDocument parses a body (or the home page introduction) and reports
// the problems in its Markdown.
func newDocument(md *markdown.Markdown, src []byte, lineBase int, file string, d *diag.List) *Document {
	doc := &Document{Src: src, Lines: diag.NewLines(src, lineBase)}
	var problems []markdown.Problem
	doc.Root, problems = md.Parse(src, ReservedIDs)
	for _, p := range problems {
		line, col := doc.Lines.Pos(p.Offset)
		d.Add(file, line, col, "%s", p.Message)
	}
	doc.Notes = markdown.Notes(doc.Root)
	return doc
}

// autolink links first mentions of other topics' names, section by
// section and per FAQ answer. Targets the section links explicitly are
// not linked again, nor is the topic itself.
func (doc *Document) autolink(l *markdown.Linker, self *Topic) {
	rel := self.Rel
	scope := func(nodes []ast.Node) {
		seen := map[string]bool{self.Title: true}
		for _, n := range nodes {
			_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
				if !entering {
					return ast.WalkContinue, nil
				}
				switch w := c.(type) {
				case *markdown.WikiLink:
					seen[w.Target] = true
				case *ast.Link:
					if link, ok := ParseDestination(rel, string(w.Destination)); ok && link.Kind == FileLink {
						seen[l.Files[link.Target]] = true
					}
				}
				return ast.WalkContinue, nil
			})
		}
		markdown.AutolinkScope{Linker: l, Seen: seen, Found: &self.Autolinks}.Apply(nodes, doc.Src)
	}
	for s := range NumSections {
		scope(doc.Sections[s])
	}
	var answers []ast.Node
	for _, q := range doc.Questions {
		answers = append(answers, q.Answer...)
	}
	scope(answers)
	slices.SortFunc(self.Autolinks, func(a, b markdown.Match) int { return cmp.Compare(a.Start, b.Start) })
}

// blockOffset is the source offset where a block starts: its first line,
// or that of its first descendant that has lines (lists, quotes).
func blockOffset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	return 0
}

// inlineOffset is where an inline node's text starts, minus one for the
// opening bracket of a link.
func inlineOffset(n ast.Node) (int, bool) {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start - 1, true
		}
	}
	return 0, false
}

func (doc *Document) has() [NumSections]bool { return doc.present }

func (doc *Document) anchors() map[string]bool {
	a := map[string]bool{}
	for s := range NumSections {
		if doc.present[s] {
			a[s.ID()] = true
		}
	}
	if doc.Notes != nil {
		a[NotesID] = true
	}
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if h.Level > 2 {
				if id, ok := h.AttributeString("id"); ok {
					a[string(id.([]byte))] = true
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return a
}

// links collects the body's links to topics and anchors. External links
// (with a scheme) are left alone; other relative links must name a .md
// file inside the content folder.
func (doc *Document) links(file, rel string, d *diag.List) []Link {
	var out []Link
	var parent ast.Node // the nearest block, for links without text
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock {
			parent = n
		}
		var dest string
		off := -1
		switch l := n.(type) {
		case *markdown.WikiLink:
			line, col := doc.Lines.Pos(l.Offset)
			out = append(out, Link{Kind: WikiLink, Target: l.Target, Line: line, Col: col})
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			dest = string(l.Destination)
		case *ast.Image:
			return ast.WalkSkipChildren, nil // see images
		default:
			return ast.WalkContinue, nil
		}
		if o, ok := inlineOffset(n); ok {
			off = o
		} else if parent != nil {
			off = blockOffset(parent)
		}
		line, col := doc.Lines.Pos(off)
		if link, ok := ParseDestination(rel, dest); ok {
			link.Line, link.Col = line, col
			out = append(out, link)
		} else if msg := badDestination(dest); msg != "" {
			d.Add(file, line, col, "%s", msg)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// ParseDestination classifies a Markdown link destination written in the
// file at rel. It returns false for external links (and for destinations
// that badDestination explains).
func ParseDestination(rel, dest string) (Link, bool) {
	if dest == "" || isExternal(dest) {
		return Link{}, false
	}
	p, frag, _ := strings.Cut(dest, "#")
	if unesc, err := url.PathUnescape(p); err == nil {
		p = unesc
	}
	if p == "" {
		return Link{Kind: AnchorLink, Fragment: frag}, true
	}
	if strings.HasPrefix(p, "/") || !strings.HasSuffix(strings.ToLower(p), ".md") {
		return Link{}, false
	}
	target := path.Clean(path.Join(path.Dir(rel), p))
	return Link{Kind: FileLink, Target: target, Fragment: frag}, true
}

func isExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme != ""
}

func badDestination(dest string) string {
	if dest == "" || isExternal(dest) {
		return ""
	}
	p, _, _ := strings.Cut(dest, "#")
	if strings.HasPrefix(p, "/") {
		return "link " + quote(dest) + " is root-relative and breaks when the site is hosted under a sub-path: link to the topic's .md file instead"
	}
	return "link " + quote(dest) + " is not a topic: link to another topic's .md file, a #heading, or a full https:// address"
}

func quote(s string) string { return `"` + s + `"` }

// canonical are the headings pages show, one a section.
func canonical(words *i18n.Language) []string {
	out := make([]string, len(words.Sections))
	for i, names := range words.Sections {
		out[i] = names[0]
	}
	return out
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(n)
	}
	return strings.Join(q, ", ")
}
