package content_test

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/i18n"
	"glossary/generator/internal/markdown"
)

var md = markdown.New(markdown.Options{})

// file is the path every parsed test file reports in its diagnostics.
const file = "content/x.md"

// messages prints a list in file order without dropping repeats, so a test
// also catches a problem reported twice.
func messages(d diag.List) []string {
	d = slices.Clone(d)
	slices.SortStableFunc(d, func(a, b diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg, b.Msg))
	})
	out := make([]string, len(d))
	for i, x := range d {
		out[i] = x.String()
	}
	return out
}

// match compares diagnostics with wanted lines. A wanted line ending in
// "..." matches any diagnostic it is a prefix of: decoders word their own
// messages, and only their position is ours.
func match(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i, w := range want {
		if p, ok := strings.CutSuffix(w, "..."); ok {
			if !strings.HasPrefix(got[i], p) {
				return false
			}
		} else if got[i] != w {
			return false
		}
	}
	return true
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "missing front matter",
			src:  "## Definition\n\nText.\n",
			want: []string{file + `:1:1: missing front matter: a topic starts with a --- block holding at least title and summary`},
		},
		{
			name: "empty file",
			src:  "",
			want: []string{file + `:1:1: missing front matter: a topic starts with a --- block holding at least title and summary`},
		},
		{
			name: "unclosed front matter",
			src:  "\n---\ntitle: A\nsummary: B\n\n## Definition\n\nText.\n",
			want: []string{file + `:2:1: front matter is not closed: no closing "---" line`},
		},
		{
			name: "unclosed TOML front matter",
			src:  "+++\ntitle = \"A\"\nsummary = \"B\"\n\n## Definition\n\nText.\n",
			want: []string{file + `:1:1: front matter is not closed: no closing "+++" line`},
		},
		{
			name: "malformed YAML",
			src:  "---\ntitle: A\nsummary: B\ntags: [a, b\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:1: invalid YAML front matter: ...`},
		},
		{
			name: "YAML that is not a mapping",
			src:  "---\njust a sentence\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:2:1: invalid YAML front matter: expected lines of key: value, got the text "just a sentence"`},
		},
		{
			name: "malformed TOML",
			src:  "+++\ntitle = \"A\"\nsummary = \"B\"\ntags = 5 5\n+++\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:10: invalid TOML front matter: expected a top-level item to end with a newline, comment, or EOF, but got '5' instead`},
		},
		{
			name: "malformed JSON",
			src:  "{\n  \"title\": \"A\",\n  \"summary\": \"B\"\n  \"tags\": []\n}\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:3: invalid JSON front matter: invalid character '"' after object key:value pair`},
		},
		{
			name: "malformed JSON on its closing line",
			src:  "{\n  \"title\": \"A\",\n  \"summary\": \"B\",\n}\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:1: invalid JSON front matter: ...`},
		},
		{
			name: "missing title",
			src:  "---\nsummary: B\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:1:1: missing required front matter key "title"`},
		},
		{
			name: "missing title and summary",
			src:  "---\n---\n\n## Definition\n\nText.\n",
			want: []string{
				file + `:1:1: missing required front matter key "summary"`,
				file + `:1:1: missing required front matter key "title"`,
			},
		},
		{
			name: "empty title",
			src:  "---\ntitle: \"  \"\nsummary: B\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:2:8: title is empty`},
		},
		{
			name: "empty summary",
			src:  "---\ntitle: A\nsummary:\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:3:9: summary is empty`},
		},
		{
			name: "summary on two lines",
			src:  "---\ntitle: A\nsummary: |\n  One.\n  Two.\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:3:10: summary must be one sentence on one line`},
		},
		{
			name: "tags is a number",
			src:  "---\ntitle: A\nsummary: B\ntags: 5\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:7: tags: expected a list such as [a, b], got the number 5`},
		},
		{
			name: "tag that is a list",
			src:  "---\ntitle: A\nsummary: B\ntags: [a, [5]]\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:11: tags: expected a list of text, got an item that is a list`},
		},
		{
			name: "draft is text",
			src:  "---\ntitle: A\nsummary: B\ndraft: \"yes\"\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:8: draft: expected true or false, got the text "yes"`},
		},
		{
			name: "title is a list",
			src:  "---\ntitle: [a]\nsummary: B\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:2:8: title: expected text, got a list`},
		},
		{
			name: "summary is a table",
			src:  "---\ntitle: A\nsummary:\n  x: 1\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:3: summary: expected text, got a nested table`},
		},
		{
			name: "wrong types in TOML",
			src:  "+++\ntitle = \"A\"\nsummary = \"B\"\ntags = 5\ndraft = \"yes\"\n+++\n\n## Definition\n\nText.\n",
			want: []string{
				file + `:4:8: tags: expected a list such as [a, b], got the number 5`,
				file + `:5:9: draft: expected true or false, got the text "yes"`,
			},
		},
		{
			name: "wrong types in JSON",
			src:  "{\n  \"title\": \"A\",\n  \"summary\": \"B\",\n  \"draft\": \"yes\"\n}\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:12: draft: expected true or false, got the text "yes"`},
		},
		{
			name: "unknown key",
			src:  "---\ntitle: A\nsummary: B\nsumary: C\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:1: unknown front matter key "sumary" (did you mean "summary"?)`},
		},
		{
			name: "unknown key, nothing close",
			src:  "---\ntitle: A\nsummary: B\nweather: sunny\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:1: unknown front matter key "weather"`},
		},
		{
			name: "unknown key in TOML",
			src:  "+++\ntitle = \"A\"\nsummary = \"B\"\ncatgory = \"C\"\n+++\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:1: unknown front matter key "catgory" (did you mean "category"?)`},
		},
		{
			name: "invalid date",
			src:  "---\ntitle: A\nsummary: B\nupdated: 2026-02-30\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:10: updated: "2026-02-30" is not a real date in the form YYYY-MM-DD`},
		},
		{
			name: "date in another form",
			src:  "---\ntitle: A\nsummary: B\nupdated: 20 May 2026\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:10: updated: "20 May 2026" is not a real date in the form YYYY-MM-DD`},
		},
		{
			name: "slug with capitals",
			src:  "---\ntitle: A\nsummary: B\nslug: Deductible\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:7: slug "Deductible" may hold only lowercase letters, digits and single hyphens`},
		},
		{
			name: "slug with a space",
			src:  "---\ntitle: A\nsummary: B\nslug: policy limit\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:7: slug "policy limit" may hold only lowercase letters, digits and single hyphens`},
		},
		{
			name: "slug with a slash",
			src:  "---\ntitle: A\nsummary: B\nslug: a/b\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:7: slug "a/b" may hold only lowercase letters, digits and single hyphens`},
		},
		{
			name: "slug that climbs",
			src:  "---\ntitle: A\nsummary: B\nslug: ..\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:7: slug ".." may hold only lowercase letters, digits and single hyphens`},
		},
		{
			name: "slug with a double hyphen",
			src:  "---\ntitle: A\nsummary: B\nslug: a--b\n---\n\n## Definition\n\nText.\n",
			want: []string{file + `:4:7: slug "a--b" may hold only lowercase letters, digits and single hyphens`},
		},
		{
			name: "missing Definition",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Structural Characteristics\n\nText.\n",
			want: []string{file + `:5:1: missing required section "## Definition"`},
		},
		{
			name: "no body",
			src:  "---\ntitle: A\nsummary: B\n---\n",
			want: []string{file + `:5:1: missing required section "## Definition"`},
		},
		{
			name: "empty Definition",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\n## FAQ\n\n### Q?\n\nA.\n",
			want: []string{file + `:6:1: section "Definition" is empty`},
		},
		{
			name: "unknown section",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nText.\n\n## Structual Characteristics\n\nText.\n",
			want: []string{file + `:10:4: unknown section "Structual Characteristics" (did you mean "Structural Characteristics"?); the sections are "Definition", "Structural Characteristics", "Parameters & Conditions", "Topic Relationships", "Exceptions, Limitations & Boundaries", "FAQ"`},
		},
		{
			name: "unknown section, nothing close",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nText.\n\n## History\n\nText.\n",
			want: []string{file + `:10:4: unknown section "History"; the sections are "Definition", "Structural Characteristics", "Parameters & Conditions", "Topic Relationships", "Exceptions, Limitations & Boundaries", "FAQ"`},
		},
		{
			name: "section twice",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nText.\n\n## definition\n\nMore.\n",
			want: []string{file + `:10:4: section "Definition" appears twice (first at line 6)`},
		},
		{
			name: "level-1 heading",
			src:  "---\ntitle: A\nsummary: B\n---\n\n# A\n\n## Definition\n\nText.\n",
			want: []string{file + `:6:3: level-1 heading "A": the title comes from front matter; sections are ## headings`},
		},
		{
			name: "text before the first section",
			src:  "---\ntitle: A\nsummary: B\n---\n\nIntro.\n\nMore intro.\n\n## Definition\n\nText.\n",
			want: []string{file + `:6:1: text before the first section: start the body with "## Definition"`},
		},
		{
			name: "FAQ question without answer",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nText.\n\n## FAQ\n\n### First?\n\n### Second?\n\nYes.\n",
			want: []string{file + `:12:5: FAQ question "First?" has no answer`},
		},
		{
			name: "FAQ text before the first question",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nText.\n\n## FAQ\n\nStray.\n\n### Q?\n\nYes.\n",
			want: []string{file + `:12:1: FAQ: write each question as a ### heading followed by its answer`},
		},
		{
			name: "FAQ without questions",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nText.\n\n## FAQ\n",
			want: []string{file + `:10:1: FAQ has no questions: write each as a ### heading followed by its answer`},
		},
		{
			name: "link to a file that is not a topic",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nSee the [form](forms/claim.pdf).\n",
			want: []string{file + `:8:9: link "forms/claim.pdf" is not a topic: link to another topic's .md file, a #heading, or a full https:// address`},
		},
		{
			name: "root-relative link",
			src:  "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nSee [B](/topics/b/).\n",
			want: []string{file + `:8:5: link "/topics/b/" is root-relative and breaks when the site is hosted under a sub-path: link to the topic's .md file instead`},
		},
		{
			name: "BOM and CRLF keep line numbers",
			src: "\ufeff---\r\ntitle: A\r\nsummary: B\r\nsumary: C\r\n---\r\n\r\n## Definition\r\n\r\n" +
				"Text with [a link](notes.txt).\r\n\r\n## Bogus\r\n\r\nText.\r\n",
			want: []string{
				file + `:4:1: unknown front matter key "sumary" (did you mean "summary"?)`,
				file + `:9:11: link "notes.txt" is not a topic: link to another topic's .md file, a #heading, or a full https:// address`,
				file + `:11:4: unknown section "Bogus"; the sections are "Definition", "Structural Characteristics", "Parameters & Conditions", "Topic Relationships", "Exceptions, Limitations & Boundaries", "FAQ"`,
			},
		},
		{
			name: "every problem at once",
			src:  "---\ntitle: A\nsumary: B\ndraft: 1\n---\n\nStray.\n\n## Defintion\n\nText.\n",
			want: []string{
				file + `:1:1: missing required front matter key "summary"`,
				file + `:3:1: unknown front matter key "sumary" (did you mean "summary"?)`,
				file + `:4:8: draft: expected true or false, got the number 1`,
				file + `:6:1: missing required section "## Definition"`,
				file + `:7:1: text before the first section: start the body with "## Definition"`,
				file + `:9:4: unknown section "Defintion" (did you mean "Definition"?); the sections are "Definition", "Structural Characteristics", "Parameters & Conditions", "Topic Relationships", "Exceptions, Limitations & Boundaries", "FAQ"`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, d := content.Parse(md, file, "x.md", []byte(tt.src))
			if got := messages(d); !match(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			for _, x := range d {
				if strings.Contains(x.Msg, "\n") {
					t.Errorf("message on more than one line: %q", x.String())
				}
			}
		})
	}
}

func TestParseFileNameSlug(t *testing.T) {
	src := "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nText.\n"
	tests := []struct {
		rel, slug string
		want      []string
	}{
		{rel: "sub/policy-limit.md", slug: "policy-limit"},
		{rel: "Policy Limit.md", slug: "Policy Limit", want: []string{
			`content/Policy Limit.md:1:1: file name "content/Policy Limit.md" does not make a valid slug (lowercase letters, digits, hyphens): rename the file or set slug`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			topic, _, d := content.Parse(md, "content/"+tt.rel, tt.rel, []byte(src))
			if topic.Slug != tt.slug {
				t.Errorf("slug = %q, want %q", topic.Slug, tt.slug)
			}
			if got := messages(d); !match(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	// A valid slug in front matter rescues a file name that is not one.
	topic, _, d := content.Parse(md, file, "Policy Limit.md", []byte("---\ntitle: A\nsummary: B\nslug: policy-limit\n---\n\n## Definition\n\nText.\n"))
	if topic.Slug != "policy-limit" || len(d) > 0 {
		t.Errorf("slug = %q, diagnostics %v; want policy-limit and none", topic.Slug, d)
	}
}

func TestParseValid(t *testing.T) {
	const faq = "\n\n### Is it?\n\nYes.\n"
	tests := []struct {
		name      string
		src       string
		title     string
		sections  []content.Section
		questions []string
	}{
		{
			name:     "YAML",
			src:      "---\ntitle: Deductible\nsummary: What the insured pays first.\n---\n\n## Definition\n\nText.\n",
			title:    "Deductible",
			sections: []content.Section{content.Definition},
		},
		{
			name:     "YAML after blank lines",
			src:      "\n\n---\ntitle: Deductible\nsummary: S.\n---\n\n## Definition\n\nText.\n",
			title:    "Deductible",
			sections: []content.Section{content.Definition},
		},
		{
			name:     "TOML",
			src:      "+++\ntitle = \"Deductible\"\nsummary = \"S.\"\nupdated = 2026-01-02\n+++\n\n## Definition\n\nText.\n",
			title:    "Deductible",
			sections: []content.Section{content.Definition},
		},
		{
			name:     "JSON",
			src:      "{\n  \"title\": \"Deductible\",\n  \"summary\": \"S.\",\n  \"draft\": false\n}\n\n## Definition\n\nText.\n",
			title:    "Deductible",
			sections: []content.Section{content.Definition},
		},
		{
			name:      "BOM and CRLF",
			src:       "\ufeff---\r\ntitle: Deductible\r\nsummary: S.\r\n---\r\n\r\n## Definition\r\n\r\nText.\r\n\r\n## FAQ\r\n\r\n### Is it?\r\n\r\nYes.\r\n",
			title:     "Deductible",
			sections:  []content.Section{content.Definition, content.FAQ},
			questions: []string{"Is it?"},
		},
		{
			name:      "Definitional FAQ",
			src:       "---\ntitle: Deductible\nsummary: S.\n---\n\n## Definition\n\nText.\n\n## Definitional FAQ" + faq,
			title:     "Deductible",
			sections:  []content.Section{content.Definition, content.FAQ},
			questions: []string{"Is it?"},
		},
		{
			name:      "<Title>: Definitional FAQ",
			src:       "---\ntitle: Deductible\nsummary: S.\n---\n\n## Definition\n\nText.\n\n## Deductible: Definitional FAQ" + faq,
			title:     "Deductible",
			sections:  []content.Section{content.Definition, content.FAQ},
			questions: []string{"Is it?"},
		},
		{
			name:      "Frequently Asked Questions",
			src:       "---\ntitle: Deductible\nsummary: S.\n---\n\n## Definition\n\nText.\n\n## Frequently  asked questions" + faq,
			title:     "Deductible",
			sections:  []content.Section{content.Definition, content.FAQ},
			questions: []string{"Is it?"},
		},
		{
			name: "all sections, with alternative names",
			src: "---\ntitle: Deductible\nsummary: S.\n---\n\n## Definition\n\nText.\n\n## Structural Characteristics\n\nText.\n\n" +
				"## Parameters and Conditions\n\nText.\n\n## Topic Relationships\n\nText.\n\n" +
				"## Exceptions, Limitations and Boundaries\n\nText.\n\n## FAQ\n\n### One?\n\nYes.\n\n### Two?\n\n- No.\n",
			title: "Deductible",
			sections: []content.Section{content.Definition, content.Structural, content.Parameters,
				content.Relationships, content.Exceptions, content.FAQ},
			questions: []string{"One?", "Two?"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topic, doc, d := content.Parse(md, file, "x.md", []byte(tt.src))
			if len(d) > 0 {
				t.Fatalf("unexpected diagnostics:\n%s", strings.Join(messages(d), "\n"))
			}
			if doc == nil {
				t.Fatal("no document")
			}
			if topic.Title != tt.title {
				t.Errorf("title = %q, want %q", topic.Title, tt.title)
			}
			var has []content.Section
			for s := range content.NumSections {
				if topic.HasSection[s] {
					has = append(has, s)
				}
			}
			if !slices.Equal(has, tt.sections) {
				t.Errorf("sections = %v, want %v", has, tt.sections)
			}
			if !slices.Equal(topic.Questions, tt.questions) {
				t.Errorf("questions = %q, want %q", topic.Questions, tt.questions)
			}
			if len(doc.Questions) != len(tt.questions) {
				t.Errorf("document has %d questions, want %d", len(doc.Questions), len(tt.questions))
			}
			if topic.Definition != "Text." {
				t.Errorf("definition = %q, want %q", topic.Definition, "Text.")
			}
		})
	}
}

func TestParseTopic(t *testing.T) {
	src := `---
title: Policy Limit
summary: The most the insurer pays.
category: Policy Structure
aliases: [Limit of Liability, " "]
tags: [limits, policy-terms]
related:
  - deductible
  - sublimit
updated: 2026-03-04
draft: true
autolink: false
---

## Definition

The most an insurer pays, see [[Deductible]] and [the sublimit](../sublimit.md#how-it-works),
[the FAQ](#faq-entry) and [a site](https://example.org/x.md).

## FAQ

### FAQ entry

Yes.
`
	topic, _, d := content.Parse(md, "content/sub/policy-limit.md", "sub/policy-limit.md", []byte(src))
	if len(d) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", strings.Join(messages(d), "\n"))
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"slug", topic.Slug, "policy-limit"},
		{"rel", topic.Rel, "sub/policy-limit.md"},
		{"title", topic.Title, "Policy Limit"},
		{"summary", topic.Summary, "The most the insurer pays."},
		{"category", topic.Category, "Policy Structure"},
		{"aliases", topic.Aliases, []string{"Limit of Liability"}},
		{"tags", topic.Tags, []string{"limits", "policy-terms"}},
		{"related", topic.Related, []content.Ref{{Name: "deductible", Line: 8, Col: 5}, {Name: "sublimit", Line: 9, Col: 5}}},
		{"updated", topic.Updated, "2026-03-04"},
		{"draft", topic.Draft, true},
		{"autolink", topic.Autolink, false},
		{"title line", topic.KeyLines["title"], 2},
		{"tags line", topic.KeyLines["tags"], 6},
		{"anchors", sortedKeys(topic.Anchors), []string{"definition", "faq", "faq-entry"}},
		{"links", topic.Links, []content.Link{
			{Kind: content.WikiLink, Target: "Deductible", Line: 17, Col: 31},
			{Kind: content.FileLink, Target: "sublimit.md", Fragment: "how-it-works", Line: 17, Col: 50},
			{Kind: content.AnchorLink, Fragment: "faq-entry", Line: 18, Col: 1},
		}},
	}
	for _, c := range checks {
		if !equal(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.what, c.got, c.want)
		}
	}

	// Defaults: no category, autolink on, no draft.
	topic, _, d = content.Parse(md, file, "x.md", []byte("---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nText.\n"))
	if len(d) > 0 || topic.Category != content.DefaultCategory || !topic.Autolink || topic.Draft {
		t.Errorf("defaults: category %q autolink %v draft %v diagnostics %v", topic.Category, topic.Autolink, topic.Draft, d)
	}
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []string:
		return slices.Equal(a, b.([]string))
	case []content.Ref:
		return slices.Equal(a, b.([]content.Ref))
	case []content.Link:
		return slices.Equal(a, b.([]content.Link))
	case []content.Source:
		return slices.Equal(a, b.([]content.Source))
	}
	return a == b
}

func TestParseDestination(t *testing.T) {
	tests := []struct {
		dest string
		want content.Link
		ok   bool
	}{
		{dest: "b.md", want: content.Link{Kind: content.FileLink, Target: "sub/b.md"}, ok: true},
		{dest: "../b.md#x", want: content.Link{Kind: content.FileLink, Target: "b.md", Fragment: "x"}, ok: true},
		{dest: "../../out.md", want: content.Link{Kind: content.FileLink, Target: "../out.md"}, ok: true},
		{dest: "Policy%20Limit.MD", want: content.Link{Kind: content.FileLink, Target: "sub/Policy Limit.MD"}, ok: true},
		{dest: "#faq", want: content.Link{Kind: content.AnchorLink, Fragment: "faq"}, ok: true},
		{dest: "https://example.org/a.md"},
		{dest: "//example.org/a.md"},
		{dest: "mailto:someone@example.org"},
		{dest: "/topics/b/"},
		{dest: "notes.txt"},
		{dest: ""},
	}
	for _, tt := range tests {
		got, ok := content.ParseDestination("sub/a.md", tt.dest)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseDestination(%q) = %+v, %v; want %+v, %v", tt.dest, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIgnored(t *testing.T) {
	tests := []struct {
		name           string
		ignored, topic bool
	}{
		{name: "deductible.md", topic: true},
		{name: "notes.txt"},
		{name: "deductible.md~", ignored: true},
		{name: ".deductible.md.swp", ignored: true},
		{name: "deductible.md.swp", ignored: true},
		{name: "deductible.md.swx", ignored: true},
		{name: "deductible.md.tmp", ignored: true},
		{name: ".#deductible.md", ignored: true},
		{name: "#deductible.md#", ignored: true},
		{name: "_draft.md", ignored: true},
		{name: "_index.md", ignored: true},
		{name: ".hidden.md", ignored: true},
		{name: ".git", ignored: true},
	}
	for _, tt := range tests {
		if got := content.Ignored(tt.name); got != tt.ignored {
			t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.ignored)
		}
		if got := content.IsTopicFile(tt.name); got != tt.topic {
			t.Errorf("IsTopicFile(%q) = %v, want %v", tt.name, got, tt.topic)
		}
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "content")
	write := func(rel string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, rel string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
			t.Fatal(err)
		}
	}
	for _, rel := range []string{
		"content/b.md", "content/a.md", "content/sub/c.md", "content/sub/deeper/d.md",
		"content/_index.md", "content/_draft.md", "content/a.md~", "content/.a.md.swp",
		"content/.#a.md", "content/#a.md#", "content/notes.txt",
		"content/.git/e.md", "content/.obsidian/f.md", "content/_unpublished/g.md",
		"outside/secret.md", "outside/dir/h.md",
	} {
		write(rel)
	}
	link("a.md", "content/same.md")
	link("../outside/secret.md", "content/secret.md")
	link("../outside/dir", "content/dir")
	link("sub", "content/sub-again")
	link("missing.md", "content/dangling.md")

	files, d := content.Files(root)
	want := []string{"a.md", "b.md", "same.md", "sub/c.md", "sub/deeper/d.md"}
	if !slices.Equal(files, want) {
		t.Errorf("Files = %q, want %q", files, want)
	}
	wantDiags := []string{
		root + "/dangling.md:1:1: symbolic link points outside the content folder; it is not followed",
		root + "/dir:1:1: symbolic link points outside the content folder; it is not followed",
		root + "/secret.md:1:1: symbolic link points outside the content folder; it is not followed",
		root + "/sub-again:1:1: symbolic link to a folder is not followed; move the folder here instead",
	}
	if got := messages(d); !slices.Equal(got, wantDiags) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantDiags, "\n"))
	}
}

func TestFilesSymlinkedRoot(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"a.md", "sub/b.md"} {
		if err := os.WriteFile(filepath.Join(real, rel), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := filepath.Join(dir, "content")
	if err := os.Symlink("real", root); err != nil {
		t.Fatal(err)
	}
	files, d := content.Files(root)
	if want := []string{"a.md", "sub/b.md"}; !slices.Equal(files, want) || len(d) > 0 {
		t.Errorf("Files through a symlinked content folder = %q, %v; want %q and no diagnostics", files, d, want)
	}
}

func TestFilesMissingRoot(t *testing.T) {
	root := filepath.Join(t.TempDir(), "nope")
	files, d := content.Files(root)
	want := []string{root + ":1:1: content folder: no such file or directory"}
	if got := messages(d); len(files) > 0 || !slices.Equal(got, want) {
		t.Errorf("Files = %q, %q; want nothing and %q", files, got, want)
	}
}

func TestSlugFor(t *testing.T) {
	tests := []struct{ title, slug string }{
		{"Deductible", "deductible"},
		{"Some Title", "some-title"},
		{"Café Liability", "cafe-liability"},
		{"Insurer's Rights", "insurers-rights"},
		{"Insurer’s Rights", "insurers-rights"},
		{"  Hold -- Harmless!  ", "hold-harmless"},
		{"IaaS / PaaS", "iaas-paas"},
		{"Section 230 (c)", "section-230-c"},
		{"Naïve Über Größe", "naive-uber-grosse"},
		{"GROẞE Straße", "grosse-strasse"},
		{"Æther Cover", "aether-cover"},
		{"Œuvre d’art", "oeuvre-dart"},
		{"Størrelse Ø", "storrelse-o"},
		{"Łódź Ł", "lodz-l"},
		{"Þingvellir þ", "thingvellir-th"},
		{"Đorđe Đ", "dorde-d"},
		{"Ðað Ð", "dad-d"},
		{"Ħamrun ħ", "hamrun-h"},
		{"Kırklareli İstanbul", "kirklareli-istanbul"},
		{"Ĳssel ĳ", "ijssel-ij"},
		{"Coŀlecció Col·lecció", "colleccio-col-leccio"},
		{"Kŉ Ŋŋ ĸ Ŧŧ ſ", "kn-ngng-k-tt-s"},
		{"日本", ""},
		{"", ""},
	}
	for _, tt := range tests {
		slug := content.SlugFor(tt.title)
		if slug != tt.slug {
			t.Errorf("SlugFor(%q) = %q, want %q", tt.title, slug, tt.slug)
		}
		if slug != "" && !content.ValidSlug(slug) {
			t.Errorf("SlugFor(%q) = %q, which is not a valid slug", tt.title, slug)
		}
	}
}

func TestScaffold(t *testing.T) {
	for _, title := range []string{
		"Some Title",
		"Café Liability",
		`Quoted "Term"`,
		"Colon: Subtitle",
		"# Not a Comment",
		"Back\\slash",
		"yes",
		"2026-01-02",
		"Tab\tInside",
	} {
		t.Run(title, func(t *testing.T) {
			rel := content.SlugFor(title) + ".md"
			topic, doc, d := content.Parse(md, "content/"+rel, rel, content.Scaffold(title, "2026-01-02"))
			if len(d) > 0 {
				t.Fatalf("scaffold has diagnostics:\n%s", strings.Join(messages(d), "\n"))
			}
			if topic.Title != title || topic.Updated != "2026-01-02" || topic.Category != content.DefaultCategory {
				t.Errorf("title %q updated %q category %q", topic.Title, topic.Updated, topic.Category)
			}
			for s := range content.NumSections {
				if !topic.HasSection[s] {
					t.Errorf("scaffold lacks section %q", s.Title())
				}
			}
			if doc == nil || len(topic.Questions) != 1 {
				t.Errorf("scaffold has %d questions, want 1", len(topic.Questions))
			}
		})
	}
}

// The scaffold's commented examples of broader, compare and sources are
// valid front matter once uncommented.
func TestScaffoldExamples(t *testing.T) {
	var lines []string
	for _, l := range strings.Split(string(content.Scaffold("Term", "2026-01-02")), "\n") {
		for _, key := range []string{"broader:", "compare:", "sources:", "  - ", "    "} {
			if rest, ok := strings.CutPrefix(l, "# "); ok && strings.HasPrefix(rest, key) {
				l = rest
				break
			}
		}
		lines = append(lines, l)
	}
	topic, _, d := content.Parse(md, "content/term.md", "term.md", []byte(strings.Join(lines, "\n")))
	if len(d) > 0 {
		t.Fatalf("uncommented scaffold has diagnostics:\n%s", strings.Join(messages(d), "\n"))
	}
	if len(topic.Broader) != 1 || len(topic.Compare) != 1 || len(topic.Sources) != 1 || topic.Law() == "" {
		t.Errorf("broader %v, compare %v, sources %v: want one of each, and a law", topic.Broader, topic.Compare, topic.Sources)
	}
}

func TestParseSettings(t *testing.T) {
	tests := []struct {
		name, src string
		base      string
		want      []string
	}{
		{name: "missing file", base: ""},
		{
			name: "base URL gains its slash",
			src:  "---\ntitle: T\nbase_url: https://example.org/glossary\n---\n\nIntro with [a](a.md).\n",
			base: "https://example.org/glossary/",
		},
		{
			name: "relative base URL",
			src:  "---\ntitle: T\nbase_url: /glossary/\n---\n",
			want: []string{`content/_index.md:3:11: base_url "/glossary/" must be an absolute http(s) address such as https://example.org/glossary/`},
		},
		{
			name: "key set to nothing",
			src:  "---\ntitle: T\ndescription:\n---\n",
			want: []string{`content/_index.md:3:13: description is empty`},
		},
		{
			name: "unknown key and bad link",
			src:  "---\ntitel: T\n---\n\nSee [x](/x/).\n",
			want: []string{
				`content/_index.md:2:1: unknown front matter key "titel" (did you mean "title"?)`,
				`content/_index.md:5:5: link "/x/" is root-relative and breaks when the site is hosted under a sub-path: link to the topic's .md file instead`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var src []byte
			if tt.src != "" {
				src = []byte(tt.src)
			}
			s, d := content.ParseSettings(md, "content/_index.md", src)
			if got := messages(d); !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if s.BaseURL != tt.base {
				t.Errorf("base URL = %q, want %q", s.BaseURL, tt.base)
			}
		})
	}
}

// FuzzParse feeds Parse arbitrary files: it must never panic, and what it
// reports must point inside the file, one line per message.
func FuzzParse(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("testdata", "fuzz-seed", "*.md"))
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seed files in testdata/fuzz-seed (%v)", err)
	}
	for _, p := range seeds {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"", "---", "---\n---", "+++\n+++\n", "{\n}\n", "{}", ";;;\n;;;\n", "---json\n{}\n---\n",
		"\ufeff", "\r\n", "---\ntitle: A\nsummary: B\n---\n## FAQ\n### Q\n",
		"---\ntitle: A\nsummary: B\n---\n\n## Definition\n\n[[a]] [[|]] [x](#) [y](..md) ![z](%zz.md)\n",
		"---\ntitle: A\nsummary: B\nrelated: [a, [b]]\ntags: {a: 1}\n---\n",
	} {
		f.Add([]byte(s))
	}
	// The same bytes read as a French translation, as a translation's
	// start, and as settings, must not panic either.
	catalog, cd := i18n.Load(filepath.Join("..", "..", "..", "templates", "i18n"))
	if len(cd) > 0 {
		f.Fatal(cd)
	}
	fr := &content.Languages{Default: "en", Others: []string{"fr"}, Catalog: catalog}
	f.Fuzz(func(t *testing.T, src []byte) {
		topic, _, d := content.Parse(md, file, "x.md", src)
		if topic == nil {
			t.Fatal("Parse returned no topic")
		}
		if tr, _ := content.ParseHeader(fr, file, "x.fr.md", src); tr.Lang != "fr" || tr.Key != "x.md" && !strings.HasPrefix(tr.Key, "key:") {
			t.Errorf("x.fr.md read as language %q of %q", tr.Lang, tr.Key)
		} else if tr.BodyStart >= 0 {
			content.ParseBody(md, fr, nil, tr, src)
		}
		content.Translation(fr, topic, src, "fr", "2026-01-01")
		settings, _ := content.ParseSettings(md, file, src)
		content.ParseLanguageSettings(md, file, src, settings, "fr")
		// Decoders and goldmark also end lines at a lone "\r"; diag.Lines
		// does not, so such files may report any line up to the count of both.
		lines := 1 + strings.Count(string(src), "\n") + strings.Count(string(src), "\r")
		for _, x := range d {
			if x.Path != file || x.Line < 0 || x.Line > lines || x.Col < 0 {
				t.Errorf("diagnostic outside the file's %d lines: %q", lines, x.String())
			}
			if strings.ContainsAny(x.Msg, "\r\n") {
				t.Errorf("message on more than one line: %q", x.String())
			}
		}
		for _, l := range topic.Links {
			if l.Line < 1 || l.Line > lines {
				t.Errorf("link %+v outside the file's %d lines", l, lines)
			}
		}
		// Where lines are unambiguous, a column is at most one past the
		// end of its line.
		if !strings.Contains(string(src), "\r") {
			srcLines := strings.Split(string(src), "\n")
			for _, x := range d {
				if x.Line >= 1 && x.Line <= len(srcLines) && x.Col > utf8.RuneCountInString(srcLines[x.Line-1])+1 {
					t.Errorf("diagnostic past the end of line %d (%q): %q", x.Line, srcLines[x.Line-1], x.String())
				}
			}
		}
	})
}
