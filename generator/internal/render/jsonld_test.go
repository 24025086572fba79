package render_test

// A golden test of a topic page's structured data: build a tiny site with
// the repository's templates, take the JSON-LD out of the page of a topic
// with aliases and an FAQ, pretty-print it and compare it with
// testdata/topic-faq.jsonld.golden. Run with -update to rewrite the file
// after an intended change:
//
//	go test ./generator/internal/render/ -run TestTopicJSONLD -update

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"glossary/generator/internal/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const (
	repoTemplates = "../../../templates"
	repoStatic    = "../../../static"
	jsonldGolden  = "testdata/topic-faq.jsonld.golden"
)

var jsonldSite = map[string]string{
	"_index.md": `---
title: Test Glossary
description: A tiny glossary for the structured data test.
base_url: https://glossary.test/docs/
language: en
---

The test glossary.
`,
	"deductible.md": `---
title: Deductible
summary: The part of a covered loss the policyholder bears before the insurer pays.
category: Policy Structure
aliases: [Excess, "Retention \"amount\""]
tags: [limits]
updated: 2026-01-02
---

## Definition

A deductible is borne by the insured; compare [Sublimit](sublimit.md).

## FAQ

### Is a deductible the same as an excess?

Yes: *excess* is the UK word.

It is <b>not</b> a [sublimit](sublimit.md) & never "erodes" by default.

### Does it apply per claim?

Usually, unless the policy says per occurrence.
`,
	"sublimit.md": `---
title: Sublimit
summary: A cap on one kind of loss inside the policy limit.
category: Policy Structure
---

## Definition

A sublimit caps part of the cover; see [Deductible](deductible.md).
`,
}

var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func TestTopicJSONLD(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range jsonldSite {
		if err := os.WriteFile(filepath.Join(content, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	s := pipeline.NewSite(pipeline.Config{Content: content, Templates: repoTemplates, Static: repoStatic, Out: out})
	s.Load()
	if _, err := s.Generate(pipeline.Full); err != nil {
		t.Fatalf("building the test site: %v", err)
	}
	page, err := os.ReadFile(filepath.Join(out, "topics", "deductible", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := ldScript.FindAllSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("the topic page has %d JSON-LD scripts, want 1", len(m))
	}
	raw := m[0][1]
	// The script is parsed as JSON by search engines as it stands: it must
	// be valid JSON, with nothing that could close the script element.
	if !json.Valid(raw) {
		t.Fatalf("the JSON-LD is not valid JSON:\n%s", raw)
	}
	if bytes.Contains(bytes.ToLower(raw), []byte("</")) {
		t.Errorf("the JSON-LD contains \"</\", which could end the script element early:\n%s", raw)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, raw, "", "  "); err != nil {
		t.Fatal(err)
	}
	pretty.WriteByte('\n')
	got := pretty.Bytes()

	if *update {
		if err := os.MkdirAll(filepath.Dir(jsonldGolden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(jsonldGolden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", jsonldGolden)
		return
	}
	want, err := os.ReadFile(jsonldGolden)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the JSON-LD of the topic page differs from %s (run with -update if the change is intended)\n--- got:\n%s\n--- want:\n%s", jsonldGolden, got, want)
	}
}
