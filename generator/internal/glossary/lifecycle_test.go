package glossary_test

import (
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
)

func TestLifecycleErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  glossary.Options
		want  []string
	}{
		{
			name: "replacement missing",
			files: map[string]string{
				"old.md":      topic("Old Term", "status: deprecated\nreplaced_by: new-trem\n", "Text."),
				"new-term.md": topic("New Term", "", "Text."),
			},
			want: []string{`content/old.md:5:14: replaced_by: no topic has the slug "new-trem" (did you mean "new-term"?)`},
		},
		{
			name: "replacement is a draft",
			files: map[string]string{
				"old.md": topic("Old Term", "status: deprecated\nreplaced_by: new\n", "Text."),
				"new.md": topic("New Term", "draft: true\n", "Text."),
			},
			want: []string{`content/old.md:5:14: replaced_by: "new" is content/new.md, which is a draft and is not published (build with -drafts to preview)`},
		},
		{
			name: "replaced by itself",
			files: map[string]string{
				"old.md": topic("Old Term", "status: deprecated\nreplaced_by: old\n", "Text."),
			},
			want: []string{`content/old.md:5:14: replaced_by: a term cannot be replaced by itself`},
		},
		{
			name: "replacement deprecated too",
			files: map[string]string{
				"a.md": topic("A Term", "status: deprecated\nreplaced_by: b\n", "Text."),
				"b.md": topic("B Term", "status: deprecated\nreplaced_by: c\n", "Text."),
				"c.md": topic("C Term", "", "Text."),
			},
			want: []string{`content/a.md:5:14: replaced_by: content/b.md is deprecated too (replaced by "c"): name "c"`},
		},
		{
			name: "a deprecated term shares names with its replacement",
			files: map[string]string{
				"excess.md":     topic("Excess", "status: deprecated\nreplaced_by: deductible\naliases: [Retention]\n", "Text."),
				"deductible.md": topic("Deductible", "aliases: [Excess, retention]\n", "Text."),
			},
		},
		{
			name: "a deprecated term's name is another topic's",
			files: map[string]string{
				"excess.md":     topic("Excess", "status: deprecated\nreplaced_by: deductible\naliases: [Retention]\n", "Text."),
				"deductible.md": topic("Deductible", "", "Text."),
				"retention.md":  topic("Retention", "", "Text."),
			},
			want: []string{
				`content/excess.md:6:1: "Retention" is also the title of content/retention.md`,
				`content/retention.md:2:1: "Retention" is also the alias of content/excess.md`,
			},
		},
		{
			name: "two deprecated terms replaced by one share names",
			files: map[string]string{
				"a.md": topic("Old Name", "status: deprecated\nreplaced_by: c\n", "Text."),
				"b.md": topic("old name", "status: deprecated\nreplaced_by: c\n", "Text."),
				"c.md": topic("New Name", "", "Text."),
			},
		},
		{
			name: "moved_from claimed twice",
			files: map[string]string{
				"a.md": topic("A Term", "moved_from: [old]\n", "Text."),
				"b.md": topic("B Term", "moved_from:\n  - older\n  - old\n", "Text."),
			},
			want: []string{
				`content/a.md:4:14: moved_from: "old" is also claimed by content/b.md: only one topic can have moved from it`,
				`content/b.md:6:5: moved_from: "old" is also claimed by content/a.md: only one topic can have moved from it`,
			},
		},
		{
			name: "moved_from a live topic",
			files: map[string]string{
				"a.md": topic("A Term", "moved_from: [b, a]\n", "Text."),
				"b.md": topic("B Term", "", "Text."),
			},
			want: []string{
				`content/a.md:4:14: moved_from: "b" is the slug of content/b.md, which is published there: remove it here, or give that topic another slug`,
				`content/a.md:4:17: moved_from: "a" is this topic's own slug`,
			},
		},
		{
			name: "moved_from a draft's slug is free",
			files: map[string]string{
				"a.md": topic("A Term", "moved_from: [b]\n", "Text."),
				"b.md": topic("B Term", "draft: true\n", "Text."),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := index(t, tt.files, tt.opts)
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// A deprecated term's title and aliases lead to its replacement; its slug
// and file still name its own page.
func TestDeprecatedNamesResolve(t *testing.T) {
	g, d := index(t, map[string]string{
		"old-excess.md": topic("Excess", "status: deprecated\nreplaced_by: deductible\naliases: [Excess Clause]\nmoved_from: [xs]\n", "Text."),
		"deductible.md": topic("Deductible", "moved_from: [ded, old-deductible]\n", "Text."),
	}, glossary.Options{})
	if len(d) > 0 {
		t.Fatal(d)
	}
	ded, xs := g.TopicBySlug("deductible"), g.TopicBySlug("old-excess")
	for name, want := range map[string]*content.Topic{"Excess": ded, "excess clause": ded, "old-excess": xs, "Deductible": ded} {
		if got := g.TopicByName(name); got != want {
			t.Errorf("TopicByName(%q) = %s, want %s", name, got.Slug, want.Slug)
		}
	}
	if g.TopicByFile("old-excess.md") != xs {
		t.Error("excess.md does not name the deprecated topic")
	}
	if g.Replacement(xs) != ded || g.Replacement(ded) != nil || !slices.Equal(g.Replaces(ded), []*content.Topic{xs}) {
		t.Errorf("replacement %v, replaces %v", g.Replacement(xs), g.Replaces(ded))
	}
	var redirects []string
	for _, r := range g.Redirects {
		redirects = append(redirects, r.From+">"+r.To.Slug)
	}
	if want := []string{"ded>deductible", "old-deductible>deductible", "xs>old-excess"}; !slices.Equal(redirects, want) {
		t.Errorf("redirects %q, want %q", redirects, want)
	}
}

func TestReviewDue(t *testing.T) {
	g, d := index(t, map[string]string{
		"a.md": topic("A Term", "reviewed: 2025-01-31\n", "Text."),
		"b.md": topic("B Term", "reviewed: 2025-02-01\n", "Text."),
		"c.md": topic("C Term", "", "Text."),
		"d.md": topic("D Term", "reviewed: 2024-06-30\n", "Text."),
		"e.md": topic("E Term", "status: deprecated\nreplaced_by: b\n", "Text."),
		"f.md": topic("F Term", "status: proposed\n", "Text."),
	}, glossary.Options{})
	if len(d) > 0 {
		t.Fatal(d)
	}
	var got []string
	for _, tp := range g.ReviewDue("2025-02-01") {
		got = append(got, tp.Slug)
	}
	if want := []string{"c", "f", "d", "a"}; !slices.Equal(got, want) {
		t.Errorf("ReviewDue = %q, want %q", got, want)
	}
}
