package glossary

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/content"
)

// After an in-place edit, Update must leave the glossary as New would
// build it from scratch: links, backlinks, typed relations, diagnostics.
func TestUpdateEqualsNew(t *testing.T) {
	mk := func(name string, anchors []string, links ...content.Link) *content.Topic {
		a := map[string]bool{}
		for _, x := range anchors {
			a[x] = true
		}
		return &content.Topic{Path: "content/" + name + ".md", Rel: name + ".md", Slug: name, Title: "Topic " + name,
			Summary: "S.", Category: "C", Anchors: a, Links: links}
	}
	file := func(target, frag string) content.Link {
		return content.Link{Kind: content.FileLink, Target: target + ".md", Fragment: frag, Line: 9, Col: 1}
	}
	tests := []struct {
		name    string
		edit    func(ts map[string]*content.Topic) *content.Topic
		applies bool
	}{
		{"new link", func(ts map[string]*content.Topic) *content.Topic {
			ts["c"].Links = append(ts["c"].Links, file("a", ""))
			return ts["c"]
		}, true},
		{"link removed", func(ts map[string]*content.Topic) *content.Topic {
			ts["a"].Links = nil
			return ts["a"]
		}, true},
		{"anchor others link to removed", func(ts map[string]*content.Topic) *content.Topic {
			ts["b"].Anchors = map[string]bool{}
			return ts["b"]
		}, true},
		{"broken link", func(ts map[string]*content.Topic) *content.Topic {
			ts["b"].Links = append(ts["b"].Links, file("nope", ""))
			return ts["b"]
		}, true},
		{"related added", func(ts map[string]*content.Topic) *content.Topic {
			ts["a"].Related = []content.Ref{{Name: "c", Line: 5}}
			return ts["a"]
		}, true},
		{"broader added", func(ts map[string]*content.Topic) *content.Topic {
			ts["b"].Broader = []content.Ref{{Name: "a", Line: 5}}
			return ts["b"]
		}, true},
		{"broader removed", func(ts map[string]*content.Topic) *content.Topic {
			ts["c"].Broader = nil
			return ts["c"]
		}, true},
		{"broader making a cycle", func(ts map[string]*content.Topic) *content.Topic {
			ts["b"].Broader = []content.Ref{{Name: "c", Line: 5}}
			return ts["b"]
		}, true},
		{"compare changed", func(ts map[string]*content.Topic) *content.Topic {
			ts["a"].Compare = []content.Ref{{Name: "c", Line: 6}}
			return ts["a"]
		}, true},
		{"title changed", func(ts map[string]*content.Topic) *content.Topic {
			ts["a"].Title = "Zeta"
			return ts["a"]
		}, false},
		{"category changed", func(ts map[string]*content.Topic) *content.Topic {
			ts["a"].Category = "D"
			return ts["a"]
		}, false},
		// A lifecycle edit moves names and redirects: index afresh.
		{"deprecated", func(ts map[string]*content.Topic) *content.Topic {
			ts["a"].Status, ts["a"].ReplacedBy = content.StatusDeprecated, "b"
			return ts["a"]
		}, false},
		{"moved_from added", func(ts map[string]*content.Topic) *content.Topic {
			ts["a"].MovedFrom = []content.Ref{{Name: "old-a", Line: 5, Col: 13}}
			return ts["a"]
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := map[string]*content.Topic{
				"a": mk("a", nil, file("b", "x")),
				"b": mk("b", []string{"x"}, file("c", "")),
				"c": mk("c", nil),
			}
			ts["c"].Broader = []content.Ref{{Name: "b", Line: 5}}
			ts["a"].Compare = []content.Ref{{Name: "b", Line: 6}}
			list := []*content.Topic{ts["a"], ts["b"], ts["c"]}
			g, _ := New(content.Settings{}, list, Options{})
			edited := tt.edit(ts)
			got, ok := g.Update([]*content.Topic{edited})
			if ok != tt.applies {
				t.Fatalf("Update applied = %v, want %v", ok, tt.applies)
			}
			if !ok {
				return
			}
			fresh, want := New(content.Settings{}, list, Options{})
			if fmt.Sprint(got.Sort()) != fmt.Sprint(want.Sort()) {
				t.Errorf("diagnostics %v, want %v", got, want)
			}
			for _, x := range list {
				for _, m := range []struct {
					name     string
					got, new map[*content.Topic][]*content.Topic
				}{{"links", g.Links, fresh.Links}, {"backlinks", g.Backlinks, fresh.Backlinks}, {"related", g.Related, fresh.Related},
					{"broader", g.Broader, fresh.Broader}, {"narrower", g.Narrower, fresh.Narrower}, {"compare", g.Compare, fresh.Compare}} {
					if !slices.Equal(m.got[x], m.new[x]) {
						t.Errorf("%s of %s: %v, want %v", m.name, x.Slug, slugs(m.got[x]), slugs(m.new[x]))
					}
				}
			}
		})
	}
}

func slugs(ts []*content.Topic) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Slug)
	}
	return out
}

// Naming a draft by wiki link or in related says it is a draft.
func TestNamesOfDrafts(t *testing.T) {
	draft := &content.Topic{Path: "content/d.md", Rel: "d.md", Slug: "d", Title: "Draft Term", Aliases: []string{"DT"},
		Summary: "S.", Category: "C", Draft: true}
	pub := &content.Topic{Path: "content/p.md", Rel: "p.md", Slug: "p", Title: "Published", Summary: "S.", Category: "C",
		Related: []content.Ref{{Name: "d", Line: 4}},
		Links:   []content.Link{{Kind: content.WikiLink, Target: "dt", Line: 9, Col: 3}}}
	_, d := New(content.Settings{}, []*content.Topic{draft, pub}, Options{})
	want := []string{
		"content/p.md:4:1: related: \"d\" is content/d.md, which is a draft and is not published (build with -drafts to preview)",
		"content/p.md:9:3: wiki link [[dt]] names content/d.md, which is a draft and is not published (build with -drafts to preview)",
	}
	got := strings.Split(d.Err().Error(), "\n")
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
