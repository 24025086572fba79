package audit_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"glossary/generator/internal/pipeline"
)

// The shipped glossary has no proposed or deprecated term and no moved
// topic yet, so the pages that show them are audited on the build tests'
// lifecycle site: the deprecated term's banner, the proposed term's badge
// and a redirect page.
const lifecycleSite = "../pipeline/testdata/sites/lifecycle.txtar"

var lifecyclePages = map[string]string{
	"deprecated": "/topics/excess/",
	"proposed":   "/topics/cyber-extortion/",
	"redirect":   "/topics/ded/",
}

// buildLifecycleSite builds the lifecycle site with the repository's
// templates and static files and returns its output folder.
func buildLifecycleSite(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile(lifecycleSite)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "public")
	s := pipeline.NewSite(pipeline.Config{Content: filepath.Join(dir, "content"), Templates: filepath.Join(repoRoot, "templates"),
		Static: filepath.Join(repoRoot, "static"), Out: out, Cache: filepath.Join(dir, ".glossary")})
	s.Load()
	if _, err := s.Generate(pipeline.Full); err != nil {
		t.Fatalf("building %s: %v", lifecycleSite, err)
	}
	for name, p := range lifecyclePages {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p), "index.html")); err != nil {
			t.Fatalf("the %s page %s is not in the built site: %v", name, p, err)
		}
	}
	return out
}

// TestLifecyclePages runs the Nu HTML Checker on every page of the
// lifecycle site and axe-core on its deprecated, proposed and redirect
// pages in both colour schemes.
func TestLifecyclePages(t *testing.T) {
	dir := buildLifecycleSite(t)
	t.Run("nu", func(t *testing.T) { nuCheck(t, dir) })
	t.Run("axe", func(t *testing.T) {
		src, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js"))
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
		t.Cleanup(srv.Close)
		b := newBrowser(t, 1200, 900)
		for _, scheme := range []string{"light", "dark"} {
			b.colorScheme(scheme)
			for _, name := range []string{"deprecated", "proposed", "redirect"} {
				what := fmt.Sprintf("%s page %s (%s)", name, lifecyclePages[name], scheme)
				url := srv.URL + lifecyclePages[name]
				if name == "redirect" {
					// Audit the page itself, not where it sends the
					// browser: without its refresh.
					url = srv.URL + "/redirect-under-test/"
					page, err := os.ReadFile(filepath.Join(dir, "topics", "ded", "index.html"))
					if err != nil {
						t.Fatal(err)
					}
					held := strings.Replace(string(page), `<meta http-equiv="refresh"`, `<meta name="x-held-refresh"`, 1)
					writeHeld(t, filepath.Join(dir, "redirect-under-test", "index.html"), held)
				}
				b.open(url)
				reportAxe(t, what, runAxe(b, what, string(src)))
				b.noConsoleErrors(what)
			}
		}
	})
}

func writeHeld(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
