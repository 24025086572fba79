package render

import (
	"bytes"
	"html/template"
	"strconv"

	"github.com/yuin/goldmark/ast"

	"glossary/generator/internal/content"
)

// ImageView is the image that stands for a page where it is shared (Open
// Graph) and in its structured data: the first image of a topic that is
// not decorative.
type ImageView struct {
	URL           string // absolute with base_url, else relative to the page
	Alt           string
	Width, Height int
}

// hashImages adds to a fingerprint the published copies of images: their
// names, which change with their bytes, and sizes.
func (r *Renderer) hashImages(h *hasher, images []content.Image) {
	for _, im := range images {
		pub := r.Images[im.Src]
		h.str(pub.File)
		h.num(uint64(pub.Width))
		h.num(uint64(pub.Height))
	}
}

// rewriteImage points an image at its published copy, with the size that
// lets the page reserve its space before it loads. A decorative image has
// empty alt text already; its title only marked it, and aria-hidden keeps
// it from assistive technology (a role would be an error next to alt="").
func (r *Renderer) rewriteImage(n *ast.Image, rel, root string) {
	src, problem := content.ImageSource(rel, string(n.Destination))
	pub, ok := r.Images[src]
	if problem != "" || !ok {
		return // reported when the site was loaded and indexed
	}
	n.Destination = []byte(root + pub.File)
	n.SetAttributeString("width", []byte(strconv.Itoa(pub.Width)))
	n.SetAttributeString("height", []byte(strconv.Itoa(pub.Height)))
	if string(n.Title) == content.DecorativeTitle {
		n.Title = nil
		n.SetAttributeString("aria-hidden", []byte("true"))
	}
	n.SetAttributeString("loading", []byte("lazy"))
	n.SetAttributeString("decoding", []byte("async"))
}

// leadImage is the image that stands for a page showing images, or nil.
func (r *Renderer) leadImage(images []content.Image, root string) *ImageView {
	for _, im := range images {
		pub, ok := r.Images[im.Src]
		if im.Decorative || !ok {
			continue
		}
		v := &ImageView{URL: root + pub.File, Alt: im.Alt, Width: pub.Width, Height: pub.Height}
		if base := r.G.Settings.BaseURL; base != "" {
			v.URL = base + pub.File
		}
		return v
	}
	return nil
}

// notes renders a document's footnotes (see markdown.Notes), which the
// page shows after everything else, as a section of their own.
func (r *Renderer) notes(src []byte, list ast.Node) (template.HTML, error) {
	if list == nil {
		return "", nil
	}
	var buf bytes.Buffer
	err := r.MD.Render(&buf, src, list)
	return template.HTML(buf.String()), err
}
