package pipeline

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestResaveIsNoChange: a topic saved again with the bytes it had (an
// editor's save without edits, a touch, a checkout) changes nothing, so
// the dev server neither rebuilds nor reloads the reader's tab; one byte
// more is a change. Both ways the server learns of saves are covered:
// file system events (Reload) and polling (Load).
func TestResaveIsNoChange(t *testing.T) {
	const topic = "content/deductible.md"
	for _, tc := range []struct {
		name    string
		edit    func(src string) string
		changed bool
	}{
		{"same bytes", func(src string) string { return src }, false},
		{"one byte more", func(src string) string { return src + "\n" }, true},
		{"same size, other bytes", func(src string) string { return strings.Replace(src, "Deductible", "Deductibke", 1) }, true},
	} {
		for _, poll := range []bool{false, true} {
			name := tc.name
			if poll {
				name += ", polling"
			}
			t.Run(name, func(t *testing.T) {
				unpackSite(t, "basic")
				s := servedSite(t)
				src, err := os.ReadFile(topic)
				if err != nil {
					t.Fatal(err)
				}
				writeFile(t, topic, tc.edit(string(src)))
				later := time.Now().Add(time.Minute)
				if err := os.Chtimes(topic, later, later); err != nil {
					t.Fatal(err)
				}
				var changed bool
				if poll {
					changed = s.Load()
				} else {
					changed = s.Reload([]string{topic})
				}
				if changed != tc.changed {
					t.Fatalf("the site saw a change: %v, want %v", changed, tc.changed)
				}
				// Either way, what it builds is the file as it is now.
				if _, err := s.Generate(InPlace); err != nil {
					t.Fatal(err)
				}
				if again := s.Load(); again {
					t.Error("a second look found a change: the file's new time was not kept")
				}
			})
		}
	}
}
