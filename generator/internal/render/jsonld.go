package render

import (
	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
)

// Structured data (schema.org, as JSON-LD) for search engines: a topic is
// a DefinedTerm in the glossary's DefinedTermSet, its FAQ a FAQPage, its
// breadcrumb a BreadcrumbList. html/template escapes the values for the
// script element. URLs are absolute, so without base_url the url fields
// are left out.

type ld = map[string]any

func (r *Renderer) topicJSONLD(t *content.Topic, tv *TopicView, answers []string) ld {
	s := r.G.Settings
	set := termSet(s)
	term := ld{
		"@type": "DefinedTerm", "name": t.Title, "description": t.Summary,
		"termCode": t.Slug, "inDefinedTermSet": set,
	}
	if len(t.Aliases) > 0 {
		term["alternateName"] = t.Aliases
	}
	graph := []ld{term}
	if len(tv.FAQ) > 0 {
		var qs []ld
		for i, q := range tv.FAQ {
			qs = append(qs, ld{"@type": "Question", "name": q.Question,
				"acceptedAnswer": ld{"@type": "Answer", "text": answers[i]}})
		}
		graph = append(graph, ld{"@type": "FAQPage", "name": tv.FAQTitle, "mainEntity": qs})
	}
	if base := s.BaseURL; base != "" {
		u := base + content.TopicPath(t.Slug)
		term["url"], term["@id"] = u, u+"#term"
		if img := r.leadImage(t.Images, ""); img != nil {
			term["image"] = img.URL
		}
		set["url"], set["@id"] = base, base+"#glossary"
		if len(graph) > 1 {
			graph[1]["url"] = u
		}
		graph = append(graph, ld{"@type": "BreadcrumbList", "itemListElement": []ld{
			{"@type": "ListItem", "position": 1, "name": "Glossary", "item": base},
			{"@type": "ListItem", "position": 2, "name": t.Category, "item": base + glossary.CategoryPath(r.G.CategoryOf(t))},
			{"@type": "ListItem", "position": 3, "name": t.Title, "item": u},
		}})
	}
	return ld{"@context": "https://schema.org", "@graph": graph}
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
		site["url"] = s.BaseURL
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
