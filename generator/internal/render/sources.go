package render

import (
	"strings"

	"glossary/generator/internal/content"
)

// SourceView is one of a topic's sources as its page lists it.
type SourceView struct {
	Title, URL, Publisher, Date, Locator string
	// Kind is the kind of work as a reader reads it: "Regulation",
	// "Market wording".
	Kind string
}

func sourceViews(sources []content.Source) []SourceView {
	var out []SourceView
	for _, s := range sources {
		kind := strings.ReplaceAll(s.Kind, "-", " ")
		if kind != "" {
			kind = strings.ToUpper(kind[:1]) + kind[1:]
		}
		out = append(out, SourceView{Title: s.Title, URL: s.URL, Publisher: s.Publisher, Date: s.Date,
			Locator: s.Locator, Kind: kind})
	}
	return out
}

// citationTypes are the schema.org types of the kinds of source; any
// other is a CreativeWork.
var citationTypes = map[string]string{
	"law": "Legislation", "regulation": "Legislation",
	"book": "Book", "article": "Article", "web": "WebPage",
}

// citations are a topic's sources as schema.org CreativeWorks. A source
// with a locator is cited as the part it names (its name is the work's
// title and the locator), which isPartOf the whole work.
func citations(sources []content.Source) []ld {
	var out []ld
	for _, s := range sources {
		typ := citationTypes[s.Kind]
		if typ == "" {
			typ = "CreativeWork"
		}
		work := ld{"@type": typ, "name": s.Title}
		if s.URL != "" {
			work["url"] = s.URL
		}
		if s.Publisher != "" {
			work["publisher"] = ld{"@type": "Organization", "name": s.Publisher}
		}
		if s.Date != "" {
			if typ == "Legislation" {
				work["legislationDate"] = s.Date
			} else {
				work["datePublished"] = s.Date
			}
		}
		if s.Locator != "" {
			work = ld{"@type": typ, "name": s.Title + ", " + s.Locator, "isPartOf": work}
		}
		out = append(out, work)
	}
	return out
}
