package export

import (
	"encoding/csv"
	"encoding/json"
	"strings"

	"glossary/generator/internal/glossary"
)

// JSONVersion is the version of glossary.json's schema (docs/exports.md).
// It changes only when a field is removed or changes meaning; new fields
// may appear without it changing.
const JSONVersion = 1

// CSVColumns are glossary.csv's columns, named in its header row.
var CSVColumns = []string{"slug", "title", "aliases", "summary", "category", "tags", "broader",
	"related", "status", "updated", "url", "license"}

// writeCSV writes one row per term (RFC 4180: CRLF line ends, fields with
// a comma, quote or line break quoted).
func writeCSV(o *out, g *glossary.Glossary) {
	w := csv.NewWriter(writerFunc(o.bytes))
	w.UseCRLF = true
	w.Write(CSVColumns)
	row := make([]string, len(CSVColumns))
	for _, t := range g.Topics {
		term := TermOf(g, t)
		copy(row, []string{term.Slug, term.Title, JoinValues(term.Aliases), term.Summary, term.Category,
			JoinValues(term.Tags), JoinValues(term.Broader), JoinValues(term.Related), term.Status,
			term.Updated, term.URL, g.Settings.License})
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
}

// writeJSON writes the header's fields, then the terms one per line.
func writeJSON(o *out, g *glossary.Glossary) {
	s := g.Settings
	head, _ := json.Marshal(jsonHeader{
		Version: JSONVersion, Title: s.Title, Description: s.Description, Language: Language(g),
		URL: s.BaseURL, Scheme: SchemeURI(g), License: s.License, LicenseURL: s.LicenseURL, Modified: Modified(g),
	})
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
