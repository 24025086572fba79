package glossary_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/glossary"
	"glossary/generator/internal/markdown"
)

var md = markdown.New(markdown.Options{})

// topic is a topic file: front matter lines (title and summary first,
// then extra), a blank line, "## Definition" on line 6+n for n extra lines,
// and body on line 8+n.
func topic(title, extra, body string) string {
	return "---\ntitle: " + title + "\nsummary: About " + title + ".\n" + extra + "---\n\n## Definition\n\n" + body + "\n"
}

// parse reads files (path below content/ → source) as loaded topics. Any
// problem a file has on its own fails the test: these tests are about what
// spans files.
func parse(t testing.TB, files map[string]string) []*content.Topic {
	t.Helper()
	var topics []*content.Topic
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		tp, _, d := content.Parse(md, "content/"+rel, rel, []byte(files[rel]))
		if len(d) > 0 {
			t.Fatalf("%s does not parse:\n%v", rel, d.Err())
		}
		topics = append(topics, tp)
	}
	return topics
}

func index(t testing.TB, files map[string]string, opts glossary.Options) (*glossary.Glossary, []string) {
	t.Helper()
	g, d := glossary.New(content.Settings{Path: "content/_index.md"}, parse(t, files), opts)
	return g, messages(d)
}

func messages(d diag.List) []string {
	var out []string
	for _, x := range d.Sort() {
		out = append(out, x.String())
	}
	return out
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  glossary.Options
		want  []string
	}{
		{
			name: "duplicate slug from file names",
			files: map[string]string{
				"claims/limit.md": topic("Claim Limit", "", "Text."),
				"policy/limit.md": topic("Policy Limit", "", "Text."),
			},
			want: []string{
				`content/claims/limit.md:2:1: slug "limit" is also used by content/policy/limit.md`,
				`content/policy/limit.md:2:1: slug "limit" is also used by content/claims/limit.md`,
			},
		},
		{
			name: "duplicate slug from front matter",
			files: map[string]string{
				"a/policy-limit.md": topic("Policy Limit", "", "Text."),
				"b/other.md":        topic("Other Limit", "tags: [x]\nslug: policy-limit\n", "Text."),
			},
			want: []string{
				`content/a/policy-limit.md:2:1: slug "policy-limit" is also used by content/b/other.md`,
				`content/b/other.md:5:1: slug "policy-limit" is also used by content/a/policy-limit.md`,
			},
		},
		{
			name: "title claimed twice",
			files: map[string]string{
				"a.md": topic("Policy Limit", "", "Text."),
				"b.md": topic("policy  limit", "", "Text."),
			},
			want: []string{
				`content/a.md:2:1: "Policy Limit" is also the title of content/b.md`,
				`content/b.md:2:1: "policy  limit" is also the title of content/a.md`,
			},
		},
		{
			name: "alias equal to another topic's title",
			files: map[string]string{
				"deductible.md": topic("Deductible", "aliases: [Retention, EXCESS]\n", "Text."),
				"excess.md":     topic("Excess", "", "Text."),
			},
			want: []string{
				`content/deductible.md:4:1: "EXCESS" is also the title of content/excess.md`,
				`content/excess.md:2:1: "Excess" is also the alias of content/deductible.md`,
			},
		},
		{
			name: "a topic's own alias repeating its title is fine",
			files: map[string]string{
				"deductible.md": topic("Deductible", "aliases: [deductible, Excess, excess]\n", "Text."),
			},
		},
		{
			name: "link to a missing topic",
			files: map[string]string{
				"deductible.md": topic("Deductible", "", "Text."),
				"sub/a.md":      topic("A", "", "See [the deductible](../deductable.md) and [b](b.md)."),
			},
			want: []string{
				`content/sub/a.md:8:5: link to missing topic "deductable.md" (did you mean "../deductible.md"?)`,
				`content/sub/a.md:8:44: link to missing topic "sub/b.md" (did you mean "a.md"?)`,
			},
		},
		{
			name: "link to a missing heading",
			files: map[string]string{
				"b.md": topic("B", "", "Text.\n\n### How It Works\n\nMore."),
				"a.md": topic("A", "", "See [b](b.md#how-it-work), [b](b.md#definition) and [here](#defintion)."),
			},
			want: []string{
				`content/a.md:8:5: link to missing heading #how-it-work in content/b.md (did you mean "how-it-works"?)`,
				`content/a.md:8:53: link to missing heading #defintion in content/a.md (did you mean "definition"?)`,
			},
		},
		{
			name: "link to a section the topic lacks",
			files: map[string]string{
				"b.md": topic("B", "", "Text."),
				"a.md": topic("A", "", "See [b](b.md#faq)."),
			},
			want: []string{`content/a.md:8:5: link to missing heading #faq in content/b.md`},
		},
		{
			name: "link outside the content folder",
			files: map[string]string{
				"a.md": topic("A", "", "See [outside](../outside.md)."),
			},
			want: []string{`content/a.md:8:5: link to "../outside.md" points outside the content folder`},
		},
		{
			name: "unresolved wiki link",
			files: map[string]string{
				"deductible.md": topic("Deductible", "", "Text."),
				"a.md":          topic("A", "", "Mind the [[Deductable]] and [[Nothing Like It|label]]."),
			},
			want: []string{
				`content/a.md:8:10: wiki link [[Deductable]] names no topic title, alias or slug (did you mean "Deductible"?)`,
				`content/a.md:8:29: wiki link [[Nothing Like It]] names no topic title, alias or slug`,
			},
		},
		{
			name: "related slug missing",
			files: map[string]string{
				"deductible.md": topic("Deductible", "", "Text."),
				"a.md":          topic("A", "tags: [x]\nrelated: [deductable, deductible]\n", "Text."),
			},
			want: []string{`content/a.md:5:11: related: no topic has the slug "deductable" (did you mean "deductible"?)`},
		},
		{
			name: "related to itself",
			files: map[string]string{
				"a.md": topic("A", "related:\n  - a\n", "Text."),
			},
			want: []string{`content/a.md:5:5: related: a topic cannot be related to itself`},
		},
		{
			name: "broader and compare slugs missing, each at its item",
			files: map[string]string{
				"deductible.md": topic("Deductible", "", "Text."),
				"a.md":          topic("A", "broader: [deductibel]\ncompare:\n  - deductable\n", "Text."),
			},
			want: []string{
				`content/a.md:4:11: broader: no topic has the slug "deductibel" (did you mean "deductible"?)`,
				`content/a.md:6:5: compare: no topic has the slug "deductable" (did you mean "deductible"?)`,
			},
		},
		{
			name: "broader and compare naming the topic itself",
			files: map[string]string{
				"a.md": topic("A", "broader: [a]\ncompare: [a]\n", "Text."),
			},
			want: []string{
				`content/a.md:4:11: broader: a term cannot be a kind of itself`,
				`content/a.md:5:11: compare: a topic cannot be compared with itself`,
			},
		},
		{
			name: "broader naming a draft",
			files: map[string]string{
				"d.md": topic("D", "draft: true\n", "Text."),
				"a.md": topic("A", "broader: [d]\n", "Text."),
			},
			want: []string{`content/a.md:4:11: broader: "d" is content/d.md, which is a draft and is not published (build with -drafts to preview)`},
		},
		{
			name: "one topic under two keys",
			files: map[string]string{
				"b.md": topic("B", "", "Text."),
				"a.md": topic("A", "broader: [b]\nrelated: [b]\n", "Text."),
			},
			want: []string{`content/a.md:5:11: related: "b" is listed in broader already: keep it in one of the two`},
		},
		{
			name: "a cycle of broader terms, in every file of it",
			files: map[string]string{
				"a.md":     topic("A", "broader: [b]\n", "Text."),
				"b.md":     topic("B", "broader: [x, c]\n", "Text."),
				"sub/c.md": topic("C", "broader:\n  - a\n", "Text."),
				"x.md":     topic("X", "", "Text."),
			},
			want: []string{
				`content/a.md:4:11: broader: the broader terms form a cycle, content/a.md → content/b.md → content/sub/c.md → content/a.md: remove the entry that makes a term a kind of itself`,
				`content/b.md:4:14: broader: the broader terms form a cycle, content/a.md → content/b.md → content/sub/c.md → content/a.md: remove the entry that makes a term a kind of itself`,
				`content/sub/c.md:5:5: broader: the broader terms form a cycle, content/a.md → content/b.md → content/sub/c.md → content/a.md: remove the entry that makes a term a kind of itself`,
			},
		},
		{
			name: "two terms broader than each other",
			files: map[string]string{
				"a.md": topic("A", "broader: [b]\n", "Text."),
				"b.md": topic("B", "broader: [a]\n", "Text."),
			},
			want: []string{
				`content/a.md:4:11: broader: the broader terms form a cycle, content/a.md → content/b.md → content/a.md: remove the entry that makes a term a kind of itself`,
				`content/b.md:4:11: broader: the broader terms form a cycle, content/a.md → content/b.md → content/a.md: remove the entry that makes a term a kind of itself`,
			},
		},
		{
			name: "link to a draft",
			files: map[string]string{
				"draft.md": topic("Draft", "draft: true\n", "Text."),
				"a.md":     topic("A", "", "See [the draft](draft.md)."),
			},
			want: []string{`content/a.md:8:5: link to draft.md, which is a draft and is not published (build with -drafts to preview)`},
		},
		{
			name: "link to a draft, drafts published",
			files: map[string]string{
				"draft.md": topic("Draft", "draft: true\n", "Text."),
				"a.md":     topic("A", "", "See [the draft](draft.md)."),
			},
			opts: glossary.Options{Drafts: true},
		},
		{
			name: "a draft may repeat a published slug and title",
			files: map[string]string{
				"a.md":     topic("A", "", "Text."),
				"new/a.md": topic("A", "draft: true\n", "Text."),
			},
		},
		{
			name: "categories differing only in case",
			files: map[string]string{
				"a.md": topic("A", "category: Claims Handling\n", "Text."),
				"b.md": topic("B", "category: claims handling\n", "Text."),
				"c.md": topic("C", "category: Claims-Handling\n", "Text."),
			},
			want: []string{
				`content/b.md:4:1: category "claims handling" is spelled "Claims Handling" in content/a.md: use one spelling`,
				`content/c.md:4:1: category "Claims-Handling" is spelled "Claims Handling" in content/a.md: use one spelling`,
			},
		},
		{
			name: "tags differing only in case",
			files: map[string]string{
				"a.md": topic("A", "tags: [Cyber]\n", "Text."),
				"b.md": topic("B", "category: X\ntags: [cyber]\n", "Text."),
			},
			want: []string{`content/b.md:5:1: tag "cyber" is spelled "Cyber" in content/a.md: use one spelling`},
		},
		{
			name: "tag without letters",
			files: map[string]string{
				"a.md": topic("A", "category: X\ntags: [\"--\"]\n", "Text."),
			},
			want: []string{`content/a.md:5:1: tag "--" has no letters or digits`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := index(t, tt.files, tt.opts)
			if !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestIntroLinks(t *testing.T) {
	settings, d := content.ParseSettings(md, "content/_index.md", []byte("---\ntitle: T\n---\n\nStart with [a](a.md), [[A]] or [b](b.md).\n"))
	if len(d) > 0 {
		t.Fatal(d.Err())
	}
	_, gd := glossary.New(settings, parse(t, map[string]string{"a.md": topic("A", "", "Text.")}), glossary.Options{})
	want := []string{`content/_index.md:5:32: link to missing topic "b.md" (did you mean "a.md"?)`}
	if got := messages(gd); !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestWikiLinks(t *testing.T) {
	files := map[string]string{
		"deductible.md":   topic("Deductible", "aliases: [Excess]\n", "Text."),
		"policy-limit.md": topic("Policy Limit", "slug: limit\n", "Text."),
		"a.md":            topic("A", "", "[[deductible]], [[EXCESS|the excess]], [[limit]], [[ Policy   limit ]]."),
	}
	g, d := index(t, files, glossary.Options{})
	if len(d) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(d, "\n"))
	}
	a := g.TopicBySlug("a")
	want := []string{"deductible", "limit"}
	if got := slugs(g.Links[a]); !slices.Equal(got, want) {
		t.Errorf("links of a = %q, want %q (each target once, in order)", got, want)
	}
	for _, l := range a.Links {
		if to := g.Resolve(l); to == nil {
			t.Errorf("Resolve(%+v) = nil", l)
		}
	}
	lookups := []struct{ name, slug string }{
		{"Deductible", "deductible"},
		{"dEdUcTiBlE", "deductible"},
		{"excess", "deductible"},
		{"policy limit", "limit"},
		{"limit", "limit"},
		{"policy-limit", ""}, // the file name is not the slug here
		{"Limit", ""},        // slugs match exactly
		{"", ""},
	}
	for _, l := range lookups {
		got := ""
		if tp := g.TopicByName(l.name); tp != nil {
			got = tp.Slug
		}
		if got != l.slug {
			t.Errorf("TopicByName(%q) = %q, want %q", l.name, got, l.slug)
		}
	}
}

func TestGraph(t *testing.T) {
	files := map[string]string{
		"zeta.md":  topic("Zeta", "related: [alpha, beta, alpha]\n", "See [[Alpha]], [alpha](alpha.md#definition) and [self](#definition)."),
		"alpha.md": topic("Alpha", "", "Links to [[Zeta]] and [[Beta]]."),
		"beta.md":  topic("beta", "", "Links to [[zeta]]."),
		"gamma.md": topic("\"'Gamma\"", "", "Links to [[Zeta]], [[Zeta]] and [[Alpha]]."),
		"lone.md":  topic("Lone", "", "Text."),
	}
	g, d := index(t, files, glossary.Options{})
	if len(d) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(d, "\n"))
	}
	if got, want := slugs(g.Topics), []string{"alpha", "beta", "gamma", "lone", "zeta"}; !slices.Equal(got, want) {
		t.Errorf("topics = %q, want %q (A–Z, ignoring case and leading punctuation)", got, want)
	}
	tests := []struct {
		slug                  string
		links, backlinks, rel []string
	}{
		{slug: "zeta", links: []string{"alpha"}, backlinks: []string{"alpha", "beta", "gamma"}, rel: []string{"alpha", "beta"}},
		{slug: "alpha", links: []string{"zeta", "beta"}, backlinks: []string{"gamma", "zeta"}, rel: []string{"zeta"}},
		{slug: "beta", links: []string{"zeta"}, backlinks: []string{"alpha"}, rel: []string{"zeta"}},
		{slug: "gamma", links: []string{"zeta", "alpha"}},
		{slug: "lone"},
	}
	for _, tt := range tests {
		tp := g.TopicBySlug(tt.slug)
		if tp == nil {
			t.Fatalf("no topic %q", tt.slug)
		}
		if got := slugs(g.Links[tp]); !slices.Equal(got, tt.links) {
			t.Errorf("links of %s = %q, want %q", tt.slug, got, tt.links)
		}
		if got := slugs(g.Backlinks[tp]); !slices.Equal(got, tt.backlinks) {
			t.Errorf("backlinks of %s = %q, want %q", tt.slug, got, tt.backlinks)
		}
		if got := slugs(g.Related[tp]); !slices.Equal(got, tt.rel) {
			t.Errorf("related of %s = %q, want %q", tt.slug, got, tt.rel)
		}
	}
}

func TestDrafts(t *testing.T) {
	files := map[string]string{
		"a.md":     topic("A", "", "Text."),
		"draft.md": topic("Draft", "draft: true\ncategory: Unfinished\ntags: [new]\n", "See [[A]]."),
	}
	tests := []struct {
		opts       glossary.Options
		topics     []string
		categories []string
		backlinks  []string
	}{
		{opts: glossary.Options{}, topics: []string{"a"}, categories: []string{content.DefaultCategory}},
		{opts: glossary.Options{Drafts: true}, topics: []string{"a", "draft"}, categories: []string{content.DefaultCategory, "Unfinished"}, backlinks: []string{"draft"}},
	}
	for _, tt := range tests {
		g, d := index(t, files, tt.opts)
		if len(d) > 0 {
			t.Fatalf("drafts %v: diagnostics:\n%s", tt.opts.Drafts, strings.Join(d, "\n"))
		}
		if got := slugs(g.Topics); !slices.Equal(got, tt.topics) {
			t.Errorf("drafts %v: topics = %q, want %q", tt.opts.Drafts, got, tt.topics)
		}
		var cats []string
		for _, c := range g.Categories {
			cats = append(cats, c.Name)
		}
		if !slices.Equal(cats, tt.categories) {
			t.Errorf("drafts %v: categories = %q, want %q", tt.opts.Drafts, cats, tt.categories)
		}
		if got := slugs(g.Backlinks[g.TopicBySlug("a")]); !slices.Equal(got, tt.backlinks) {
			t.Errorf("drafts %v: backlinks of a = %q, want %q", tt.opts.Drafts, got, tt.backlinks)
		}
		if (g.TopicBySlug("draft") != nil) != tt.opts.Drafts || (g.TopicByName("Draft") != nil) != tt.opts.Drafts {
			t.Errorf("drafts %v: draft topic found by slug %v, by name %v", tt.opts.Drafts, g.TopicBySlug("draft") != nil, g.TopicByName("Draft") != nil)
		}
	}
}

func TestGroups(t *testing.T) {
	files := map[string]string{
		"b.md": topic("B", "category: Claims\ntags: [cyber, Data Protection]\n", "Text."),
		"a.md": topic("A", "category: Claims\ntags: [cyber, cyber]\n", "Text."),
		"c.md": topic("C", "category: _Access Control\n", "Text."),
	}
	g, d := index(t, files, glossary.Options{})
	if len(d) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(d, "\n"))
	}
	view := func(gs []*glossary.Group, at func(*glossary.Group) string) []group {
		var out []group
		for _, x := range gs {
			out = append(out, group{x.Name, x.Slug, at(x), slugs(x.Topics)})
		}
		return out
	}
	wantCats := []group{
		{"_Access Control", "access-control", "categories/access-control/", []string{"c"}},
		{"Claims", "claims", "categories/claims/", []string{"a", "b"}},
	}
	wantTags := []group{
		{"cyber", "cyber", "tags/cyber/", []string{"a", "b"}},
		{"Data Protection", "data-protection", "tags/data-protection/", []string{"b"}},
	}
	if got := view(g.Categories, glossary.CategoryPath); !slices.EqualFunc(got, wantCats, equalGroup) {
		t.Errorf("categories = %+v, want %+v", got, wantCats)
	}
	if got := view(g.Tags, glossary.TagPath); !slices.EqualFunc(got, wantTags, equalGroup) {
		t.Errorf("tags = %+v, want %+v", got, wantTags)
	}
	if c := g.CategoryOf(g.TopicBySlug("b")); c == nil || c.Name != "Claims" {
		t.Errorf("CategoryOf(b) = %+v, want Claims", c)
	}
}

// group is what a test compares of a glossary.Group.
type group struct {
	name, slug, path string
	topics           []string
}

func equalGroup(a, b group) bool {
	return a.name == b.name && a.slug == b.slug && a.path == b.path && slices.Equal(a.topics, b.topics)
}

func slugs(ts []*content.Topic) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Slug)
	}
	return out
}

// FuzzResolve indexes two arbitrary topics that may name each other: New
// must never panic, and the link graph must stay consistent.
func FuzzResolve(f *testing.F) {
	f.Add([]byte(topic("A", "related: [b]\n", "See [[B]] and [b](sub/b.md#definition).")),
		[]byte(topic("B", "aliases: [Bee]\n", "See [a](../a.md), [[a]] and [[Bee]].")), false)
	f.Add([]byte(topic("A", "slug: b\ncategory: X\n", "[[b|x]] [y](#faq)")),
		[]byte(topic("a", "draft: true\ncategory: x\ntags: [X, x, \"!\"]\n", "[z](../../a.md) [[]]")), true)
	f.Add([]byte(topic("A", "", "x")), []byte("no front matter [[A]]"), false)
	f.Add([]byte("+++\ntitle = \"A\"\nsummary = \"S\"\nrelated = [\"a\", \"b\"]\n+++\n\n## Definition\n\n[[A]]\n"),
		[]byte("{\n\"title\": \"B\", \"summary\": \"S\", \"aliases\": [\"A\"]\n}\n\n## Definition\n\n[a](../a.md#definition)\n"), true)
	f.Fuzz(func(t *testing.T, a, b []byte, drafts bool) {
		var topics []*content.Topic
		for _, file := range []struct {
			rel string
			src []byte
		}{{"a.md", a}, {"sub/b.md", b}} {
			tp, _, _ := content.Parse(md, "content/"+file.rel, file.rel, file.src)
			topics = append(topics, tp)
		}
		g, _ := glossary.New(content.Settings{Path: "content/_index.md"}, topics, glossary.Options{Drafts: drafts})
		if len(g.Topics) > 2 {
			t.Fatalf("%d topics from 2 files", len(g.Topics))
		}
		for _, from := range g.Topics {
			for _, to := range g.Links[from] {
				if to == from || !slices.Contains(g.Backlinks[to], from) {
					t.Errorf("link %s → %s without its backlink", from.Path, to.Path)
				}
			}
			for _, by := range g.Backlinks[from] {
				if !slices.Contains(g.Links[by], from) {
					t.Errorf("backlink %s ← %s without its link", from.Path, by.Path)
				}
			}
			for _, l := range from.Links {
				g.Resolve(l)
			}
		}
	})
}

// Typed relations: narrower is computed from broader, compare and related
// go both ways, and a topic shows another in one group only.
func TestRelations(t *testing.T) {
	files := map[string]string{
		"cyber-risk.md":   topic("Cyber Risk", "", "Text."),
		"malware.md":      topic("Malware", "broader: [cyber-risk]\n", "Text."),
		"ransomware.md":   topic("Ransomware", "broader: [malware, extortion]\ncompare: [data-breach]\n", "Text."),
		"extortion.md":    topic("Extortion", "related: [ransomware, data-breach]\n", "Text."),
		"data-breach.md":  topic("Data Breach", "broader: [cyber-risk]\nrelated: [extortion]\n", "Text."),
		"phishing.md":     topic("Phishing", "broader: [cyber-risk]\ncompare: [ransomware]\n", "Text."),
		"cyber-policy.md": topic("Cyber Policy", "related: [cyber-risk]\n", "Text."),
	}
	g, d := index(t, files, glossary.Options{})
	if len(d) > 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(d, "\n"))
	}
	tests := []struct {
		slug                                string
		broader, narrower, compare, related []string
		ancestors                           []string
	}{
		{slug: "cyber-risk", narrower: []string{"data-breach", "malware", "phishing"}, related: []string{"cyber-policy"}},
		{slug: "malware", broader: []string{"cyber-risk"}, narrower: []string{"ransomware"}, ancestors: []string{"cyber-risk"}},
		// Extortion lists ransomware as related, but ransomware is one of
		// its narrower terms: shown there only. Its related list holds
		// what it names, then those naming it (data breach repeats).
		{slug: "extortion", narrower: []string{"ransomware"}, related: []string{"data-breach"}},
		{slug: "ransomware", broader: []string{"malware", "extortion"}, compare: []string{"data-breach", "phishing"},
			ancestors: []string{"cyber-risk", "malware"}},
		{slug: "data-breach", broader: []string{"cyber-risk"}, compare: []string{"ransomware"}, related: []string{"extortion"},
			ancestors: []string{"cyber-risk"}},
		{slug: "phishing", broader: []string{"cyber-risk"}, compare: []string{"ransomware"}, ancestors: []string{"cyber-risk"}},
		{slug: "cyber-policy", related: []string{"cyber-risk"}},
	}
	for _, tt := range tests {
		tp := g.TopicBySlug(tt.slug)
		for _, c := range []struct {
			what      string
			got, want []string
		}{
			{"broader", slugs(g.Broader[tp]), tt.broader},
			{"narrower", slugs(g.Narrower[tp]), tt.narrower},
			{"compare", slugs(g.Compare[tp]), tt.compare},
			{"related", slugs(g.Related[tp]), tt.related},
			{"ancestors", slugs(g.Ancestors(tp)), tt.ancestors},
		} {
			if !slices.Equal(c.got, c.want) {
				t.Errorf("%s of %s = %q, want %q", c.what, tt.slug, c.got, c.want)
			}
		}
	}
}
