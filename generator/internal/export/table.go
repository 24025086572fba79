package export

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"

	"glossary/generator/internal/glossary"
)

// JSONVersion is the version of glossary.json's schema (docs/exports.md).
// It changes only when a field is removed or changes meaning; new fields
// may appear without it changing.
const JSONVersion = 1

// CSVColumns are glossary.csv's columns, named in its header row, on
// every site.
var CSVColumns = []string{"slug", "title", "aliases", "summary", "category", "tags", "broader",
	"related", "status", "updated", "url", "license"}

// CSVLanguageColumns follow them on a site in several languages, for each
// language but the default, in the site's order, named with "_" and its
// code: title_fr, aliases_fr, summary_fr, url_fr. New columns go last, so
// that a spreadsheet's references to the others keep working.
var CSVLanguageColumns = []string{"title", "aliases", "summary", "url"}

// writeCSV writes one row per term (RFC 4180: CRLF line ends, fields with
// a comma, quote or line break quoted).
func writeCSV(o *out, g *glossary.Glossary) {
	w := csv.NewWriter(writerFunc(o.bytes))
	w.UseCRLF = true
	header := slices.Clone(CSVColumns)
	others := languages(g)[1:]
	for _, l := range others {
		for _, c := range CSVLanguageColumns {
			header = append(header, c+"_"+l.g.Code)
		}
	}
	w.Write(header)
	row := make([]string, 0, len(header))
	for _, t := range g.Topics {
		term := TermOf(g, t)
		row = append(row[:0], term.Slug, term.Title, JoinValues(term.Aliases), term.Summary, term.Category,
			JoinValues(term.Tags), JoinValues(term.Broader), JoinValues(term.Related), term.Status,
			term.Updated, term.URL, g.Settings.License)
		for _, l := range others {
			tr := term.Translations[l.g.Code] // empty cells where there is none
			row = append(row, tr.Title, JoinValues(tr.Aliases), tr.Summary, tr.URL)
		}
		for i, v := range row {
			row[i] = inert(v)
		}
		w.Write(row)
	}
	w.Flush()
	if o.err == nil {
		o.err = w.Error()
	}
}

// JoinValues joins a column's several values with "|". A "|" or "\"
// inside a value is written "\|" or "\\", so splitting at the other bars
// gives the values back.
func JoinValues(values []string) string {
	escaped := make([]string, len(values))
	for i, v := range values {
		escaped[i] = valueEscaper.Replace(v)
	}
	return strings.Join(escaped, "|")
}

var valueEscaper = strings.NewReplacer(`\`, `\\`, `|`, `\|`)

// inert keeps a spreadsheet from reading a cell as a formula: one that
// starts with =, +, - or @ (or a tab or carriage return, which some
// strip first) gets a leading apostrophe, as OWASP advises for CSV meant
// for spreadsheets. Programs have glossary.json.
func inert(v string) string {
	if v != "" && strings.IndexByte("=+-@\t\r", v[0]) >= 0 {
		return "'" + v
	}
	return v
}

type writerFunc func([]byte)

func (f writerFunc) Write(b []byte) (int, error) {
	f(b)
	return len(b), nil
}

// jsonHeader is glossary.json without its terms.
type jsonHeader struct {
	Version     int    `json:"version"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Language    string `json:"language"`
	URL         string `json:"url"`
	Scheme      string `json:"scheme"`
	License     string `json:"license"`
	LicenseURL  string `json:"license_url"`
	Modified    string `json:"modified"`
	// Languages are the site's, the default first, on a site in several.
	Languages []jsonLanguage `json:"languages,omitzero"`
}

// jsonLanguage is one of the site's languages: its code and name, its
// glossary's title and description, and its home page.
type jsonLanguage struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url"`
}

// writeJSON writes the header's fields, then the terms one per line.
func writeJSON(o *out, g *glossary.Glossary) {
	s := g.Settings
	header := jsonHeader{
		Version: JSONVersion, Title: s.Title, Description: s.Description, Language: Language(g),
		URL: s.BaseURL, Scheme: SchemeURI(g), License: s.License, LicenseURL: s.LicenseURL, Modified: Modified(g),
	}
	if len(g.Languages) > 1 {
		for _, l := range languages(g) {
			ls := l.g.Settings
			header.Languages = append(header.Languages, jsonLanguage{Code: l.g.Code, Name: l.name,
				Title: ls.Title, Description: ls.Description, URL: s.BaseURL + l.g.Prefix})
		}
	}
	head, _ := json.Marshal(header)
	o.bytes(head[:len(head)-1]) // without its closing brace
	o.str(`,"terms":[`)
	for i, t := range g.Topics {
		if i > 0 {
			o.str(",")
		}
		o.str("\n")
		b, err := json.Marshal(TermOf(g, t))
		if err != nil && o.err == nil {
			o.err = err
		}
		o.bytes(b)
	}
	o.str("\n]}\n")
}
