package content

import (
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"

	"glossary/generator/internal/diag"
	"glossary/generator/internal/markdown"
)

// Image is an image in a topic's body or the home page introduction. The
// build reads its file; rendering points it at the copy in the output.
type Image struct {
	// Src names the file: a slash path below the content folder, or below
	// the static folder when it starts with "/".
	Src string
	// Dest is the path as written, for messages.
	Dest string
	Alt  string
	// Decorative marks an image that has no alt text on purpose.
	Decorative bool
	Line, Col  int
}

// DecorativeTitle, as an image's title, marks it decorative:
// ![](rule.svg "decorative"). Screen readers then skip it.
const DecorativeTitle = "decorative"

// ImageSource resolves an image destination written in the file at rel
// (below the content folder) to the file it names, as Image.Src; else it
// returns a message saying why it names none. Images are files of the
// site, never addresses elsewhere: a page must read the same offline, and
// must not tell another site who reads it.
func ImageSource(rel, dest string) (src, problem string) {
	if dest == "" {
		return "", "image has no file: write ![what it shows](file.png)"
	}
	if isExternal(dest) {
		return "", "image " + quote(dest) + " is not a file of the site: save it beside the topic (or in static/) and give its path, so pages work offline and do not tell another site who reads them"
	}
	p, _, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if unesc, err := url.PathUnescape(p); err == nil {
		p = unesc
	}
	if strings.HasPrefix(p, "/") {
		// Cleaning a rooted path never climbs above the root.
		return path.Clean(p), ""
	}
	src = path.Clean(path.Join(path.Dir(rel), p))
	if src == ".." || strings.HasPrefix(src, "../") {
		return "", "image " + quote(dest) + " is outside the content folder: move it beside the topic, or into static/ and write its path from there (/img/file.png)"
	}
	for _, part := range strings.Split(src, "/") {
		if Ignored(part) {
			return "", "image " + quote(dest) + " is in a file or folder the site skips (its name starts with . or _, or is an editor's temporary file): rename it"
		}
	}
	if strings.HasSuffix(strings.ToLower(src), ".md") {
		return "", "image " + quote(dest) + " is a topic, not an image"
	}
	return src, ""
}

// images collects the body's images, reporting what is wrong with each
// that the file itself cannot tell: an address elsewhere, a missing alt
// text.
func (doc *Document) images(file, rel string, d *diag.List) []Image {
	var out []Image
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		line, col := doc.Lines.Pos(img.Pos())
		dest := string(img.Destination)
		src, problem := ImageSource(rel, dest)
		if problem != "" {
			d.Add(file, line, col, "%s", problem)
			return ast.WalkSkipChildren, nil
		}
		im := Image{Src: src, Dest: dest, Alt: markdown.PlainText(img, doc.Src),
			Decorative: string(img.Title) == DecorativeTitle, Line: line, Col: col}
		switch {
		case im.Decorative && im.Alt != "":
			d.Add(file, line, col, "image %q is marked decorative but has alt text: a decorative image has none, so remove the text or the title %q", dest, DecorativeTitle)
		case !im.Decorative && im.Alt == "":
			d.Add(file, line, col, "image %q has no alt text: say what it shows, ![what it shows](%s), or mark it decorative, ![](%s %q)", dest, dest, dest, DecorativeTitle)
		}
		out = append(out, im)
		return ast.WalkSkipChildren, nil
	})
	return out
}
