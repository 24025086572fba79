package render

import (
	"html/template"
	"io"

	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
)

// Lifecycle is what a topic page shows of the term's lifecycle: a badge
// for a proposed term, a banner naming the replacement of a deprecated
// one, and the date of its last expert review.
type Lifecycle struct {
	// Status is content.StatusProposed, StatusApproved or
	// StatusDeprecated.
	Status      string
	Replacement *TopicLink
	Reviewed    string
}

func (r *Renderer) lifecycle(t *content.Topic, root string) Lifecycle {
	lc := Lifecycle{Status: t.Status, Reviewed: t.Reviewed}
	if to := r.G.Replacement(t); to != nil {
		link := r.topicLink(to, root)
		lc.Replacement = &link
	}
	return lc
}

// hashLifecycle adds to a topic page's fingerprint what it shows that its
// own file does not hold: the replacement's title, and a date from git.
func (r *Renderer) hashLifecycle(h *hasher, t *content.Topic) {
	h.str(t.Updated)
	if to := r.G.Replacement(t); to != nil {
		h.num(r.refs[to])
	}
}

// redirectPages lists a page at each old slug of a moved topic.
func redirectPages(g *glossary.Glossary) []Page {
	pages := make([]Page, len(g.Redirects))
	for i, rd := range g.Redirects {
		pages[i] = Page{Kind: RedirectPage, File: g.Prefix + content.TopicPath(rd.From) + "index.html", Topic: rd.To}
	}
	return pages
}

// A redirect page comes from no template: it shows for no time at all,
// and must work however the templates change. It sends readers on at once
// (meta refresh), tells search engines where the topic lives now
// (canonical, noindex), and leaves a link, in the site's style, for
// whoever's browser refreshes nothing.
var redirectTemplate = template.Must(template.New("redirect").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{.Moved}} | {{.Site}}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{{.Canonical}}">
<meta http-equiv="refresh" content="0; url={{.URL}}">
<link rel="icon" href="{{.Root}}favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="{{.Root}}css/site.css">
</head>
<body>
<main id="main" class="wrap">
<h1>{{.HasMoved}}</h1>
<p>{{.NowAt}} <a href="{{.URL}}">{{.Title}}</a>.</p>
</main>
</body>
</html>
`))

func (r *Renderer) redirect(w io.Writer, p Page) error {
	s := r.G.Settings
	// From topics/<old>/, the topic's page is a sibling folder.
	url := "../" + p.Topic.Slug + "/"
	canonical := url
	if s.BaseURL != "" {
		canonical = s.BaseURL + content.PagePath(p.Topic)
	}
	words := r.words()
	return redirectTemplate.Execute(w, struct {
		Lang, Title, Site, URL, Canonical, Root, Moved, HasMoved, NowAt string
	}{s.Language, p.Topic.Title, s.Title, url, canonical, depthRoot(p.URLPath()),
		words.Text("moved", "title", p.Topic.Title), words.Text("has_moved", "title", p.Topic.Title), words.Strings["now_at"]})
}
