package glossary

import (
	"fmt"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
)

// A concept is one topic in the default language and its translations,
// which share its Key. Each language's glossary holds its own topics; the
// concept is found by Key in each (Translations).

// Translations returns the topics of t's concept in every language, in
// the order of Languages, nil where it is not translated.
func (g *Glossary) Translations(t *content.Topic) []*content.Topic {
	out := make([]*content.Topic, len(g.Languages))
	for i, lg := range g.Languages {
		out[i] = lg.byKey[t.Key]
	}
	return out
}

// Original returns the default language's topic of t's concept (t itself
// where it is in the default language), or nil.
func (g *Glossary) Original(t *content.Topic) *content.Topic {
	if len(g.Languages) == 0 {
		return t
	}
	return g.Languages[0].byKey[t.Key]
}

// Default is the default language's glossary.
func (g *Glossary) Default() *Glossary {
	if g.base != nil {
		return g.base
	}
	return g
}

// translationErrors reports translations without a published original.
func (g *Glossary) translationErrors() diag.List {
	var d diag.List
	def := g.Default()
	for _, lg := range def.Languages[1:] {
		for _, t := range lg.Topics {
			if def.byKey[t.Key] != nil {
				continue
			}
			line := keyLine(t, "title")
			what := fmt.Sprintf("no topic %s in the default language", t.Key)
			if k, ok := t.KeyLines["translation_key"]; ok {
				line = k
				what = fmt.Sprintf("no topic in the default language has translation_key %q", t.Key[len("key:"):])
			}
			if o := def.byRel[t.Key]; o != nil && o.Key != t.Key {
				what = fmt.Sprintf("%s pairs its translations by translation_key %q: set translation_key: %s here", o.Path, o.Key[len("key:"):], o.Key[len("key:"):])
			}
			for _, dr := range def.drafts {
				if dr.Key == t.Key {
					what = fmt.Sprintf("its original %s is a draft and is not published (build with -drafts to preview)", dr.Path)
				}
			}
			d.Add(t.Path, line, 1, "translation of a missing topic: %s", what)
		}
	}
	return d
}

// TranslationWarnings are the stale translations: those whose original
// was updated after them. A translation without an updated date, of an
// original with one, is stale too: nothing says it caught up.
func (g *Glossary) TranslationWarnings() diag.List {
	var d diag.List
	def := g.Default()
	for _, lg := range def.Languages[1:] {
		for _, t := range lg.Topics {
			o := def.byKey[t.Key]
			if o == nil || o.Updated == "" || t.Updated >= o.Updated {
				continue
			}
			when := "has no updated date"
			if t.Updated != "" {
				when = "was updated " + t.Updated
			}
			d.Add(t.Path, keyLine(t, "updated"), 1, "warning: stale translation: %s was updated %s, this translation %s; bring it up to date and set updated",
				o.Path, o.Updated, when)
		}
	}
	return d
}

// TranslationSummary says, for each language but the default, how many
// topics are not translated: one line each.
func (g *Glossary) TranslationSummary() []string {
	def := g.Default()
	var out []string
	for _, lg := range def.Languages[1:] {
		missing := 0
		for _, t := range def.Topics {
			if lg.byKey[t.Key] == nil {
				missing++
			}
		}
		out = append(out, fmt.Sprintf("%s: %d of %d topics translated, %d not translated", lg.Code, len(def.Topics)-missing, len(def.Topics), missing))
	}
	return out
}
