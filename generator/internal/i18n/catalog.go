package i18n

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"glossary/generator/internal/diag"
)

// A Catalog holds, for each language, the words the generator writes and
// reads itself: the headings of a topic's sections and the interface
// strings of its pages. English is built in; every other language is one
// file, templates/i18n/<code>.yaml, so adding a language adds a file:
//
//	sections:                 # the headings a topic may use, canonical first
//	  definition: [Définition]
//	  structural: [Caractéristiques structurelles]
//	  parameters: [Paramètres et conditions]
//	  relationships: [Relations entre les sujets]
//	  exceptions: ["Exceptions, limites et frontières"]  # quoted: it holds a comma
//	  faq: [Questions fréquentes, FAQ]
//	strings:                  # the interface, by key (see English)
//	  skip: Aller au contenu
//
// A key the file leaves out keeps its English text. A file may also
// change English (en.yaml): its lists replace the built-in ones.
type Catalog struct {
	langs map[string]*Language
	hash  uint64
}

// Language is one language's words.
type Language struct {
	// Code is the language's tag as the catalogue knows it ("fr").
	Code string
	// Sections are the headings each section is recognised by, in the
	// order of the six sections (content.Section); the first of each is
	// the one pages show.
	Sections [NumSections][]string
	// Strings are the interface strings by key, English where the
	// language has no text of its own.
	Strings map[string]string
}

// NumSections is the number of standard sections of a topic.
const NumSections = 6

// SectionKeys name the sections in a catalogue file, in order.
var SectionKeys = [NumSections]string{"definition", "structural", "parameters", "relationships", "exceptions", "faq"}

// englishWords is the built-in language. Its FAQ heading may also be
// "<Title>: Definitional FAQ" (faq_title).
var englishWords = Language{
	Code: "en",
	Sections: [NumSections][]string{
		{"Definition"},
		{"Structural Characteristics"},
		{"Parameters & Conditions", "Parameters and Conditions"},
		{"Topic Relationships"},
		{"Exceptions, Limitations & Boundaries", "Exceptions, Limitations and Boundaries"},
		{"FAQ", "Definitional FAQ", "Frequently Asked Questions"},
	},
	Strings: map[string]string{
		"skip":               "Skip to content",
		"search_label":       "Search the glossary",
		"search_placeholder": "Search terms (press /)",
		"search_results":     "Search results",
		"site_nav":           "Site",
		"breadcrumb":         "Breadcrumb",
		"glossary":           "Glossary",
		"categories":         "Categories",
		"tags":               "Tags",
		"tag_title":          "Tag: {name}",
		"in_site":            "{name} in {site}.",
		"search":             "Search",
		"feed":               "Recently updated (Atom feed)",
		"feed_title":         "{site}: recently updated",
		"data_title":         "{site} as data (SKOS, JSON-LD)",
		"license":            "License",
		"to_top":             "Scroll to Top",
		"deprecated_term":    "Deprecated term.",
		"use":                "Use",
		"instead":            "instead.",
		"proposed_term":      "Proposed term",
		"proposed":           "proposed",
		"deprecated":         "deprecated",
		"defined_in_law":     "Defined in law:",
		"also_known_as":      "Also known as:",
		"on_this_page":       "On this page",
		"broader_terms":      "Broader terms",
		"narrower_terms":     "Narrower terms",
		"compare":            "Compare",
		"related_topics":     "Related topics",
		"links_to":           "This topic links to",
		"linked_from":        "Topics that link here",
		"tags_label":         "Tags:",
		"updated":            "Updated",
		"reviewed":           "Reviewed by a subject expert",
		"faq_title":          "{title}: Definitional FAQ",
		"faq":                "FAQ",
		"notes":              "Notes",
		"sources":            "Sources",
		"topic":              "topic",
		"topics":             "topics",
		"downloads":          "Download the glossary",
		"az_index":           "A–Z index",
		"letters":            "Letters",
		"search_page":        "The search box above shows the results for this page's address as you type. Or",
		"browse_az":          "browse the A–Z index",
		"browse_az_start":    "Browse the A–Z index",
		"or_categories":      "or",
		"the_categories":     "the categories",
		"not_found":          "Page not found",
		"not_found_text":     "There is no page at this address. It may have been renamed or removed.",
		"search_for":         "Search the glossary for",
		"these_words":        "these words",
		"languages":          "Languages",
		"not_translated":     "{title} is not translated into {language}: its home page",
		"moved":              "Moved: {title}",
		"has_moved":          "{title} has moved",
		"now_at":             "This topic is now at",
		// The search box's messages, which site.js shows.
		"close_spelling":     "Close spelling",
		"no_topics":          "No topics match.",
		"type_two":           "Type at least two letters.",
		"did_you_mean":       "Did you mean",
		"no_results":         "No results.",
		"search_unavailable": "Search is unavailable: part of the index could not be loaded. Try again.",
		"in_language":        "in {language}",
		"result_one":         "{n} result. Use the arrow keys to choose, Enter to open.",
		"result_other":       "{n} results. Use the arrow keys to choose, Enter to open.",
	},
}

// ScriptKeys are the strings site.js shows, which pages carry as data.
var ScriptKeys = []string{"defined_in_law", "close_spelling", "no_topics", "type_two", "did_you_mean",
	"no_results", "search_unavailable", "in_language", "deprecated", "result_one", "result_other"}

// English is the built-in English, shared: callers must not change it.
func English() *Language { return &englishWords }

// Builtin is the catalogue of a site without catalogue files: English.
func Builtin() *Catalog {
	en := englishWords
	return &Catalog{langs: map[string]*Language{"en": &en}}
}

// Load reads the catalogue files in dir (templates/i18n). A missing folder
// is no error: the site has English only.
func Load(dir string) (*Catalog, diag.List) {
	var d diag.List
	c := Builtin()
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			d.Add(dir, 0, 0, "%v", err)
		}
		return c, d
	}
	h := fnv.New64a()
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".yaml") || strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		src, err := os.ReadFile(p)
		if err != nil {
			d.Add(p, 0, 0, "%v", err)
			continue
		}
		fmt.Fprintf(h, "%s\x00%d\x00%s", name, len(src), src)
		code := strings.TrimSuffix(name, ".yaml")
		l, ld := parseFile(p, code, src)
		d.Append(ld)
		c.langs[strings.ToLower(code)] = l
	}
	c.hash = h.Sum64()
	return c, d
}

// Hash identifies the catalogue files' contents.
func (c *Catalog) Hash() uint64 { return c.hash }

// Lang returns the words of a language tag: its own file ("fr-CA"), else
// its primary language's ("fr"), else English's under its code.
func (c *Catalog) Lang(code string) *Language {
	tag := strings.ToLower(strings.TrimSpace(code))
	if l := c.langs[tag]; l != nil {
		return l
	}
	primary, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	if l := c.langs[primary]; l != nil {
		return l
	}
	en := *c.langs["en"]
	en.Code = code
	return &en
}

// Has reports whether the catalogue has words of its own for a tag.
func (c *Catalog) Has(code string) bool {
	tag := strings.ToLower(code)
	primary, _, _ := strings.Cut(tag, "-")
	return c.langs[tag] != nil || c.langs[primary] != nil
}

type file struct {
	Sections map[string]yaml.Node `yaml:"sections"`
	Strings  map[string]yaml.Node `yaml:"strings"`
}

// parseFile reads one catalogue file over English.
func parseFile(p, code string, src []byte) (*Language, diag.List) {
	var d diag.List
	l := &Language{Code: code, Sections: englishWords.Sections, Strings: map[string]string{}}
	for k, v := range englishWords.Strings {
		l.Strings[k] = v
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		line, msg := yamlError(err)
		d.Add(p, line, 1, "%s", msg)
		return l, d
	}
	if len(root.Content) == 0 {
		return l, d
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		d.Add(p, top.Line, top.Column, "expected keys sections: and strings:")
		return l, d
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		switch k.Value {
		case "sections":
			eachKey(p, v, &d, func(key *yaml.Node, val *yaml.Node) {
				s := slices.Index(SectionKeys[:], key.Value)
				if s < 0 {
					d.Add(p, key.Line, key.Column, "unknown section %q%s", key.Value, diag.DidYouMean(key.Value, SectionKeys[:]))
					return
				}
				var names []string
				if err := val.Decode(&names); err != nil || len(names) == 0 {
					d.Add(p, val.Line, val.Column, "section %s: expected a list of headings such as [%s]", key.Value, englishWords.Sections[s][0])
					return
				}
				// [Exceptions, limites et frontières] is two items to
				// YAML: a heading's rest after its comma starts in
				// lower case, which no heading does.
				if val.Style&yaml.FlowStyle != 0 {
					for i, item := range val.Content {
						if r, _ := utf8.DecodeRuneInString(item.Value); i > 0 && item.Style == 0 && unicode.IsLower(r) {
							d.Add(p, item.Line, item.Column, "section %s: %q looks like the rest of %q, split at its comma: quote a heading that holds a comma",
								key.Value, item.Value, val.Content[i-1].Value+", "+item.Value)
							return
						}
					}
				}
				l.Sections[s] = names
			})
		case "strings":
			eachKey(p, v, &d, func(key *yaml.Node, val *yaml.Node) {
				if _, known := englishWords.Strings[key.Value]; !known {
					d.Add(p, key.Line, key.Column, "unknown string %q%s", key.Value, diag.DidYouMean(key.Value, stringKeys()))
					return
				}
				if val.Kind != yaml.ScalarNode || strings.TrimSpace(val.Value) == "" {
					d.Add(p, val.Line, val.Column, "string %s: expected text", key.Value)
					return
				}
				l.Strings[key.Value] = val.Value
			})
		default:
			d.Add(p, k.Line, k.Column, "unknown key %q: a catalogue file has sections: and strings:", k.Value)
		}
	}
	return l, d
}

func eachKey(p string, m *yaml.Node, d *diag.List, f func(k, v *yaml.Node)) {
	if m.Kind != yaml.MappingNode {
		d.Add(p, m.Line, m.Column, "expected keys, one a line")
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		f(m.Content[i], m.Content[i+1])
	}
}

func stringKeys() []string {
	out := make([]string, 0, len(englishWords.Strings))
	for k := range englishWords.Strings {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// yamlError digs the line out of a YAML error ("yaml: line 3: ..."). The
// parser's own messages ("did not find expected ...") count lines from
// 0, the scanner's from 1.
func yamlError(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var n int
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &n); scanErr != nil {
		return 0, msg
	}
	msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
	if strings.HasPrefix(msg, "did not find expected") {
		n++
	}
	return n, msg
}

// Text returns a string with its {placeholders} filled from pairs of
// name and value.
func (l *Language) Text(key string, pairs ...string) string {
	s := l.Strings[key]
	if len(pairs) == 0 || !strings.Contains(s, "{") {
		return s
	}
	var b bytes.Buffer
	for {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(s)
			return b.String()
		}
		j += i
		b.WriteString(s[:i])
		name, found := s[i+1:j], false
		for k := 0; k+1 < len(pairs); k += 2 {
			if pairs[k] == name {
				b.WriteString(pairs[k+1])
				found = true
				break
			}
		}
		if !found {
			b.WriteString(s[i : j+1])
		}
		s = s[j+1:]
	}
}
