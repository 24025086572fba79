package render

import (
	"encoding/json"
	"strings"

	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
	"glossary/generator/internal/i18n"
)

// A page in a glossary of several languages names its versions in the
// others (hreflang alternates in its head, xhtml:link in the sitemap) and
// offers a language switcher that leads to the same term, or, where the
// term is not translated, to that language's home page, and says so.

// Alternate is one language's version of a page.
type Alternate struct {
	// Lang is the language's code, or "x-default" for the version a
	// reader whose language the site lacks should get.
	Lang, URL string
}

// LanguageLink is one entry of the language switcher.
type LanguageLink struct {
	Code, Name, URL string
	// Current marks the page's own language; Missing a term that is not
	// translated into this one (URL is then its home page), which Note
	// explains.
	Current, Missing bool
	Note             string
}

// words are the renderer's language's words (English when unset).
func (r *Renderer) words() *i18n.Language {
	if r.Words == nil {
		r.Words = i18n.English()
	}
	return r.Words
}

// groupName is what the page's language calls a category or tag.
func (r *Renderer) groupName(names map[string]content.GroupText, name string) string {
	if t, ok := names[name]; ok && t.Name != "" {
		return t.Name
	}
	return name
}

// langOf is the code of a topic's language where it is not the page's
// (a link to a term not translated yet), else "".
func (r *Renderer) langOf(t *content.Topic) string {
	if t.Lang == strings.TrimSuffix(r.G.Prefix, "/") || len(r.G.Languages) < 2 {
		return ""
	}
	if t.Lang == "" {
		return r.G.Languages[0].Code
	}
	return t.Lang
}

// translations are the versions of t in every language, for its
// fingerprint: its page names them.
func (r *Renderer) translations(t *content.Topic) []*content.Topic {
	if len(r.G.Languages) < 2 {
		return nil
	}
	return r.G.Translations(t)
}

// pageVersions returns the path of page p of glossary g in each language,
// and whether that language has such a page (the default language's home
// page has the path "").
func pageVersions(g *glossary.Glossary, p Page) ([]string, []bool) {
	langs := g.Languages
	out, has := make([]string, len(langs)), make([]bool, len(langs))
	rest := strings.TrimPrefix(p.File, g.Prefix)
	rest = strings.TrimSuffix(rest, "index.html")
	for i, lg := range langs {
		switch p.Kind {
		case TopicPage:
			if t := g.Translations(p.Topic)[i]; t != nil {
				out[i], has[i] = content.PagePath(t), true
			}
		case CategoryPage, TagPage:
			groups := lg.Categories
			if p.Kind == TagPage {
				groups = lg.Tags
			}
			for _, g := range groups {
				if g.Slug == p.Group.Slug {
					out[i], has[i] = lg.Prefix+rest, true
				}
			}
		case HomePage, CategoriesPage, TagsPage, SearchPage:
			out[i], has[i] = lg.Prefix+rest, true
		}
	}
	return out, has
}

// scriptStrings are the strings site.js shows, as JSON, where the
// language's differ from the English site.js has built in; made once.
func (r *Renderer) scriptStrings() string {
	r.stringsOnce.Do(func() {
		w, english := r.words(), i18n.English()
		strs := make(map[string]string, len(i18n.ScriptKeys))
		for _, k := range i18n.ScriptKeys {
			if w.Strings[k] != english.Strings[k] {
				strs[k] = w.Strings[k]
			}
		}
		if len(strs) > 0 {
			b, _ := json.Marshal(strs)
			r.stringsJSON = string(b)
		}
	})
	return r.stringsJSON
}

// languages fills a page's alternates, language switcher and script
// strings.
func (r *Renderer) languages(v *View, p Page) {
	v.Strings = r.scriptStrings()
	langs := r.G.Languages
	if len(langs) < 2 || p.Kind == NotFoundPage {
		return
	}
	names := r.G.Settings.Languages
	at := func(path string) string {
		if base := r.G.Settings.BaseURL; base != "" {
			return base + path
		}
		return v.Root + path
	}
	paths, has := pageVersions(r.G, p)
	for i, lg := range langs {
		if has[i] {
			v.Alternates = append(v.Alternates, Alternate{Lang: lg.Code, URL: at(paths[i])})
		}
	}
	if len(v.Alternates) > 0 && has[0] {
		v.Alternates = append(v.Alternates, Alternate{Lang: "x-default", URL: at(paths[0])})
	}
	for i, lg := range langs {
		l := LanguageLink{Code: lg.Code, Name: names[i].Name, URL: v.Root + paths[i], Current: lg == r.G}
		if !has[i] {
			l.Missing, l.URL = true, v.Root+lg.Prefix
			title := v.Title
			if p.Topic != nil {
				title = p.Topic.Title
			}
			l.Note = r.words().Text("not_translated", "title", title, "language", names[i].Name)
		}
		v.Languages = append(v.Languages, l)
	}
}
