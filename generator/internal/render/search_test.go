package render

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
)

func testGlossary(t *testing.T, topics []*content.Topic) *glossary.Glossary {
	t.Helper()
	g, d := glossary.New(content.Settings{Title: "T"}, topics, glossary.Options{})
	if len(d) > 0 {
		t.Fatal(d.Err())
	}
	return g
}

// An index updated after changes must equal one built from scratch.
func TestSearchIndexUpdateEqualsRebuild(t *testing.T) {
	mk := func(i int, def string) *content.Topic {
		return &content.Topic{Slug: fmt.Sprintf("t%03d", i), Rel: fmt.Sprintf("t%03d.md", i),
			Title: fmt.Sprintf("Term %03d", i), Summary: "Summary of term.", Definition: def, Category: "Claims", Hash: uint64(len(def))*7919 + uint64(i)}
	}
	var topics []*content.Topic
	for i := range 1200 { // more than two doc chunks
		topics = append(topics, mk(i, fmt.Sprintf("Coverage word%d and premium.", i%37)))
	}
	edits := []struct {
		name string
		edit func(ts []*content.Topic) []*content.Topic
	}{
		{"definition", func(ts []*content.Topic) []*content.Topic {
			ts[5] = mk(5, "Entirely new vocabulary: subrogation waiver.")
			return ts
		}},
		{"word vanishes from a shard", func(ts []*content.Topic) []*content.Topic {
			ts[7] = mk(7, "")
			return ts
		}},
		{"alias", func(ts []*content.Topic) []*content.Topic {
			t := *ts[900]
			t.Aliases = []string{"Zebra Clause"}
			t.Hash++
			ts[900] = &t
			return ts
		}},
		// A deprecated term's names lead to its replacement, whose file
		// did not change.
		{"deprecated", func(ts []*content.Topic) []*content.Topic {
			t := *ts[10]
			t.Status, t.ReplacedBy, t.Hash = content.StatusDeprecated, ts[11].Slug, t.Hash+1
			ts[10] = &t
			return ts
		}},
		{"deprecated term renamed", func(ts []*content.Topic) []*content.Topic {
			t := *ts[10]
			t.Title, t.Hash = "Term 010 Xylophone", t.Hash+1 // keeps its place A–Z
			ts[10] = &t
			return ts
		}},
		// Past inlineBody topics a word's text postings move to a file
		// of their own, and back.
		{"word outgrows its shard", func(ts []*content.Topic) []*content.Topic {
			for i := 100; i < 100+inlineBody+10; i++ {
				ts[i] = mk(i, "Zebra crossing.")
			}
			return ts
		}},
		{"word shrinks back", func(ts []*content.Topic) []*content.Topic {
			for i := 100; i < 100+inlineBody+10; i++ {
				ts[i] = mk(i, fmt.Sprintf("Coverage word%d and premium.", i%37))
			}
			return ts
		}},
		{"topic removed", func(ts []*content.Topic) []*content.Topic { return ts[1:] }},
		{"topic added", func(ts []*content.Topic) []*content.Topic { return append(ts, mk(5000, "New.")) }},
	}
	x := SearchIndex{Keep: true}
	x.update(testGlossary(t, topics))
	for _, e := range edits {
		topics = e.edit(topics)
		g := testGlossary(t, topics)
		got := maps.Clone(x.update(g))
		want := new(SearchIndex).update(g)
		if _, own := want["search/terms/ze.1.json"]; own != (e.name == "word outgrows its shard") {
			t.Errorf("%s: zebra's postings in a file of their own: %v", e.name, own)
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d files, want %d", e.name, len(got), len(want))
		}
		for name, w := range want {
			if string(got[name].data) != string(w.data) {
				t.Errorf("%s: %s differs from a fresh index:\n got %.200s\nwant %.200s", e.name, name, got[name].data, w.data)
			}
		}
	}
}

// The shard files decode, as the script reads them, to the postings
// they were written from.
func TestAppendPostingsRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		terms map[string][]int
		body  bool
	}{
		{"names", map[string][]int{"zeta": {1, 16, 1, 273, 40, 33}, "élan": {0, 0}}, false},
		{"body", map[string][]int{"alpha": {3, 2, 6, 1, 700, 1}, "b2b": {0, 1}}, true},
	} {
		var decoded map[string][]int
		if err := json.Unmarshal(appendPostings(nil, tc.terms, tc.body, nil), &decoded); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for w, p := range decoded {
			var got []int
			doc := 0
			for i := 0; i < len(p); i++ {
				if tc.body {
					doc += p[i] / 4
					got = append(got, doc, p[i]%4)
					continue
				}
				doc += p[i]
				got = append(got, doc, p[i+1])
				i++
			}
			if !slices.Equal(got, tc.terms[w]) {
				t.Errorf("%s: %s decodes to %v, want %v", tc.name, w, got, tc.terms[w])
			}
		}
		if len(decoded) != len(tc.terms) {
			t.Errorf("%s: %d words, want %d", tc.name, len(decoded), len(tc.terms))
		}
	}
}

// Each name's words carry the name's number, its word count and their
// place; a name whose words are joined by punctuation is also indexed run
// together, so "e&o" and "claimsmade" find it.
func TestTopicEntriesNames(t *testing.T) {
	for _, tc := range []struct {
		title   string
		aliases []string
		want    map[string][]int // word → codes
	}{
		{"Deductible", []string{"Excess"}, map[string][]int{"deductible": {0<<8 | 1<<4 | 0}, "excess": {1<<8 | 1<<4 | 0}}},
		{"Errors and Omissions", nil, map[string][]int{"errors": {2 << 4}, "omissions": {2<<4 | 1}}},
		{"Professional Liability", []string{"E&O"}, map[string][]int{"professional": {2 << 4}, "liability": {2<<4 | 1}, "eo": {1 << 8}}},
		{"Claims-Made Policy", nil, map[string][]int{"claims": {3 << 4}, "made": {3<<4 | 1}, "policy": {3<<4 | 2}, "claimsmadepolicy": {0}}},
		// A word in two names has an entry for each.
		{"Waiver of Subrogation", []string{"Subrogation Waiver"}, map[string][]int{
			"waiver": {2 << 4, 1<<8 | 2<<4 | 1}, "subrogation": {2<<4 | 1, 1<<8 | 2<<4}}},
		// One word: nothing to run together.
		{"Sub-limit", nil, map[string][]int{"sub": {2 << 4}, "limit": {2<<4 | 1}, "sublimit": {0}}},
	} {
		topic := &content.Topic{Slug: "t", Rel: "t.md", Title: tc.title, Aliases: tc.aliases, Summary: "S.", Category: "C"}
		got := map[string][]int{}
		for _, e := range topicEntries(testGlossary(t, []*content.Topic{topic}), topic) {
			if !e.body {
				got[e.word] = append(got[e.word], e.code)
			}
		}
		for w := range got {
			slices.Sort(got[w])
		}
		for w := range tc.want {
			slices.Sort(tc.want[w])
		}
		if !maps.EqualFunc(got, tc.want, slices.Equal) {
			t.Errorf("%s %q: names entries %v, want %v", tc.title, tc.aliases, got, tc.want)
		}
	}
}
