package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAutolinking(t *testing.T) {
	unpackSite(t, "autolink")
	if _, err := build(testConfig); err != nil {
		t.Fatal(err)
	}
	page := func(slug string) string {
		b, err := os.ReadFile(filepath.Join(testConfig.Out, "topics", slug, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	claims := page("claims")
	for _, want := range []string{
		`<a href="../../topics/policy-limit/">policy limit</a>`,
		`<a href="../../topics/deductible/">excess</a>`,
		`a second mention of the <a href="../../topics/policy-limit/">Policy Limit</a> in another section`,
		`<h3 id="policy-limit-in-a-heading">Policy Limit in a heading</h3>`,
	} {
		if !strings.Contains(claims, want) {
			t.Errorf("claims page lacks %s", want)
		}
	}
	// Auto-links count as links: Claims Handling is a backlink of both.
	for _, slug := range []string{"policy-limit", "deductible"} {
		if p := page(slug); !strings.Contains(p, `id="linked-from"`) || !strings.Contains(p, "Claims Handling") {
			t.Errorf("%s does not list Claims Handling among the topics that link to it", slug)
		}
	}
	if p := page("opt-out"); strings.Contains(p, `href="../../topics/policy-limit/">policy limit`) {
		t.Error("a topic with autolink: false got an auto-link")
	}

	// Off for the whole site.
	settings, err := os.ReadFile("content/_index.md")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, "content/_index.md", strings.Replace(string(settings), "base_url:", "autolink: false\nbase_url:", 1))
	if _, err := build(testConfig); err != nil {
		t.Fatal(err)
	}
	if p := page("claims"); strings.Contains(p, `href="../../topics/policy-limit/"`) {
		t.Error("with autolink: false in the settings, a topic still got an auto-link")
	}
}
