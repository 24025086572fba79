package content

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"glossary/generator/internal/diag"
	"glossary/generator/internal/i18n"
	"glossary/generator/internal/markdown"
)

// A glossary in several languages lists them in _index.md:
//
//	languages:
//	  - code: en            # BCP 47
//	    name: English
//	    default: true       # at the site root; the others under /<code>/
//	  - code: fr
//	    name: Français
//
// Each other language may have _index.<code>.md with its own title,
// description, category and tag names, and home page introduction. A
// topic's translation sits beside it with the language in its file name,
// deductible.fr.md next to deductible.md, or anywhere with the same
// translation_key as its original. A translation has its own title,
// aliases, summary and body; what it leaves out of slug, category, tags,
// related, broader, compare, sources, status and replaced_by is its
// original's (Inherit), so relations name the default language's slugs.

// Languages is what reading a file needs to know of the site's
// languages. The nil *Languages is a site in English only.
type Languages struct {
	// Default is the default language's code.
	Default string
	// Others are the other languages' codes.
	Others []string
	// Catalog holds each language's section headings.
	Catalog *i18n.Catalog
}

// NewLanguages describes the languages of settings, with catalog's words.
func NewLanguages(s *Settings, catalog *i18n.Catalog) *Languages {
	ls := &Languages{Default: s.Language, Catalog: catalog}
	for _, l := range s.Languages[min(1, len(s.Languages)):] {
		ls.Others = append(ls.Others, l.Code)
	}
	return ls
}

// Words returns the words of a topic's language, for its headings.
func (ls *Languages) Words(lang string) *i18n.Language {
	if ls == nil || ls.Catalog == nil {
		return i18n.English()
	}
	if lang == "" {
		lang = ls.Default
	}
	return ls.Catalog.Lang(lang)
}

// split tells the language of a topic file by its name: deductible.fr.md
// is French where fr is one of the site's other languages. It returns
// the language ("" for the default) and the name without it.
func (ls *Languages) split(rel string) (lang, stem string) {
	stem = strings.TrimSuffix(rel, path.Ext(rel))
	if ls == nil {
		return "", stem
	}
	ext := path.Ext(stem)
	if ext == "" {
		return "", stem
	}
	code := ext[1:]
	if strings.EqualFold(code, ls.Default) {
		return "", strings.TrimSuffix(stem, ext)
	}
	for _, o := range ls.Others {
		if strings.EqualFold(o, code) {
			return o, strings.TrimSuffix(stem, ext)
		}
	}
	return "", stem
}

// inherited are the keys a translation takes from its original when it
// leaves them out, and how.
var inherited = []struct {
	key  string
	take func(t, original *Topic)
}{
	// A translation paired by translation_key has a file name of its own.
	{"slug", func(t, o *Topic) { t.Slug = o.Slug }},
	{"category", func(t, o *Topic) { t.Category = o.Category }},
	{"tags", func(t, o *Topic) { t.Tags = o.Tags }},
	{"related", func(t, o *Topic) { t.Related = o.Related }},
	{"broader", func(t, o *Topic) { t.Broader = o.Broader }},
	{"compare", func(t, o *Topic) { t.Compare = o.Compare }},
	{"sources", func(t, o *Topic) { t.Sources = o.Sources }},
	{"status", func(t, o *Topic) { t.Status = o.Status }},
	{"replaced_by", func(t, o *Topic) { t.ReplacedBy, t.ReplacedByAt = o.ReplacedBy, o.ReplacedByAt }},
}

// Inherit completes a translation with what its original says and it
// does not. It may run again after either changes: a key the translation
// sets is never overwritten.
func Inherit(t, original *Topic) {
	for _, in := range inherited {
		if _, set := t.KeyLines[in.key]; !set {
			in.take(t, original)
		}
	}
}

// languages reads the languages list of _index.md.
func (f *fields) languages(key string) []SiteLanguage {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	w := f.value(key)
	items, isList := v.([]any)
	if !isList {
		f.errorf(w.place, "%s: expected a list of languages, each with code and name", key)
		return nil
	}
	var out []SiteLanguage
	def := -1
	for i, it := range items {
		iw := written{place: w.place}
		if i < len(w.items) {
			iw = w.items[i]
		}
		m, isMap := it.(map[string]any)
		if !isMap {
			f.errorf(iw.place, "%s: each language is a set of keys, written `- code: fr` with name: below it", key)
			continue
		}
		lf := f.item(m, iw, "a language")
		l := SiteLanguage{Code: lf.str("code"), Name: lf.str("name")}
		isDefault, _ := lf.boolean("default")
		lf.unknown([]string{"code", "name", "default"})
		if l.Code == "" {
			f.errorf(iw.place, "%s: a language needs a code, such as fr or en-GB", key)
			continue
		}
		if tag, err := language.Parse(l.Code); err != nil || strings.ContainsAny(l.Code, "/.\\ ") {
			lf.errorAt("code", "code %q is not a BCP 47 language tag such as fr, de or en-GB", l.Code)
			continue
		} else if l.Name == "" {
			l.Name = tag.String()
		}
		if slices.ContainsFunc(out, func(o SiteLanguage) bool { return strings.EqualFold(o.Code, l.Code) }) {
			lf.errorAt("code", "language %q is listed twice", l.Code)
			continue
		}
		if isDefault {
			if def >= 0 {
				lf.errorAt("default", "two default languages: %s and %s; mark one", out[def].Code, l.Code)
				continue
			}
			def = len(out)
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil
	}
	if def < 0 {
		f.errorf(w.place, "%s: mark the default language, the one at the site root, with default: true", key)
		def = 0
	}
	// The default first; the others keep their order.
	out = append(out[def:def+1], append(slices.Clone(out[:def]), out[def+1:]...)...)
	for i := range out[1:] {
		out[i+1].Prefix = out[i+1].Code + "/"
	}
	return out
}

// groupTexts reads the categories or tags map: name → {name, description}.
func (f *fields) groupTexts(key string) map[string]GroupText {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	w := f.value(key)
	m, isMap := v.(map[string]any)
	if !isMap {
		f.errorf(w.place, "%s: expected a map from each name topics use to its name: and description:", key)
		return nil
	}
	out := make(map[string]GroupText, len(m))
	for name, val := range m {
		switch v := val.(type) {
		case string: // the display name alone
			out[name] = GroupText{Name: strings.TrimSpace(v)}
		case map[string]any:
			gt := GroupText{}
			for k, x := range v {
				s, isText := x.(string)
				switch {
				case !isText:
					f.errorAt(key, "%s: %s: %s must be text", key, name, k)
				case k == "name":
					gt.Name = strings.TrimSpace(s)
				case k == "description":
					gt.Description = strings.TrimSpace(s)
				default:
					f.errorAt(key, "%s: %s: unknown key %q%s", key, name, k, diag.DidYouMean(k, []string{"name", "description"}))
				}
			}
			out[name] = gt
		default:
			f.errorAt(key, "%s: %s: expected name: and description:", key, name)
		}
	}
	return out
}

// readTexts reads the keys every settings file may hold, the site's and
// each language's: title, description, and the categories' and tags'
// names. A key left out keeps the value s has (the default, or the
// site's).
func (s *Settings) readTexts(f *fields) {
	if v := f.str("title"); v != "" {
		s.Title = v
	}
	if v := f.str("description"); v != "" {
		s.Description = v
	}
	if c := f.groupTexts("categories"); c != nil {
		s.Categories = c
	}
	if t := f.groupTexts("tags"); t != nil {
		s.Tags = t
	}
}

// ParseLanguageSettings reads _index.<code>.md, a language's own settings,
// over the site's. A missing file (src nil) gives the site's with the
// language's code.
func ParseLanguageSettings(md *markdown.Markdown, file string, src []byte, site Settings, code string) (Settings, diag.List) {
	var d diag.List
	s := site
	s.Language = code
	s.Path = file
	if src == nil {
		s.Path = site.Path
		return s, nil
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	fm := splitFrontMatter(file, src, &d)
	if fm.values != nil {
		f := &fields{fm: fm, path: file, d: &d, seen: map[string]bool{}}
		s.readTexts(f)
		f.unknown(languageKeys)
	}
	s.readIntro(md, file, path.Base(file), src, fm, &d)
	s.Hash = Hash(append([]byte(code+"\x00"), src...)) ^ site.Hash
	return s, d
}

// slugOf is the default slug of a file: its name without extension (and
// language).
func slugOf(stem string) string { return stem[strings.LastIndexByte(stem, '/')+1:] }

// LanguageSettingsFile is the name of a language's settings file.
func LanguageSettingsFile(code string) string { return "_index." + code + ".md" }

// Translation starts the translation of a topic into a language: the
// original's front matter keys that a translation has of its own (title,
// summary, aliases) with updated set to today, and its body as it is, with
// each section heading in the language, for the text to be translated in
// place. src is the original file; ls knows the site's languages.
func Translation(ls *Languages, t *Topic, src []byte, lang, today string) []byte {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	from, to := ls.Words(t.Lang), ls.Words(lang)
	var b bytes.Buffer
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlText(t.Title))
	fmt.Fprintf(&b, "summary: %s\n", yamlText(t.Summary))
	if len(t.Aliases) > 0 {
		quoted := make([]string, len(t.Aliases))
		for i, a := range t.Aliases {
			quoted[i] = yamlText(a)
		}
		fmt.Fprintf(&b, "aliases: [%s]\n", strings.Join(quoted, ", "))
	}
	fmt.Fprintf(&b, "updated: %s\n", today)
	b.WriteString("---\n")
	body := src[max(0, min(t.BodyStart, len(src))):]
	for _, line := range strings.SplitAfter(string(body), "\n") {
		text := strings.TrimRight(line, "\r\n")
		if h, ok := strings.CutPrefix(text, "## "); ok {
			if s, known := sectionOf(from, h, t.Title); known {
				b.WriteString("## " + to.Sections[s][0] + line[len(text):])
				continue
			}
		}
		b.WriteString(line)
	}
	return b.Bytes()
}

// yamlText writes a value as YAML: quoted where it would not read back as
// the same text.
func yamlText(s string) string {
	if s == "" || strings.ContainsAny(s, ":#[]{},&*!|>'\"%@`") || strings.TrimSpace(s) != s {
		q, _ := json.Marshal(s)
		return string(q)
	}
	return s
}
