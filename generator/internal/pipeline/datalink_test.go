package pipeline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDataLinkNamesTheTerm: each topic page's alternate link to the
// JSON-LD export names, in its fragment, the dct:identifier of the node
// that is that page's term, so a program can go from a page to its data.
func TestDataLinkNamesTheTerm(t *testing.T) {
	unpackSite(t, "basic")
	if _, err := build(testConfig); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(testConfig.Out, "glossary.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Graph []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	byIdentifier := map[string]string{}
	for _, n := range doc.Graph {
		if id, ok := n["identifier"].(string); ok {
			byIdentifier[id], _ = n["@id"].(string)
		}
	}
	link := regexp.MustCompile(`<link rel="alternate" type="application/ld\+json"[^>]* href="([^"]*)">`)
	pages, _ := filepath.Glob(filepath.Join(testConfig.Out, "topics", "*", "index.html"))
	if len(pages) == 0 {
		t.Fatal("no topic pages")
	}
	for _, p := range pages {
		html, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		m := link.FindSubmatch(html)
		if m == nil {
			t.Errorf("%s: no alternate link to the JSON-LD export", p)
			continue
		}
		file, fragment, _ := strings.Cut(string(m[1]), "#")
		if file != "../../glossary.jsonld" {
			t.Errorf("%s: data link %q, want ../../glossary.jsonld#<slug>", p, m[1])
		}
		slug := filepath.Base(filepath.Dir(p))
		want := "https://example.org/glossary/topics/" + slug + "/#term"
		if got := byIdentifier[fragment]; got != want {
			t.Errorf("%s: the link's fragment %q is the identifier of %q, want %q", p, fragment, got, want)
		}
	}
}
