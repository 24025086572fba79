// Package audit_test checks the built site with real third-party tools and
// a real browser: the W3C Nu HTML Checker (vnu-jar), axe-core, Lighthouse,
// linkinator, and chromedp-driven tests of search, scroll-to-top, narrow
// screens and screenshots.
//
// The package has test files only. Every test builds the shipped content/,
// templates/ and static/ into a temporary folder (once per run) and audits
// that, never public/.
//
// What the tests need, and where they look for it:
//
//	node_modules/   `npm ci` in the repository root (package-lock.json pins
//	                vnu-jar, axe-core, lighthouse and linkinator)
//	node            on PATH (lighthouse, linkinator)
//	java            on PATH, 11 or later (vnu.jar)
//	chromium        /usr/bin/chromium or on PATH (Debian's package chromium)
//	nginx           /usr/sbin/nginx or on PATH (Debian's package nginx)
//
// A test whose tool is missing skips with a message naming it, except on CI
// (CI=true), where it fails: .ci/run installs all of them.
//
// Environment:
//
//	UPDATE_SCREENSHOTS=1   write docs/screenshot-light.png and
//	                       docs/screenshot-dark.png in the repository
//	AUDIT_SKIP_LIGHTHOUSE=1  skip the slowest audit when iterating locally
//	                         (ignored on CI)
package audit_test

import (
	"context"
	"fmt"
	"glossary/generator/internal/chromium"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"glossary/generator/internal/pipeline"
)

// repoRoot is the repository, relative to this package's directory.
const repoRoot = "../../.."

// onCI reports whether the tests run on CI, where every tool must be there.
func onCI() bool { return os.Getenv("CI") == "true" }

// missing skips the test because a tool is not installed, or fails it on
// CI.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if onCI() {
		t.Fatal(msg + " (CI=true: .ci/run must install it)")
	}
	t.Skip(msg)
}

// nodeModule returns the path of a file inside node_modules, skipping the
// test when it is not installed.
func nodeModule(t testing.TB, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(repoRoot, "node_modules", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		missing(t, "%s is not installed: run `npm ci` in the repository root", filepath.Join("node_modules", rel))
	}
	return p
}

// program finds an executable at one of the given absolute paths or on
// PATH, skipping the test without it.
func program(t testing.TB, name, hint string, paths ...string) string {
	t.Helper()
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	missing(t, "%s is not installed (%s)", name, hint)
	return ""
}

func findNode(t testing.TB) string {
	return program(t, "node", "Debian's package nodejs")
}

func findChromium(t testing.TB) string { return chromium.Find(t) }

// built is the site built from the shipped sources, shared by every test
// of the run.
var built struct {
	once sync.Once
	dir  string
	err  error
}

// tmpRoot holds what the tests share; TestMain removes it.
var tmpRoot string

func TestMain(m *testing.M) {
	var err error
	tmpRoot, err = os.MkdirTemp("", "glossary-audit-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(tmpRoot)
	os.Exit(code)
}

// site builds the shipped content into a temporary folder, once, and
// returns the folder.
func site(t testing.TB) string {
	t.Helper()
	built.once.Do(func() {
		out := filepath.Join(tmpRoot, "public")
		s := pipeline.NewSite(pipeline.Config{
			Content:   filepath.Join(repoRoot, "content"),
			Templates: filepath.Join(repoRoot, "templates"),
			Static:    filepath.Join(repoRoot, "static"),
			Out:       out,
		})
		s.Load()
		if _, err := s.Generate(pipeline.Full); err != nil {
			built.err = err
			return
		}
		// Let servers that drop privileges (nginx's workers) read it.
		for _, d := range []string{tmpRoot, out} {
			os.Chmod(d, 0o755)
		}
		built.dir = out
	})
	if built.err != nil {
		t.Fatalf("building the shipped site: %v", built.err)
	}
	return built.dir
}

// serveSite serves the built site at the root of a local HTTP server.
func serveSite(t testing.TB) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(site(t))))
	t.Cleanup(srv.Close)
	return srv.URL
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// httpGet fetches url.
func httpGet(ctx context.Context, url string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	return http.DefaultClient.Do(req)
}

// Sample pages of the shipped site that the browser audits visit, in
// English and in French.
const (
	homePath       = "/"
	topicPath      = "/topics/shared-responsibility-model/"
	categoryPath   = "/categories/cyber-technology/"
	tagPath        = "/tags/cloud/"
	frHomePath     = "/fr/"
	frTopicPath    = "/fr/topics/shared-responsibility-model/"
	frCategoryPath = "/fr/categories/policy-structure/"
)

// sampleNames are the sample pages in the order the audits visit them.
var sampleNames = []string{"home", "topic", "category", "tag", "fr-home", "fr-topic", "fr-category"}

// samplePages exist in every build of the shipped content; a test that
// visits them fails clearly if a rename moved one.
func samplePages(t testing.TB) map[string]string {
	t.Helper()
	pages := map[string]string{"home": homePath, "topic": topicPath, "category": categoryPath, "tag": tagPath,
		"fr-home": frHomePath, "fr-topic": frTopicPath, "fr-category": frCategoryPath}
	dir := site(t)
	for name, p := range pages {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p), "index.html")); err != nil {
			t.Fatalf("the %s page %s is not in the built site: %v", name, p, err)
		}
	}
	return pages
}
