package content_test

import (
	"strings"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/markdown"
)

// The license setting names the terms of reuse in every page footer and
// export, so it must be one that people and tools recognise: an SPDX id
// or an address.
func TestLicenseSetting(t *testing.T) {
	tests := []struct {
		value         string
		id, url, diag string
	}{
		{value: "CC-BY-4.0", id: "CC-BY-4.0", url: "https://spdx.org/licenses/CC-BY-4.0.html"},
		{value: "cc0-1.0", id: "CC0-1.0", url: "https://spdx.org/licenses/CC0-1.0.html"},
		{value: "https://example.org/terms", id: "https://example.org/terms", url: "https://example.org/terms"},
		{value: "CC-BY-4", diag: `content/_index.md:3:10: license "CC-BY-4" is not an SPDX license id (did you mean "CC-BY-4.0"?); use one from https://spdx.org/licenses/ or the licence's URL`},
		{value: "ftp://example.org/terms", diag: `content/_index.md:3:10: license "ftp://example.org/terms" must be an SPDX id such as CC-BY-4.0 or an absolute http(s) address`},
		{value: `https://example.org/?"><b>`, diag: `content/_index.md:3:10: license "https://example.org/?\"><b>" must be an SPDX id such as CC-BY-4.0 or an absolute http(s) address`},
		{value: "javascript:alert(1)", diag: `content/_index.md:3:10: license "javascript:alert(1)" must be an SPDX id such as CC-BY-4.0 or an absolute http(s) address`},
	}
	md := markdown.New(markdown.Options{})
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			src := "---\ntitle: G\nlicense: " + tt.value + "\n---\n\nIntro.\n"
			s, d := content.ParseSettings(md, "content/_index.md", []byte(src))
			var got []string
			for _, x := range d {
				got = append(got, x.String())
			}
			if tt.diag != "" {
				if strings.Join(got, "\n") != tt.diag {
					t.Errorf("diagnostics %q, want %q", got, tt.diag)
				}
				if s.License != "" || s.LicenseURL != "" {
					t.Errorf("a bad license is kept: %q %q", s.License, s.LicenseURL)
				}
				return
			}
			if len(got) > 0 {
				t.Fatalf("unexpected diagnostics %q", got)
			}
			if s.License != tt.id || s.LicenseURL != tt.url {
				t.Errorf("license %q, %q; want %q, %q", s.License, s.LicenseURL, tt.id, tt.url)
			}
		})
	}
}

// Lead is the exports' scope note: the first paragraph of the Definition,
// as plain text, whatever comes before or after it.
func TestLead(t *testing.T) {
	tests := []struct{ body, want string }{
		{"## Definition\n\nA *deductible* is [[borne]] by the insured.\n\nMore.\n", "A deductible is borne by the insured."},
		{"## Definition\n\n- first item\n- second\n\nThen a paragraph.\n", "Then a paragraph."},
		{"## Definition\n\n- only\n- a list\n", "only a list"},
		{"## FAQ\n\n### Q?\n\nA.\n\n## Definition\n\nLast but\nstill first.\n", "Last but still first."},
	}
	md := markdown.New(markdown.Options{})
	for _, tt := range tests {
		src := "---\ntitle: T\nsummary: S.\n---\n\n" + tt.body
		topic, _, _ := content.Parse(md, "content/t.md", "t.md", []byte(src))
		if topic.Lead != tt.want {
			t.Errorf("Lead of %q = %q, want %q", tt.body, topic.Lead, tt.want)
		}
	}
}
