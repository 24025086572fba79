package markdown

import (
	"bytes"
	"strings"
	"testing"

	"glossary/generator/internal/i18n"
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

// TestLinkerElision links a name after an elided word, and only the
// name; English possessives are forms, not elisions.
func TestLinkerElision(t *testing.T) {
	names := map[string]string{"assureur": "Assureur", "assurance": "Assurance", "exclusion": "Exclusion",
		"hui": "Hui", "une": "Une", "pertes d'exploitation": "Pertes d'exploitation",
		"assurance cyber": "Assurance cyber", "insurer": "Insurer"}
	fr := NewLinker(Names{Names: names, Inflect: i18n.Inflections("fr"), Elisions: i18n.Elisions("fr")})
	en := NewLinker(Names{Names: names, Inflect: i18n.Inflections("en"), Elisions: i18n.Elisions("en")})
	tests := []struct {
		l    *Linker
		text string
		want string // the matched text, then "=" and the target
	}{
		{fr, "l'assureur paie", "assureur=Assureur"},
		{fr, "L'Assureur paie", "Assureur=Assureur"},
		{fr, "L’assureur paie", "assureur=Assureur"},
		{fr, "contrat d’assurance", "assurance=Assurance"},
		{fr, "contrat d'assurances", "assurances=Assurance"},
		{fr, "qu'une exclusion", "une=Une"},
		{fr, "lorsqu'une exclusion", "une=Une"},
		{fr, "jusqu’à l'exclusion", "exclusion=Exclusion"},
		{fr, "les exclusions", "exclusions=Exclusion"},
		{fr, "un contrat d'assurances cyber", "assurances cyber=Assurance cyber"},
		// A name that holds an apostrophe matches with either apostrophe.
		{fr, "les pertes d’exploitation", "pertes d’exploitation=Pertes d'exploitation"},
		// Only listed elisions count, and a letter must follow.
		{fr, "aujourd'hui", ""},
		{fr, "Aujourd’hui", ""},
		{fr, "l'2assureur", ""},
		{fr, "l'", ""},
		{fr, "d'", ""},
		// English has none: "l'assureur" is one word there.
		{en, "l'assureur paie", ""},
		{en, "the insurer's duty", "insurer's=Insurer"},
		{en, "the insurer’s duty", "insurer’s=Insurer"},
		{fr, "the insurer's duty", ""},
	}
	for _, tt := range tests {
		start, end, target := tt.l.find(tt.text, map[string]bool{})
		got := ""
		if target != "" {
			got = tt.text[start:end] + "=" + target
		}
		if got != tt.want {
			t.Errorf("find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestAutolinkElision leaves the elided word outside the link.
func TestAutolinkElision(t *testing.T) {
	md := New(Options{})
	l := NewLinker(Names{Names: map[string]string{"assureur": "Assureur"}, Elisions: i18n.Elisions("fr")})
	src := []byte("L'assureur paie.")
	doc, _ := md.Parse(src, nil)
	blocks := childrenOf(doc)
	AutolinkScope{Linker: l, Seen: map[string]bool{}}.Apply(blocks, src)
	for _, n := range blocks {
		setDestinations(n, "/a/")
	}
	var buf bytes.Buffer
	if err := md.Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	want := `<p>L'<a href="/a/">assureur</a> paie.</p>`
	if got := strings.TrimSpace(buf.String()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestFindAllocatesNothing keeps the hot path of auto-linking free of
// allocations, for prose that mentions nothing and prose that does.
func TestFindAllocatesNothing(t *testing.T) {
	l := NewLinker(Names{Names: map[string]string{"assureur": "Assureur", "policy limit": "Policy Limit"},
		Inflect: i18n.Inflections("fr"), Elisions: i18n.Elisions("fr")})
	seen := map[string]bool{}
	for _, text := range []string{
		"Rien ici ne nomme de sujet, même aujourd'hui ; L'Été arrive.",
		"the Policy Limit and l’assureur",
	} {
		if n := testing.AllocsPerRun(100, func() { l.find(text, seen) }); n != 0 {
			t.Errorf("find(%q) allocates %v times", text, n)
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
