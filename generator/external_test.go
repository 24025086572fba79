package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// check -external asks the sources' addresses, reports dead ones as
// warnings with exit status 0, and keeps the results in the cache folder.
func TestCheckExternal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/act" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	inSite(t, map[string]string{"content/deductible.md": "---\ntitle: Deductible\nsummary: The part of a loss the policyholder bears.\n" +
		"sources:\n  - title: An Act\n    url: " + srv.URL + "/act\n    kind: law\n  - title: A Page\n    url: " + srv.URL + "/gone\n---\n\n## Definition\n\nText.\n"})
	args := append([]string{"check", "-external"}, siteFlags...)
	code, stdout, stderr := runGenerator(args...)
	wantWarning := "content/deductible.md:9:10: warning: source url " + srv.URL + "/gone answered 404 Not Found\n"
	if code != 0 || stderr != wantWarning || !strings.HasSuffix(stdout, "external: 2 source urls (2 asked, 0 from the cache), 1 warning\n") {
		t.Errorf("check -external = %d, stdout %q, stderr %q; want 0, a summary and the warning %q", code, stdout, stderr, wantWarning)
	}
	if _, err := os.Stat(".glossary/external.json"); err != nil {
		t.Errorf("no cache of results: %v", err)
	}
	code, stdout, stderr = runGenerator(args...)
	if code != 0 || stderr != wantWarning || !strings.HasSuffix(stdout, "(0 asked, 2 from the cache), 1 warning\n") {
		t.Errorf("second check -external = %d, stdout %q, stderr %q; want every result from the cache", code, stdout, stderr)
	}
	// Plain check and build never go out.
	srv.Close()
	if code, _, stderr := runGenerator(append([]string{"check"}, siteFlags...)...); code != 0 || stderr != "" {
		t.Errorf("check = %d, %q", code, stderr)
	}
	if code, _, stderr := runGenerator(append([]string{"build", "-external"}, siteFlags...)...); code != 2 || !strings.Contains(stderr, "-external is a flag of check only") {
		t.Errorf("build -external = %d, %q; want 2 and a usage error", code, stderr)
	}
}
