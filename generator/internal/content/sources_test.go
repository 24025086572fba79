package content_test

import (
	"strings"
	"testing"

	"glossary/generator/internal/content"
)

func TestSources(t *testing.T) {
	src := `---
title: Personal Data Breach
summary: A breach of security leading to the loss of personal data.
broader: [data-breach]
compare:
  - security-incident
sources:
  - title: General Data Protection Regulation
    url: https://eur-lex.europa.eu/eli/reg/2016/679/oj
    publisher: European Union
    date: 2016-04-27
    locator: Art. 4(12)
    kind: regulation
  - title: "ISO/IEC 27000:2018"
    date: 2018
    kind: standard
  - {title: A Treatise, date: 2019-05, kind: book}
---
` + body
	tp, _, d := content.Parse(md, file, "x.md", []byte(src))
	if len(d) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(messages(d), "\n"))
	}
	want := []content.Source{
		{Title: "General Data Protection Regulation", URL: "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
			Publisher: "European Union", Date: "2016-04-27", Locator: "Art. 4(12)", Kind: "regulation", Line: 9, Col: 10},
		{Title: "ISO/IEC 27000:2018", Date: "2018", Kind: "standard", Line: 14, Col: 5},
		{Title: "A Treatise", Date: "2019-05", Kind: "book", Line: 17, Col: 5},
	}
	if !equal(tp.Sources, want) {
		t.Errorf("sources = %#v\nwant %#v", tp.Sources, want)
	}
	if got := tp.Law(); got != "General Data Protection Regulation" {
		t.Errorf("Law() = %q, want the regulation's title", got)
	}
	if want := []content.Ref{{Name: "data-breach", Line: 4, Col: 11}}; !equal(tp.Broader, want) {
		t.Errorf("broader = %#v, want %#v", tp.Broader, want)
	}
	if want := []content.Ref{{Name: "security-incident", Line: 6, Col: 5}}; !equal(tp.Compare, want) {
		t.Errorf("compare = %#v, want %#v", tp.Compare, want)
	}
}

// Every mistake in a source is reported where it was written, with the fix.
func TestSourceErrors(t *testing.T) {
	const head = "---\ntitle: A\nsummary: B\n"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"not a list", head + "sources: GDPR\n---\n",
			[]string{`content/x.md:4:10: sources: expected a list of sources, each with at least a title, got the text "GDPR"`}},
		{"item that is text", head + "sources:\n  - GDPR\n---\n",
			[]string{"content/x.md:5:5: sources: each source is a set of keys (title, url, kind, ...), got the text \"GDPR\": write it as `- title: ...`"}},
		{"no title", head + "sources:\n  - url: https://example.org/\n    kind: web\n---\n",
			[]string{`content/x.md:5:5: sources: a source needs a title: add title: with the work's name`}},
		{"empty title", head + "sources:\n  - title: \"\"\n---\n",
			[]string{`content/x.md:5:12: title is empty: give the work's name`}},
		{"javascript url", head + "sources:\n  - title: T\n    url: javascript:alert(1)\n---\n",
			[]string{`content/x.md:6:10: url "javascript:alert(1)" is not an absolute http:// or https:// address: write the full address, as in https://example.org/page`}},
		{"relative url", head + "sources:\n  - title: T\n    url: /laws/gdpr\n---\n",
			[]string{`content/x.md:6:10: url "/laws/gdpr" is not an absolute http:// or https:// address: write the full address, as in https://example.org/page`}},
		{"url without host", head + "sources:\n  - title: T\n    url: \"https:///x\"\n---\n",
			[]string{`content/x.md:6:10: url "https:///x" has no host name: write the full address, as in https://example.org/page`}},
		{"url with a space", head + "sources:\n  - title: T\n    url: https://example.org/a b\n---\n",
			[]string{`content/x.md:6:10: url "https://example.org/a b" holds ' ', which an address may not: write it percent-encoded, as %20`}},
		{"url with a quote", head + "sources:\n  - title: T\n    url: 'https://example.org/?a=\"><b>'\n---\n",
			[]string{`content/x.md:6:10: url "https://example.org/?a=\"><b>" holds '"', which an address may not: write it percent-encoded, as %22`}},
		{"bad kind", head + "sources:\n  - title: T\n    kind: regulaton\n---\n",
			[]string{`content/x.md:6:11: kind "regulaton" is not one of law, regulation, standard, case, market-wording, book, article, web (did you mean "regulation"?)`}},
		{"bad date", head + "sources:\n  - title: T\n    date: 2016-02-30\n---\n",
			[]string{`content/x.md:6:11: date "2016-02-30" is not a real date in the form YYYY-MM-DD, YYYY-MM or YYYY`}},
		{"unknown key", head + "sources:\n  - title: T\n    pubisher: EU\n---\n",
			[]string{`content/x.md:6:5: unknown key "pubisher" in a source (did you mean "publisher"?)`}},
		{"title that is a list", head + "sources:\n  - title: [a]\n---\n",
			[]string{`content/x.md:5:12: title: expected text, got a list`}},
		{"several sources, each at its place", head + "sources:\n  - title: T\n    kind: law\n  - title: U\n    kind: lawz\n---\n",
			[]string{`content/x.md:8:11: kind "lawz" is not one of law, regulation, standard, case, market-wording, book, article, web (did you mean "law"?)`}},
		{"broader item that is a list", head + "broader: [a, [b]]\n---\n",
			[]string{`content/x.md:4:14: broader: expected a list of text, got an item that is a list`}},
		{"compare not a list", head + "compare: 3\n---\n",
			[]string{`content/x.md:4:10: compare: expected a list such as [a, b], got the number 3`}},
		// TOML names the place of each [[sources]] table's keys.
		{"TOML url", "+++\ntitle = \"A\"\nsummary = \"B\"\n\n[[sources]]\ntitle = \"T\"\n\n[[sources]]\ntitle = \"U\"\nurl = \"ftp://x\"\n+++\n",
			[]string{`content/x.md:10:7: url "ftp://x" is not an absolute http:// or https:// address: write the full address, as in https://example.org/page`}},
		{"TOML missing title", "+++\ntitle = \"A\"\nsummary = \"B\"\n\n[[sources]]\nkind = \"law\"\n+++\n",
			[]string{`content/x.md:5:3: sources: a source needs a title: add title: with the work's name`}},
		// JSON names where the list starts.
		{"JSON kind", "{\n\"title\": \"A\",\n\"summary\": \"B\",\n\"sources\": [{\"title\": \"T\", \"kind\": \"statute\"}]\n}\n",
			[]string{`content/x.md:4:12: kind "statute" is not one of law, regulation, standard, case, market-wording, book, article, web`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, d := content.Parse(md, file, "x.md", []byte(tt.src+body))
			if got := messages(d); !match(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// A TOML [[sources]] table and its keys, and a JSON list of objects, read
// as YAML's list of mappings does.
func TestSourcesInTOMLAndJSON(t *testing.T) {
	want := []content.Source{{Title: "NIST SP 800-145", URL: "https://doi.org/10.6028/NIST.SP.800-145", Date: "2011-09", Kind: "standard"}}
	for name, src := range map[string]string{
		"toml": "+++\ntitle = \"A\"\nsummary = \"B\"\n\n[[sources]]\ntitle = \"NIST SP 800-145\"\nurl = \"https://doi.org/10.6028/NIST.SP.800-145\"\ndate = \"2011-09\"\nkind = \"standard\"\n+++\n",
		"json": "{\n\"title\": \"A\",\n\"summary\": \"B\",\n\"sources\": [{\"title\": \"NIST SP 800-145\", \"url\": \"https://doi.org/10.6028/NIST.SP.800-145\", \"date\": \"2011-09\", \"kind\": \"standard\"}]\n}\n",
	} {
		t.Run(name, func(t *testing.T) {
			tp, _, d := content.Parse(md, file, "x.md", []byte(src+body))
			if len(d) > 0 {
				t.Fatalf("diagnostics:\n%s", strings.Join(messages(d), "\n"))
			}
			for i := range tp.Sources {
				tp.Sources[i].Line, tp.Sources[i].Col = 0, 0
			}
			if !equal(tp.Sources, want) {
				t.Errorf("sources = %#v, want %#v", tp.Sources, want)
			}
		})
	}
}
