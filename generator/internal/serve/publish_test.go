package serve_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestServeStaticDotfiles adds, changes and removes files of a hidden
// folder in static/ while serving, with file system events and with
// polling: .well-known/ is published like any other static file, and
// litter beside it is not.
func TestServeStaticDotfiles(t *testing.T) {
	for _, poll := range []time.Duration{0, 50 * time.Millisecond} {
		t.Run(map[bool]string{false: "events", true: "poll"}[poll > 0], func(t *testing.T) {
			s := start(t, baseSite(), poll)
			sec := filepath.Join(s.cfg.Static, ".well-known", "security.txt")
			s.change("new .well-known folder", func() {
				writeFile(t, sec, "Contact: mailto:a@example.org\n")
				writeFile(t, filepath.Join(s.cfg.Static, ".well-known", "security.txt~"), "backup\n")
			}, succeeded(s.shows("/.well-known/security.txt", "mailto:a@example.org")))
			if code, _ := s.get("/.well-known/security.txt~"); code != http.StatusNotFound {
				t.Errorf("GET an editor's backup file: status %d, want 404", code)
			}
			if _, err := os.Stat(filepath.Join(s.cfg.Out, ".well-known", "security.txt~")); err == nil {
				t.Error("an editor's backup file was published")
			}
			s.change("changed", func() { writeFile(t, sec, "Contact: mailto:b@example.org\n") },
				succeeded(s.shows("/.well-known/security.txt", "mailto:b@example.org")))
			s.sameAsFull(t, "after a .well-known change")
			s.change("removed", func() { must(t, os.RemoveAll(filepath.Dir(sec))) },
				succeeded(s.status("/.well-known/security.txt", http.StatusNotFound)))
			s.sameAsFull(t, "after .well-known was removed")
		})
	}
}
