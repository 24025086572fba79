package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func TestLinkerFind(t *testing.T) {
	l := NewLinker(Names{Names: map[string]string{
		"policy":           "Policy",
		"policy limit":     "Policy Limit",
		"third-party":      "Third-Party",
		"excess":           "Deductible",
		"excess liability": "Excess Liability",
		"ai":               "Additional Insured", // too short to link
		"waiver of subr":   "Waiver",
	}})
	tests := []struct {
		text string
		seen []string
		want string // the matched text, then "=" and the target
	}{
		{"the policy limit applies", nil, "policy limit=Policy Limit"},
		{"the Policy Limit applies", nil, "Policy Limit=Policy Limit"},
		// A second mention of a longer name links no shorter one inside it.
		{"the policy limit applies", []string{"Policy Limit"}, ""},
		{"the policy limit of the policy", []string{"Policy Limit"}, "policy=Policy"},
		{"an excess liability layer, then an excess", []string{"Excess Liability"}, "excess=Deductible"},
		{"an excess liability layer", []string{"Excess Liability"}, ""},
		{"a policy. Limit", nil, "policy=Policy"},
		{"policyholders pay", nil, ""},
		{"an excess applies", nil, "excess=Deductible"},
		{"no AI here", nil, ""},
		{"third-party claims", nil, "third-party=Third-Party"},
		{"third party claims", nil, ""},
		{"excess and policy", []string{"Deductible"}, "policy=Policy"},
	}
	for _, tt := range tests {
		seen := map[string]bool{}
		for _, s := range tt.seen {
			seen[s] = true
		}
		start, end, target := l.find(tt.text, seen)
		got := ""
		if target != "" {
			got = tt.text[start:end] + "=" + target
		}
		if got != tt.want {
			t.Errorf("find(%q, %v) = %q, want %q", tt.text, tt.seen, got, tt.want)
		}
	}
}

// TestAutolinkNeverLinks checks the places a name is never linked.
func TestAutolinkNeverLinks(t *testing.T) {
	md := New(Options{})
	l := NewLinker(Names{Names: map[string]string{"deductible": "Deductible"}})
	tests := []struct {
		name, src, want string
	}{
		{"prose", "A deductible applies.", `<p>A <a href="/d/">deductible</a> applies.</p>`},
		{"first mention only", "deductible and deductible", `<p><a href="/d/">deductible</a> and deductible</p>`},
		{"heading", "### Deductible\n\ntext", "<h3 id=\"deductible\">Deductible</h3>\n<p>text</p>"},
		{"code span", "the `deductible` field", "<p>the <code>deductible</code> field</p>"},
		{"code block", "    deductible\n", "<pre><code>deductible\n</code></pre>"},
		{"existing link", "[deductible](https://x.org)", `<p><a href="https://x.org">deductible</a></p>`},
		{"inside a word", "deductibles", "<p>deductibles</p>"},
		{"emphasis", "*deductible*", `<p><em><a href="/d/">deductible</a></em></p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			doc, _ := md.Parse(src, nil)
			blocks := childrenOf(doc)
			AutolinkScope{Linker: l, Seen: map[string]bool{}}.Apply(blocks, src)
			for _, n := range blocks {
				setDestinations(n, "/d/")
			}
			var buf bytes.Buffer
			if err := md.Render(&buf, src, doc); err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(buf.String()); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
