package content

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"glossary/generator/internal/diag"
)

// Source is a work that defines or explains a term, as the sources: front
// matter key lists it: a statute, a standard, a market wording.
type Source struct {
	Title     string // required
	URL       string // absolute http:// or https://, or empty
	Publisher string
	// Date is when the work was made or published: YYYY-MM-DD, YYYY-MM or
	// YYYY.
	Date string
	// Locator is the place in the work that matters, such as "Art. 33(1)".
	Locator string
	// Kind is one of SourceKinds, or empty.
	Kind string
	// Line and Col are where the source's url was written (its item,
	// when it has none), for check -external's warnings.
	Line, Col int
}

// SourceKinds are the kinds of work a source may be.
var SourceKinds = []string{"law", "regulation", "standard", "case", "market-wording", "book", "article", "web"}

// Legal reports whether the source is a law or a regulation: a term it
// defines is defined in law.
func (s Source) Legal() bool { return s.Kind == "law" || s.Kind == "regulation" }

// Law is the title of the first source that is a law or a regulation, the
// instrument the term is defined in, or "" when none is.
func (t *Topic) Law() string {
	for _, s := range t.Sources {
		if s.Legal() {
			return s.Title
		}
	}
	return ""
}

var sourceKeys = []string{"title", "url", "publisher", "date", "locator", "kind"}

// sources reads a list of sources. Each item is a mapping (a TOML
// [[sources]] table, a JSON object) of sourceKeys; each problem is
// reported where it was written.
func (f *fields) sources(key string) []Source {
	v, ok := f.get(key)
	if !ok {
		return nil
	}
	w := f.value(key)
	var items []any
	switch list := v.(type) {
	case []any:
		items = list
	case []map[string]any: // TOML's array of tables
		for _, m := range list {
			items = append(items, m)
		}
	default:
		f.errorf(w.place, "%s: expected a list of sources, each with at least a title, got %s", key, w.describe(v))
		return nil
	}
	var out []Source
	for i, it := range items {
		iw := written{place: w.place}
		if i < len(w.items) {
			iw = w.items[i]
		}
		m, isMap := it.(map[string]any)
		if !isMap {
			f.errorf(iw.place, "%s: each source is a set of keys (title, url, kind, ...), got %s: write it as `- title: ...`", key, iw.describe(it))
			continue
		}
		sf := f.item(m, iw, "a source")
		s := Source{Title: sf.text("title"), URL: sf.text("url"), Publisher: sf.text("publisher"),
			Date: sf.text("date"), Locator: sf.text("locator"), Kind: sf.text("kind")}
		sf.unknown(sourceKeys)
		at := sf.value("url").place
		switch title, has := m["title"]; {
		case !has:
			f.errorf(iw.place, "%s: a source needs a title: add title: with the work's name", key)
		case isText(title) && s.Title == "":
			sf.errorAt("title", "title is empty: give the work's name")
		}
		if s.URL != "" && urlProblem(s.URL) != "" {
			sf.errorAt("url", "url %q %s", s.URL, urlProblem(s.URL))
			s.URL = ""
		} else if s.URL == "" {
			at = iw.place
		}
		if s.Date != "" && !validSourceDate(s.Date) {
			sf.errorAt("date", "date %q is not a real date in the form YYYY-MM-DD, YYYY-MM or YYYY", s.Date)
			s.Date = ""
		}
		if s.Kind != "" && !slices.Contains(SourceKinds, s.Kind) {
			sf.errorAt("kind", "kind %q is not one of %s%s", s.Kind, strings.Join(SourceKinds, ", "), diag.DidYouMean(s.Kind, SourceKinds))
			s.Kind = ""
		}
		s.Line, s.Col = at.line, at.col
		out = append(out, s)
	}
	return out
}

// item reads the keys of a mapping in a list. A key whose place the
// decoder does not know (TOML and JSON give only the list's) is reported
// at the item.
func (f *fields) item(m map[string]any, w written, in string) *fields {
	fm := frontMatter{values: m, keyLines: map[string]int{}}
	if w.mapping != nil {
		fm.keyLines, fm.keys = w.mapping.keyLines, w.mapping.keys
	}
	for k := range m {
		if _, known := fm.keyLines[k]; !known {
			if fm.keys == nil {
				fm.keys = map[string]keyAt{}
			}
			fm.keyLines[k] = w.line
			fm.keys[k] = keyAt{col: w.col, value: written{place: w.place}}
		}
	}
	return &fields{fm: fm, path: f.path, d: f.d, seen: map[string]bool{}, in: in}
}

// text reads a text key whose value is one line.
func (f *fields) text(key string) string {
	s := f.str(key)
	if strings.ContainsAny(s, "\r\n") {
		f.errorAt(key, "%s must be on one line", key)
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

func isText(v any) bool {
	_, ok := v.(string)
	return ok
}

// urlProblem says why s is not an absolute http or https address, and
// what to write instead, or returns "".
func urlProblem(s string) string {
	const full = "write the full address, as in https://example.org/page"
	// Spaces, control characters and the characters an IRI may not hold
	// as they are (RFC 3987; the exports name the address as one).
	if i := strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || strings.ContainsRune("\"<>\\^`{|}", r)
	}); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Sprintf("holds %q, which an address may not: write it percent-encoded, as %s", r, url.PathEscape(string(r)))
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "is not a valid address: " + full
	case u.Scheme != "http" && u.Scheme != "https":
		return "is not an absolute http:// or https:// address: " + full
	case u.Hostname() == "":
		return "has no host name: " + full
	case u.User != nil:
		return "holds a user name or password: leave them out"
	}
	return ""
}

// validSourceDate reports whether s is a real date in one of the forms a
// source's date may take: a work may be known only by its year.
func validSourceDate(s string) bool {
	for _, layout := range []string{time.DateOnly, "2006-01", "2006"} {
		if len(s) == len(layout) {
			if _, err := time.Parse(layout, s); err == nil {
				return true
			}
		}
	}
	return false
}
