package render

import (
	"cmp"
	"encoding/xml"
	"io"
	"slices"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
)

// FeedSize is how many recently updated topics the Atom feed lists.
const FeedSize = 20

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary"`
}

// feed writes an Atom feed of the most recently updated topics; topics
// without an updated date are left out, as a feed entry needs one.
func (r *Renderer) feed(w io.Writer) diag.List {
	s := r.G.Settings
	var dated []*content.Topic
	for _, t := range r.G.Topics {
		if t.Updated != "" {
			dated = append(dated, t)
		}
	}
	slices.SortStableFunc(dated, func(a, b *content.Topic) int { return cmp.Compare(b.Updated, a.Updated) })
	dated = dated[:min(len(dated), FeedSize)]
	home := s.BaseURL + r.G.Prefix
	f := atomFeed{
		Lang:    s.Language,
		Title:   s.Title,
		ID:      home,
		Updated: "1970-01-01T00:00:00Z",
		Links:   []atomLink{{Href: home + "feed.xml", Rel: "self", Type: "application/atom+xml"}, {Href: home}},
		Author:  atomAuthor{Name: s.Title},
	}
	if len(dated) > 0 {
		f.Updated = dated[0].Updated + "T00:00:00Z"
	}
	for _, t := range dated {
		u := s.BaseURL + content.PagePath(t)
		f.Entries = append(f.Entries, atomEntry{Title: t.Title, ID: u, Link: atomLink{Href: u},
			Updated: t.Updated + "T00:00:00Z", Summary: t.Summary})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return writeErr(err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return writeErr(err)
	}
	_, err := io.WriteString(w, "\n")
	return writeErr(err)
}
