package render

import (
	"glossary/generator/internal/content"
)

// Structured data (schema.org, as JSON-LD) for search engines: a topic is
// a DefinedTerm in the glossary's DefinedTermSet, its FAQ a FAQPage, its
// breadcrumb a BreadcrumbList, its sources the page's citations.
// html/template escapes the values for the script element. URLs are
// absolute, so without base_url the url fields are left out.
//
// schema.org has no broader or narrower for a DefinedTerm, and a term is
// not a CreativeWork (isPartOf, hasPart). What it does have: a term is in
// a DefinedTermSet (inDefinedTermSet), which holds its terms
// (hasDefinedTerm). So a term with narrower terms is also the set of its
// kinds, a DefinedTermSet holding them, and a narrower term names its
// broader terms among the sets it is in, next to the glossary.

type ld = map[string]any

func (r *Renderer) topicJSONLD(t *content.Topic, tv *TopicView, answers []string) ld {
	s := r.G.Settings
	base := s.BaseURL
	set := termSet(s)
	term := ld{
		"@type": "DefinedTerm", "name": t.Title, "description": t.Summary,
		"termCode": t.Slug, "inDefinedTermSet": set,
	}
	if broader := r.G.Broader[t]; len(broader) > 0 {
		sets := []ld{set}
		for _, b := range broader {
			sets = append(sets, r.termRef(b, base, typeTermSet))
		}
		term["inDefinedTermSet"] = sets
	}
	if narrower := r.G.Narrower[t]; len(narrower) > 0 {
		term["@type"] = typeTermSet
		kinds := make([]ld, 0, len(narrower))
		for _, n := range narrower {
			kinds = append(kinds, r.termRef(n, base, "DefinedTerm"))
		}
		term["hasDefinedTerm"] = kinds
	}
	if len(t.Aliases) > 0 {
		term["alternateName"] = t.Aliases
	}
	graph := []ld{term}
	// The page: a FAQPage when it has questions, and the work that cites
	// the sources.
	var page ld
	if len(tv.FAQ) > 0 {
		var qs []ld
		for i, q := range tv.FAQ {
			qs = append(qs, ld{"@type": "Question", "name": q.Question,
				"acceptedAnswer": ld{"@type": "Answer", "text": answers[i]}})
		}
		page = ld{"@type": "FAQPage", "name": tv.FAQTitle, "mainEntity": qs}
	}
	if len(t.Sources) > 0 {
		if page == nil {
			page = ld{"@type": "WebPage", "name": t.Title}
		}
		page["citation"] = citations(t.Sources)
	}
	if page == nil {
		page = ld{"@type": "WebPage", "name": t.Title}
	}
	page["inLanguage"] = s.Language
	graph = append(graph, page)
	if base != "" {
		u := base + content.PagePath(t)
		term["url"], term["@id"] = u, r.termID(t)
		if img := r.leadImage(t.Images, ""); img != nil {
			term["image"] = img.URL
		}
		set["url"], set["@id"] = base, base+"#glossary"
		page["url"] = u
		crumbs := append([]Link{{Name: r.words().Strings["glossary"], URL: base + r.G.Prefix}}, r.crumbs(t, base)...)
		crumbs = append(crumbs, Link{Name: t.Title, URL: u})
		items := make([]ld, len(crumbs))
		for i, c := range crumbs {
			items[i] = ld{"@type": "ListItem", "position": i + 1, "name": c.Name, "item": c.URL}
		}
		graph = append(graph, ld{"@type": "BreadcrumbList", "itemListElement": items})
	}
	return ld{"@context": "https://schema.org", "@graph": graph}
}

// typeTermSet types a term that is also the set of its narrower terms.
var typeTermSet = []string{"DefinedTerm", "DefinedTermSet"}

// termRef names another term of the glossary, by its @id where the site
// has an address.
func (r *Renderer) termRef(t *content.Topic, base string, typ any) ld {
	ref := ld{"@type": typ, "name": t.Title}
	if base != "" {
		ref["@id"], ref["url"] = r.termID(t), base+content.PagePath(t)
	}
	return ref
}

// termID is a term's URI, the same on every language's page (and in the
// exports): its default language page's address with #term.
func (r *Renderer) termID(t *content.Topic) string {
	if o := r.G.Original(t); o != nil {
		t = o
	}
	return r.G.Settings.BaseURL + content.TopicPath(t.Slug) + "#term"
}

func (r *Renderer) homeJSONLD() ld {
	s := r.G.Settings
	set := termSet(s)
	if s.Description != "" {
		set["description"] = s.Description
	}
	if s.BaseURL != "" {
		set["url"], set["@id"] = s.BaseURL, s.BaseURL+"#glossary"
	}
	site := ld{"@type": "WebSite", "name": s.Title, "inLanguage": s.Language}
	if s.BaseURL != "" {
		site["url"] = s.BaseURL + r.G.Prefix
	}
	return ld{"@context": "https://schema.org", "@graph": []ld{site, set}}
}

// termSet is the glossary as a DefinedTermSet; its license (a CreativeWork
// property, which a DefinedTerm does not have) covers every term in it.
func termSet(s content.Settings) ld {
	set := ld{"@type": "DefinedTermSet", "name": s.Title}
	if s.LicenseURL != "" {
		set["license"] = s.LicenseURL
	}
	return set
}
