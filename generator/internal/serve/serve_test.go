package serve_test

// These tests run the dev server the way `generator serve` does, on a
// temporary copy of a small site built with the repository's real
// templates/ and static/, change files as editors do, and assert on what
// the server then answers over HTTP. They never sleep to wait for a build:
// the Built callback feeds a channel, and every wait has a deadline, so a
// broken server fails the test instead of hanging it.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"glossary/generator/internal/diag"
	"glossary/generator/internal/pipeline"
	"glossary/generator/internal/serve"
)

// The repository's own templates and static files, relative to this
// package's directory.
const (
	repoTemplates = "../../../templates"
	repoStatic    = "../../../static"
)

// Deadlines: startup includes the first full build; a change must be
// served within settle.
const (
	startup = 10 * time.Second
	settle  = 5 * time.Second
)

// injected is what the server adds before </body> of every served page.
const injected = `<script src="/_glossary/reload.js"></script></body>`

// def is a topic file's content.
type def struct {
	title, summary, category, tags, body string
}

// with is the topic file with extra front matter lines.
func (d def) with(extra ...string) string {
	src := d.String()
	i := strings.Index(src[4:], "---\n") + 4
	return src[:i] + strings.Join(extra, "\n") + "\n" + src[i:]
}

func (d def) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\nsummary: %s\n", d.title, d.summary)
	if d.category != "" {
		fmt.Fprintf(&b, "category: %s\n", d.category)
	}
	if d.tags != "" {
		fmt.Fprintf(&b, "tags: [%s]\n", d.tags)
	}
	fmt.Fprintf(&b, "---\n\n## Definition\n\n%s\n", d.body)
	return b.String()
}

// Topics of the test site. Beta and Gamma link to Alpha, Alpha to Beta,
// Beta to Gamma; nothing links to Delta, which is alone in its category.
var (
	alpha = def{"Alpha Term", "Alpha summary.", "Policy Structure", "limits",
		"Alpha text v0 relates to [Beta Term](beta.md)."}
	beta = def{"Beta Term", "Beta summary.", "Claims", "limits, claims",
		"Beta text v0 leads to [Gamma Term](gamma.md) and back to [Alpha Term](alpha.md)."}
	gamma = def{"Gamma Term", "Gamma summary.", "Claims", "",
		"Gamma text v0 returns to [Alpha Term](alpha.md)."}
	delta = def{"Delta Term", "Delta summary.", "Underwriting", "",
		"Delta text v0 stands alone."}
)

const settings = `---
title: Test Glossary
description: A small glossary that the dev server tests edit.
base_url: https://glossary.test/
---

A small glossary for the tests, which change its files while it is served.
`

// bilingual is the settings of the last steps of the incremental test,
// with French beside English.
var bilingual = strings.Replace(settings, "base_url:",
	"license: CC0-1.0\nlanguages:\n  - code: en\n    name: English\n    default: true\n  - code: fr\n    name: Français\nbase_url:", 1)

// frenchBeta is a French translation of the beta topic, titled title.
func frenchBeta(title string) string {
	return "---\ntitle: " + title + "\nsummary: Le résumé de bêta.\n---\n\n## Définition\n\nLe texte de bêta renvoie à [alpha](alpha.md).\n"
}

func baseSite() map[string]string {
	return map[string]string{
		"_index.md": settings,
		"alpha.md":  alpha.String(),
		"beta.md":   beta.String(),
		"gamma.md":  gamma.String(),
		"delta.md":  delta.String(),
	}
}

// devServer is one serve.Run on its own copy of the site.
type devServer struct {
	t      *testing.T
	cfg    pipeline.Config
	addr   string // host:port it listens on
	url    string // http://addr
	builds chan outcome
	client *http.Client
	log    *syncBuffer
	// poll is the server's -poll; looks receives a value each time the
	// server, polling, has looked at the files and done the rebuild that
	// look called for.
	poll  time.Duration
	looks chan struct{}
}

// outcome is one build as the Built callback reported it.
type outcome struct {
	res pipeline.Result
	err error
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// option changes a dev server's options, and what serve.Tune sets,
// before it starts.
type option func(*serve.Options, *serve.Tuning)

// start serves files like launch, and requires the first build to succeed.
func start(t *testing.T, files map[string]string, poll time.Duration, opts ...option) *devServer {
	t.Helper()
	s, first := launch(t, files, poll, opts...)
	if first.err != nil {
		t.Fatalf("initial build: %v", first.err)
	}
	return s
}

// newSite writes files into a new site folder, with a copy of the
// repository's templates and static files.
func newSite(t *testing.T, files map[string]string) pipeline.Config {
	t.Helper()
	dir := t.TempDir()
	cfg := pipeline.Config{
		Content:   filepath.Join(dir, "content"),
		Templates: filepath.Join(dir, "templates"),
		Static:    filepath.Join(dir, "static"),
		Out:       filepath.Join(dir, "public"),
	}
	copyDir(t, repoTemplates, cfg.Templates)
	copyDir(t, repoStatic, cfg.Static)
	for rel, src := range files {
		writeFile(t, filepath.Join(cfg.Content, rel), src)
	}
	return cfg
}

// launch writes files into a new site folder (newSite) and serves it
// until the test ends. It returns once the first build is done, with its
// outcome.
func launch(t *testing.T, files map[string]string, poll time.Duration, opts ...option) (*devServer, outcome) {
	t.Helper()
	cfg := newSite(t, files)
	s := &devServer{
		t:      t,
		cfg:    cfg,
		builds: make(chan outcome, 4096),
		client: &http.Client{
			Timeout:       settle,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
			Transport:     &http.Transport{MaxIdleConnsPerHost: 16},
		},
		log:   &syncBuffer{},
		poll:  poll,
		looks: make(chan struct{}, 1<<16),
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	options := serve.Options{
		Config: cfg,
		Addr:   "127.0.0.1:0",
		Poll:   poll,
		Log:    s.log,
		Ready:  func(addr string) { ready <- addr },
		Built: func(res pipeline.Result, err error) {
			select {
			case s.builds <- outcome{res, err}:
			case <-ctx.Done():
			}
		},
	}
	tuning := serve.Tuning{Polled: func() {
		select {
		case s.looks <- struct{}{}:
		default: // a test that does not count looks
		}
	}}
	for _, o := range opts {
		o(&options, &tuning)
	}
	go func() { done <- serve.Run(ctx, serve.Tune(options, tuning)) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve.Run returned %v, want nil after the context is cancelled", err)
			}
		case <-time.After(startup):
			t.Errorf("serve.Run did not return within %v of the context being cancelled", startup)
		}
		s.client.CloseIdleConnections()
		if t.Failed() {
			t.Logf("server log:\n%s", s.log)
		}
	})
	select {
	case s.addr = <-ready:
	case err := <-done:
		t.Fatalf("serve.Run returned before listening: %v", err)
	case <-time.After(startup):
		t.Fatalf("serve.Run did not call Ready within %v", startup)
	}
	// A server bound to every interface is reached on loopback.
	if host, port, _ := net.SplitHostPort(s.addr); net.ParseIP(host).IsUnspecified() {
		s.addr = net.JoinHostPort("127.0.0.1", port)
	}
	s.url = "http://" + s.addr
	return s, s.next()
}

// next returns the next build's outcome.
func (s *devServer) next() outcome {
	s.t.Helper()
	select {
	case o := <-s.builds:
		return o
	case <-time.After(settle):
		s.t.Fatalf("no build finished within %v", settle)
		return outcome{}
	}
}

// drain forgets the builds reported so far.
func (s *devServer) drain() {
	for {
		select {
		case <-s.builds:
		default:
			return
		}
	}
}

// change makes a change to the site's files, then waits until a build
// that finished after it satisfies ok, and returns that build. One change
// can take several builds (events arrive in more than one batch), so ok
// is asked after each.
func (s *devServer) change(what string, do func(), ok func(outcome) bool) outcome {
	s.t.Helper()
	s.drain()
	do()
	deadline := time.After(settle)
	var last *outcome
	for {
		select {
		case o := <-s.builds:
			if ok(o) {
				return o
			}
			last = &o
		case <-deadline:
			switch {
			case last == nil:
				s.t.Fatalf("%s: no build finished within %v", what, settle)
			case last.err != nil:
				s.t.Fatalf("%s: not served within %v; the last build failed: %v", what, settle, last.err)
			default:
				s.t.Fatalf("%s: not served within %v (the last build succeeded: %+v)", what, settle, last.res)
			}
			return outcome{}
		}
	}
}

// succeeded is an ok for change: a good build after which every check holds.
func succeeded(checks ...func() bool) func(outcome) bool {
	return func(o outcome) bool {
		if o.err != nil {
			return false
		}
		for _, c := range checks {
			if !c() {
				return false
			}
		}
		return true
	}
}

// failedWith is an ok for change: a build that failed with an error
// holding text. (An editor's write can also be seen half done, failing
// for another reason first.)
func failedWith(text string) func(outcome) bool {
	return func(o outcome) bool { return o.err != nil && strings.Contains(o.err.Error(), text) }
}

// get fetches path from the server and returns the status and body.
func (s *devServer) get(path string) (int, string) {
	s.t.Helper()
	code, body, err := s.fetch(path)
	if err != nil {
		s.t.Fatalf("GET %s: %v", path, err)
	}
	return code, body
}

// fetch is get for any goroutine: it returns the error.
func (s *devServer) fetch(path string) (int, string, error) {
	resp, err := s.client.Get(s.url + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// page fetches a page that must be served with status 200.
func (s *devServer) page(path string) string {
	s.t.Helper()
	code, body := s.get(path)
	if code != http.StatusOK {
		s.t.Fatalf("GET %s: status %d, want 200; body:\n%s", path, code, body)
	}
	return body
}

// shows reports whether path is served with status 200 and contains every
// text.
func (s *devServer) shows(path string, texts ...string) func() bool {
	return func() bool {
		code, body := s.get(path)
		if code != http.StatusOK {
			return false
		}
		for _, text := range texts {
			if !strings.Contains(body, text) {
				return false
			}
		}
		return true
	}
}

// lacks reports whether path is served with 200 and contains none of texts.
func (s *devServer) lacks(path string, texts ...string) func() bool {
	return func() bool {
		code, body := s.get(path)
		if code != http.StatusOK {
			return false
		}
		for _, text := range texts {
			if strings.Contains(body, text) {
				return false
			}
		}
		return true
	}
}

// status reports whether path is answered with code.
func (s *devServer) status(path string, code int) func() bool {
	return func() bool {
		got, _ := s.get(path)
		return got == code
	}
}

func (s *devServer) contentPath(rel string) string {
	return filepath.Join(s.cfg.Content, filepath.FromSlash(rel))
}

// write saves a file below the content folder as an editor that writes in
// place does.
func (s *devServer) write(rel, src string) {
	s.t.Helper()
	writeFile(s.t, s.contentPath(rel), src)
}

func writeFile(t *testing.T, p, src string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", from, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// linkPos is where the first link to target is in src, as a diagnostic
// names it.
func linkPos(t *testing.T, src, target string) (line, col int) {
	t.Helper()
	i := strings.Index(src, "]("+target+")")
	if i < 0 {
		t.Fatalf("no link to %s in:\n%s", target, src)
	}
	i = strings.LastIndex(src[:i], "[")
	start := strings.LastIndex(src[:i], "\n") + 1
	return strings.Count(src[:i], "\n") + 1, i - start + 1
}

func TestServe(t *testing.T) {
	t.Run("edit", func(t *testing.T) {
		t.Parallel()
		s := start(t, baseSite(), 0)
		s.page("/topics/alpha/")
		edited := alpha
		edited.body = "Alpha text v1, edited in place, relates to [Beta Term](beta.md)."
		s.change("edited alpha.md",
			func() { s.write("alpha.md", edited.String()) },
			succeeded(s.shows("/topics/alpha/", "Alpha text v1, edited in place")))
		if body := s.page("/topics/alpha/"); strings.Contains(body, "Alpha text v0") {
			t.Errorf("/topics/alpha/ still shows the old text after the edit")
		}
	})

	t.Run("atomic save", func(t *testing.T) {
		t.Parallel()
		s := start(t, baseSite(), 0)
		edited := alpha
		edited.body = "Alpha text v2, saved by rename, relates to [Beta Term](beta.md)."
		s.change("alpha.md replaced by rename",
			func() {
				tmp := s.contentPath(".alpha.md.tmp123")
				must(t, os.WriteFile(tmp, []byte(edited.String()), 0o644))
				must(t, os.Rename(tmp, s.contentPath("alpha.md")))
			},
			succeeded(s.shows("/topics/alpha/", "Alpha text v2, saved by rename")))
	})

	t.Run("rename unlinked topic", func(t *testing.T) {
		t.Parallel()
		s := start(t, baseSite(), 0)
		s.change("delta.md renamed to omega.md",
			func() { must(t, os.Rename(s.contentPath("delta.md"), s.contentPath("omega.md"))) },
			succeeded(s.status("/topics/delta/", http.StatusNotFound),
				s.shows("/topics/omega/", "Delta text v0"),
				s.shows("/", `href="topics/omega/"`)))
		if home := s.page("/"); strings.Contains(home, "topics/delta/") {
			t.Errorf("the home page still links to topics/delta/ after the rename")
		}
	})

	t.Run("rename linked topic", func(t *testing.T) {
		t.Parallel()
		s := start(t, baseSite(), 0)
		// Beta links to gamma.md: renaming Gamma breaks that link, and the
		// last good site stays served.
		line, col := linkPos(t, beta.String(), "gamma.md")
		want := fmt.Sprintf("%s:%d:%d: link to missing topic %q", s.contentPath("beta.md"), line, col, "gamma.md")
		failed := s.change("gamma.md renamed to gamma-renamed.md",
			func() { must(t, os.Rename(s.contentPath("gamma.md"), s.contentPath("gamma-renamed.md"))) },
			failedWith("link to missing topic"))
		if !strings.Contains(failed.err.Error(), want) {
			t.Errorf("build error:\n%v\nwant it to contain:\n%s", failed.err, want)
		}
		s.page("/topics/gamma/") // the last good site
		if code, _ := s.get("/topics/gamma-renamed/"); code != http.StatusNotFound {
			t.Errorf("GET /topics/gamma-renamed/ after a failed build: status %d, want 404", code)
		}

		fixed := beta
		fixed.body = strings.ReplaceAll(beta.body, "(gamma.md)", "(gamma-renamed.md)")
		s.change("beta.md links to gamma-renamed.md",
			func() { s.write("beta.md", fixed.String()) },
			succeeded(s.status("/topics/gamma/", http.StatusNotFound),
				s.shows("/topics/gamma-renamed/", "Gamma text v0"),
				s.shows("/topics/beta/", `href="../../topics/gamma-renamed/"`)))
	})

	t.Run("delete topic", func(t *testing.T) {
		t.Parallel()
		s := start(t, baseSite(), 0)
		s.page("/categories/underwriting/")
		s.change("delta.md deleted",
			func() { must(t, os.Remove(s.contentPath("delta.md"))) },
			succeeded(s.status("/topics/delta/", http.StatusNotFound),
				s.lacks("/", "Delta Term", "topics/delta/")))
		code, body := s.get("/topics/delta/")
		if !strings.Contains(body, "Page not found") {
			t.Errorf("GET /topics/delta/: status %d without the 404 page:\n%s", code, body)
		}
		if code, _ := s.get("/categories/underwriting/"); code != http.StatusNotFound {
			t.Errorf("GET /categories/underwriting/ after its only topic was deleted: status %d, want 404", code)
		}
		if _, err := os.Stat(filepath.Join(s.cfg.Out, "topics", "delta")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the output folder still has topics/delta: %v", err)
		}
	})

	t.Run("new folder", func(t *testing.T) {
		t.Parallel()
		s := start(t, baseSite(), 0)
		// The file is written right after the folder is made, before the
		// watcher can have added the new folder.
		s.change("topic written in a new folder",
			func() {
				s.write("extra/deep/epsilon.md", def{"Epsilon Term", "Epsilon summary.", "Claims", "",
					"Epsilon text v0 in a new folder, linking to [Alpha Term](../../alpha.md)."}.String())
			},
			succeeded(s.shows("/topics/epsilon/", "Epsilon text v0", `href="../../topics/alpha/"`)))
		// The new folder is watched from now on.
		s.change("second topic in the new folder",
			func() {
				s.write("extra/deep/zeta.md", def{"Zeta Term", "Zeta summary.", "Claims", "", "Zeta text v0."}.String())
			},
			succeeded(s.shows("/topics/zeta/", "Zeta text v0")))
		s.change("topic in the new folder edited",
			func() {
				s.write("extra/deep/zeta.md", def{"Zeta Term", "Zeta summary.", "Claims", "", "Zeta text v1."}.String())
			},
			succeeded(s.shows("/topics/zeta/", "Zeta text v1")))
	})

	t.Run("rename folder", func(t *testing.T) {
		t.Parallel()
		files := baseSite()
		files["extra/epsilon.md"] = def{"Epsilon Term", "Epsilon summary.", "Claims", "", "Epsilon text v0."}.String()
		s := start(t, files, 0)
		s.page("/topics/epsilon/")
		s.change("folder extra renamed to moved",
			func() { must(t, os.Rename(s.contentPath("extra"), s.contentPath("moved"))) },
			succeeded(s.shows("/topics/epsilon/", "Epsilon text v0")))
		s.change("topic in the renamed folder edited",
			func() {
				s.write("moved/epsilon.md", def{"Epsilon Term", "Epsilon summary.", "Claims", "", "Epsilon text v1."}.String())
			},
			succeeded(s.shows("/topics/epsilon/", "Epsilon text v1")))
		s.change("renamed folder deleted",
			func() { must(t, os.RemoveAll(s.contentPath("moved"))) },
			succeeded(s.status("/topics/epsilon/", http.StatusNotFound)))
	})

	t.Run("broken then fixed", func(t *testing.T) {
		t.Parallel()
		s := start(t, baseSite(), 0)
		events := s.subscribe(t)
		waitEvent(t, events, "hello", "")

		broken := alpha
		broken.body = "Alpha text v1 is broken.\n\nIt links to [a missing topic](missing.md)."
		src := broken.String()
		line, col := linkPos(t, src, "missing.md")
		pos := fmt.Sprintf("%s:%d:%d", s.contentPath("alpha.md"), line, col)
		failed := s.change("alpha.md links to a missing topic",
			func() { s.write("alpha.md", src) },
			failedWith("missing.md"))
		var list diag.ListError
		switch {
		case !errors.As(failed.err, &list):
			t.Errorf("build error %T %q, want a diag.ListError", failed.err, failed.err)
		case len(list) != 1 || list[0].Path != s.contentPath("alpha.md") || list[0].Line != line || list[0].Col != col:
			t.Errorf("build error:\n%v\nwant one error at %s", failed.err, pos)
		}
		if want := pos + `: link to missing topic "missing.md"`; !strings.Contains(failed.err.Error(), want) {
			t.Errorf("build error:\n%v\nwant it to contain %q", failed.err, want)
		}

		body := s.page("/topics/alpha/")
		if !strings.Contains(body, "Alpha text v0") || strings.Contains(body, "is broken") {
			t.Errorf("after the failed build /topics/alpha/ is not the last good page:\n%s", body)
		}
		waitEvent(t, events, "failed", pos+`: link to missing topic "missing.md"`)
		// A tab opened while the site is broken gets the errors at once.
		late := s.subscribe(t)
		if ev := waitEvent(t, late, "", ""); ev.name != "failed" || !strings.Contains(ev.data, pos) {
			t.Errorf("a new stream's first event is %s %q, want the failure at %s", ev.name, ev.data, pos)
		}

		fixed := alpha
		fixed.body = "Alpha text v2 is fixed and relates to [Beta Term](beta.md)."
		s.change("alpha.md fixed",
			func() { s.write("alpha.md", fixed.String()) },
			succeeded(s.shows("/topics/alpha/", "Alpha text v2 is fixed")))
		waitEvent(t, events, "reload", "")
		waitEvent(t, late, "reload", "")
	})

	t.Run("template change", func(t *testing.T) {
		t.Parallel()
		s := start(t, baseSite(), 0)
		const banner = `<p class="test-banner">Template version two</p>`
		base := filepath.Join(s.cfg.Templates, "base.html")
		old, err := os.ReadFile(base)
		must(t, err)
		const anchor = `{{template "main" .}}`
		if !bytes.Contains(old, []byte(anchor)) {
			t.Fatalf("%s has no %s to put the banner after", repoTemplates+"/base.html", anchor)
		}
		s.change("base.html edited",
			func() {
				writeFile(t, base, strings.Replace(string(old), anchor, banner+"\n"+anchor, 1))
			},
			succeeded(s.shows("/", banner)))
		pages := s.pages()
		if len(pages) < 10 {
			t.Fatalf("only %d pages in the output: %v", len(pages), pages)
		}
		for _, p := range pages {
			if body := s.page(p); !strings.Contains(body, banner) {
				t.Errorf("GET %s does not show the template change", p)
			}
		}
		if code, body := s.get("/no/such/page/"); code != http.StatusNotFound || !strings.Contains(body, banner) {
			t.Errorf("GET /no/such/page/: status %d, want 404 with the template change", code)
		}
	})

	t.Run("poll", func(t *testing.T) {
		t.Parallel()
		s := start(t, baseSite(), 50*time.Millisecond)
		edited := alpha
		edited.body = "Alpha text v1, found by polling, relates to [Beta Term](beta.md)."
		s.change("alpha.md edited",
			func() { s.write("alpha.md", edited.String()) },
			succeeded(s.shows("/topics/alpha/", "Alpha text v1, found by polling")))
		s.change("new topic in a new folder",
			func() {
				s.write("extra/epsilon.md", def{"Epsilon Term", "Epsilon summary.", "Claims", "", "Epsilon text v0."}.String())
			},
			succeeded(s.shows("/topics/epsilon/", "Epsilon text v0")))
		s.change("delta.md deleted",
			func() { must(t, os.Remove(s.contentPath("delta.md"))) },
			succeeded(s.status("/topics/delta/", http.StatusNotFound)))
	})

	t.Run("starts broken", func(t *testing.T) {
		t.Parallel()
		files := baseSite()
		files["alpha.md"] = "---\ntitle: Alpha Term\n---\n\nNo summary and no definition.\n"
		s, first := launch(t, files, 0)
		if first.err == nil {
			t.Fatalf("initial build of a broken site succeeded")
		}
		if code, _ := s.get("/"); code == http.StatusOK {
			t.Errorf("GET / before any good build: status 200")
		}
		s.change("alpha.md fixed",
			func() { s.write("alpha.md", alpha.String()) },
			succeeded(s.shows("/topics/alpha/", "Alpha text v0"), s.shows("/", "Delta Term")))
	})
}

// pages lists the URL paths of the HTML pages in the output folder.
func (s *devServer) pages() []string {
	s.t.Helper()
	var out []string
	err := filepath.WalkDir(s.cfg.Out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(p) != ".html" || e.Name() == "404.html" {
			return err
		}
		rel, _ := filepath.Rel(s.cfg.Out, p)
		out = append(out, "/"+strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		return nil
	})
	must(s.t, err)
	slices.Sort(out)
	return out
}

// sseEvent is one Server-Sent Event.
type sseEvent struct {
	name, data string
}

// subscribe opens the live-reload event stream until the test ends.
func (s *devServer) subscribe(t *testing.T) <-chan sseEvent {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/_glossary/events", nil)
	must(t, err)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("opening the event stream: %v", err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "text/event-stream" {
		resp.Body.Close()
		t.Fatalf("GET /_glossary/events: status %d, Content-Type %q", resp.StatusCode, ct)
	}
	ch := make(chan sseEvent)
	go func() {
		defer resp.Body.Close()
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					select {
					case ch <- ev:
					case <-ctx.Done():
						return
					}
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				if ev.data != "" {
					ev.data += "\n"
				}
				ev.data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// waitEvent reads events until one named name whose data holds text
// arrives; an empty name takes the next event.
func waitEvent(t *testing.T, ch <-chan sseEvent, name, text string) sseEvent {
	t.Helper()
	deadline := time.After(settle)
	var seen []string
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("event stream ended before %q (saw %q)", name, seen)
			}
			if (name == "" || ev.name == name) && strings.Contains(ev.data, text) {
				return ev
			}
			seen = append(seen, ev.name+": "+ev.data)
		case <-deadline:
			t.Fatalf("no %q event holding %q within %v (saw %q)", name, text, settle, seen)
			return sseEvent{}
		}
	}
}

// TestServeHTTPSafety checks what the server refuses to answer.
// (The Host check: TestServeHostCheck.)
func TestServeHTTPSafety(t *testing.T) {
	s := start(t, baseSite(), 0)

	// The request line is written by hand, so that nothing cleans the path
	// on the way.
	t.Run("path traversal", func(t *testing.T) {
		// Links in the output folder that point outside it.
		must(t, os.Symlink("/etc/passwd", filepath.Join(s.cfg.Out, "leak.txt")))
		must(t, os.Symlink("/etc", filepath.Join(s.cfg.Out, "leakdir")))
		for _, target := range []string{
			"/../../etc/passwd",
			"/../../../../../../../../etc/passwd",
			"/topics/../../../etc/passwd",
			"/%2e%2e/%2e%2e/etc/passwd",
			"/..%2f..%2f..%2fetc/passwd",
			"/.%2e/.%2e/etc/passwd",
			"//etc/passwd",
			"/..\\..\\etc\\passwd",
			"/leak.txt",
			"/leakdir/passwd",
			"//etc",
			"//topics",
		} {
			code, header, body := rawGet(t, s.addr, target)
			if code == http.StatusOK || strings.Contains(body, "root:") {
				t.Errorf("GET %s: status %d, want an error without the file:\n%.300s", target, code, body)
			}
			if loc := header.Get("Location"); strings.HasPrefix(loc, "//") {
				t.Errorf("GET %s redirects to another host: Location %q", target, loc)
			}
		}
	})

	t.Run("hidden files", func(t *testing.T) {
		// Files a build never publishes, put in the output by hand.
		for _, name := range []string{".git/config", "topics/.tmp-123", "topics/index.html~", ".DS_Store", "css/.site.css.swp"} {
			writeFile(t, filepath.Join(s.cfg.Out, filepath.FromSlash(name)), "private\n")
			for _, path := range []string{"/" + name, "/" + strings.Replace(name, ".", "%2e", 1)} {
				if code, body := s.get(path); code != http.StatusNotFound || strings.Contains(body, "private") {
					t.Errorf("GET %s: status %d, want 404 without the file", path, code)
				}
			}
		}
		// A published dotfile is served.
		writeFile(t, filepath.Join(s.cfg.Out, ".well-known", "security.txt"), "Contact: mailto:security@example.org\n")
		if code, body := s.get("/.well-known/security.txt"); code != http.StatusOK || !strings.Contains(body, "Contact:") {
			t.Errorf("GET /.well-known/security.txt: status %d, %q; want 200 and the file", code, body)
		}
	})

	t.Run("methods", func(t *testing.T) {
		resp, err := s.client.Post(s.url+"/", "text/plain", strings.NewReader("x"))
		must(t, err)
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST /: status %d, want 405", resp.StatusCode)
		}
		req, _ := http.NewRequest(http.MethodHead, s.url+"/topics/alpha/", nil)
		resp, err = s.client.Do(req)
		must(t, err)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("HEAD /topics/alpha/: status %d, want 200", resp.StatusCode)
		}
	})

	t.Run("redirect to folder", func(t *testing.T) {
		resp, err := s.client.Get(s.url + "/topics/alpha")
		must(t, err)
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/topics/alpha/" {
			t.Errorf("GET /topics/alpha: status %d, Location %q; want 301 to /topics/alpha/", resp.StatusCode, resp.Header.Get("Location"))
		}
	})

	t.Run("script injected", func(t *testing.T) {
		for _, path := range []string{"/", "/topics/alpha/", "/categories/claims/"} {
			body := s.page(path)
			if strings.Count(body, injected) != 1 {
				t.Errorf("GET %s: want the reload script injected once before </body>", path)
			}
			file := filepath.Join(s.cfg.Out, filepath.FromSlash(strings.TrimPrefix(path, "/")), "index.html")
			data, err := os.ReadFile(file)
			must(t, err)
			if bytes.Contains(data, []byte("_glossary")) {
				t.Errorf("%s holds the dev server's script; only served pages should", file)
			}
			if want := strings.Replace(string(data), "</body>", injected, 1); body != want {
				t.Errorf("GET %s is not the output file plus the script", path)
			}
		}
		code, body := s.get("/no/such/page")
		if code != http.StatusNotFound || !strings.Contains(body, injected) {
			t.Errorf("GET /no/such/page: status %d; want 404 with the script (a tab on a missing page reloads too)", code)
		}
		resp, err := s.client.Get(s.url + "/_glossary/reload.js")
		must(t, err)
		js, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/javascript") ||
			!bytes.Contains(js, []byte("EventSource")) {
			t.Errorf("GET /_glossary/reload.js: status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		for _, p := range []string{"/robots.txt", "/sitemap.xml", "/css/site.css"} {
			if body := s.page(p); strings.Contains(body, "_glossary") {
				t.Errorf("GET %s: the script was injected into a file that is not HTML", p)
			}
		}
	})
}

// rawGet sends a GET with target written verbatim on the request line.
func rawGet(t *testing.T, addr, target string) (int, http.Header, string) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, settle)
	must(t, err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(settle))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %s: reading the response: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

// TestServeIncrementalEqualsFull checks, after each kind of change, that
// the folder the dev server updated in place is byte for byte what a full
// build of the same sources writes, manifest included.
func TestServeIncrementalEqualsFull(t *testing.T) {
	s := start(t, baseSite(), 0)
	s.sameAsFull(t, "initial build")

	renamed := alpha
	renamed.title = "Aardvark Term"
	beta2 := beta
	beta2.summary = "Beta summary, second edition."
	gamma2 := gamma
	gamma2.category = "Underwriting"
	beta3 := beta2
	beta3.tags = "limits, claims, new-tag"
	beta3.body = strings.ReplaceAll(beta.body, "(gamma.md)", "(more/gamma.md)")
	gamma3 := gamma2
	gamma3.body = "Gamma text v3 returns to [Aardvark Term](../alpha.md)."
	base := filepath.Join(s.cfg.Templates, "topic.html")
	topicTmpl, err := os.ReadFile(base)
	must(t, err)

	steps := []struct {
		name string
		do   func()
		// served is what the step must show once built.
		served func() bool
	}{
		{"title change", func() { s.write("alpha.md", renamed.String()) },
			// Beta and Gamma link to Alpha, Alpha lists them as backlinks.
			s.shows("/topics/beta/", "Aardvark Term")},
		{"summary change", func() { s.write("beta.md", beta2.String()) },
			s.shows("/", "Beta summary, second edition.")},
		{"topic deletion", func() { must(t, os.Remove(s.contentPath("delta.md"))) },
			s.status("/topics/delta/", http.StatusNotFound)},
		{"category change", func() { s.write("gamma.md", gamma2.String()) },
			s.shows("/categories/underwriting/", "Gamma Term")},
		{"settings change", func() {
			s.write("_index.md", strings.Replace(settings, "title: Test Glossary", "title: Renamed Glossary", 1))
		}, s.shows("/topics/alpha/", "Renamed Glossary")},
		{"topic moved to a folder, links and tags updated", func() {
			must(t, os.Remove(s.contentPath("gamma.md")))
			s.write("more/gamma.md", gamma3.String())
			s.write("beta.md", beta3.String())
		}, s.shows("/topics/gamma/", "Gamma text v3")},
		{"new topic", func() {
			s.write("delta.md", delta.String())
		}, s.shows("/topics/delta/", "Delta text v0")},
		{"static file change", func() {
			writeFile(t, filepath.Join(s.cfg.Static, "css", "extra.css"), "body { margin: 0 }\n")
		}, s.shows("/css/extra.css", "margin")},
		// Edits of one front matter key each, which must reach every page
		// that shows it: the sitemap and feed for dates, lists and search
		// for names, tag and category pages, related topics.
		{"updated added", func() { s.write("alpha.md", renamed.with("updated: 2026-03-01")) },
			s.shows("/sitemap.xml", "2026-03-01")},
		{"updated changed", func() { s.write("alpha.md", renamed.with("updated: 2026-04-02")) },
			s.shows("/feed.xml", "2026-04-02")},
		{"aliases alone", func() { s.write("delta.md", delta.with("aliases: [Dee Term]")) },
			s.shows("/topics/delta/", "Dee Term")},
		{"tags alone", func() { s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]")) },
			s.shows("/tags/solo/", "Delta Term")},
		{"draft on", func() { s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "draft: true")) },
			s.status("/tags/solo/", http.StatusNotFound)},
		{"draft off", func() { s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "draft: false")) },
			s.shows("/", "Delta Term")},
		{"related", func() { s.write("more/gamma.md", gamma3.with("related: [delta]")) },
			s.shows("/topics/gamma/", "topics/delta/")},
		{"category rename", func() {
			beta4, gamma4 := beta3, gamma3
			beta4.category, gamma4.category = "Claims Handling", "Claims Handling"
			s.write("beta.md", beta4.String())
			s.write("more/gamma.md", gamma4.with("related: [delta]"))
		}, s.status("/categories/claims/", http.StatusNotFound)},
		{"template change", func() {
			writeFile(t, base, strings.Replace(string(topicTmpl), `<h1 id="term">`, `<h1 id="term" class="t2">`, 1))
		}, s.shows("/topics/alpha/", `<h1 id="term" class="t2">`)},
		// The exports and the home page's download sizes follow an edit
		// of what they show: a definition's first paragraph, the license.
		{"definition edit", func() {
			edited := renamed
			edited.body = "A first paragraph the exports show. " + renamed.body
			s.write("alpha.md", edited.with("updated: 2026-04-02"))
		}, s.shows("/glossary.ttl", "A first paragraph the exports show.")},
		{"license", func() {
			s.write("_index.md", strings.Replace(settings, "base_url:", "license: CC0-1.0\nbase_url:", 1))
		}, s.shows("/glossary.csv", "CC0-1.0")},
		{"exports off", func() {
			s.write("_index.md", strings.Replace(settings, "base_url:", "license: CC0-1.0\nexports: false\nbase_url:", 1))
		}, s.status("/glossary.csv", http.StatusNotFound)},
		{"exports on", func() {
			s.write("_index.md", strings.Replace(settings, "base_url:", "license: CC0-1.0\nbase_url:", 1))
		}, s.shows("/topics/alpha/", "glossary.jsonld#alpha")},
		// A lifecycle edit reaches the banner, the names that lead to the
		// replacement (auto-links elsewhere) and the redirect pages.
		{"status proposed", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "status: proposed"))
		}, s.shows("/topics/delta/", "Proposed term")},
		{"deprecated", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "status: deprecated", "replaced_by: beta"))
		}, s.shows("/topics/delta/", "Beta Term</a> instead")},
		{"replacement renamed", func() {
			b := beta3
			b.title, b.category = "Beta Renamed", "Claims Handling"
			s.write("beta.md", b.String())
		}, s.shows("/topics/delta/", "Beta Renamed</a> instead")},
		{"replaced_by changed", func() {
			b := beta3
			b.category = "Claims Handling"
			s.write("beta.md", b.String())
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "status: deprecated", "replaced_by: gamma"))
		}, s.shows("/topics/delta/", "Gamma Term</a> instead")},
		{"moved_from added", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "moved_from: [delta-old]"))
		}, s.shows("/topics/delta-old/", "Delta Term has moved")},
		{"moved_from changed", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "moved_from: [delta-older]"))
		}, s.status("/topics/delta-old/", http.StatusNotFound)},
		// Typed relations reach the other end's page (narrower terms,
		// compare both ways, the breadcrumb), and sources the lists and
		// search that mark a term defined in law.
		{"broader added", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "draft: false", "broader: [gamma]"))
		}, s.shows("/topics/gamma/", `id="narrower-terms"`)},
		{"broader changed", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "draft: false", "broader: [beta]"))
		}, s.shows("/topics/beta/", `id="narrower-terms"`)},
		{"compare added", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "draft: false", "broader: [beta]", "compare: [alpha]"))
		}, s.shows("/topics/alpha/", `id="compare-terms"`)},
		{"sources added", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "draft: false", "broader: [beta]", "compare: [alpha]",
				"sources:\n  - title: Test Act 2026\n    url: https://example.org/act\n    kind: law"))
		}, s.shows("/topics/beta/", "Defined in law: Test Act 2026")},
		{"source kind changed", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "draft: false", "broader: [beta]", "compare: [alpha]",
				"sources:\n  - title: Test Act 2026\n    url: https://example.org/act\n    kind: article"))
		}, s.lacks("/topics/beta/", "Defined in law")},
		{"compare and broader removed", func() {
			s.write("delta.md", delta.with("aliases: [Dee Term]", "tags: [solo]", "draft: false"))
		}, s.lacks("/topics/alpha/", `id="compare-terms"`)},
		// A second language: its list, a translation and its edits, the
		// language's settings and its words reach every page they show in.
		{"languages listed", func() { s.write("_index.md", bilingual) },
			s.shows("/fr/", `lang="fr"`)},
		{"translation added", func() { s.write("beta.fr.md", frenchBeta("Bêta traduit")) },
			s.shows("/topics/beta/", `hreflang="fr" href="https://glossary.test/fr/topics/beta/"`)},
		{"translation retitled", func() { s.write("beta.fr.md", frenchBeta("Bêta renommé")) },
			s.shows("/fr/", "Bêta renommé")},
		{"language settings", func() {
			s.write("_index.fr.md", "---\ntitle: Glossaire d'essai\ncategories:\n  Claims Handling:\n    name: Gestion des sinistres\n---\n\nUn petit glossaire.\n")
		}, s.shows("/fr/topics/beta/", "Gestion des sinistres")},
		{"language words", func() {
			p := filepath.Join(s.cfg.Templates, "i18n", "fr.yaml")
			words, err := os.ReadFile(p)
			must(t, err)
			writeFile(t, p, strings.Replace(string(words), "skip: Aller au contenu", "skip: Passer au contenu", 1))
		}, s.shows("/fr/topics/beta/", "Passer au contenu")},
		{"translation removed", func() { must(t, os.Remove(s.contentPath("beta.fr.md"))) },
			s.status("/fr/topics/beta/", http.StatusNotFound)},
	}
	for _, step := range steps {
		s.change(step.name, step.do, succeeded(step.served))
		s.sameAsFull(t, "after "+step.name)
	}
}

// sameAsFull builds the site's sources from scratch into a new folder and
// compares it with the served output folder.
func (s *devServer) sameAsFull(t *testing.T, when string) {
	t.Helper()
	cfg := s.cfg
	cfg.Out = filepath.Join(t.TempDir(), "full")
	site := pipeline.NewSite(cfg)
	site.Load()
	if _, err := site.Generate(pipeline.Full); err != nil {
		t.Fatalf("%s: full build: %v", when, err)
	}
	// A build could still be writing: compare again after each one.
	compare := func() string {
		diff := diffTrees(t, cfg.Out, s.cfg.Out)
		if full, served := recordedFiles(t, cfg), recordedFiles(t, s.cfg); diff == "" && !maps.Equal(full, served) {
			diff = "the manifests differ"
			for _, k := range slices.Sorted(maps.Keys(full)) {
				if served[k] != full[k] {
					diff += "\n" + k + ": full " + full[k] + ", served " + served[k]
				}
			}
		}
		return diff
	}
	diff := compare()
	if diff == "" {
		return
	}
	deadline := time.After(settle)
	for diff != "" {
		select {
		case <-s.builds:
			diff = compare()
		case <-deadline:
			t.Fatalf("%s: the served output differs from a full build (-full +served):\n%s", when, diff)
		}
	}
}

// recordedFiles is what the manifest of cfg's output lists: each file
// with the fingerprint of its inputs and the hash of its bytes.
func recordedFiles(t *testing.T, cfg pipeline.Config) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(pipeline.RecordDir(filepath.Join(filepath.Dir(cfg.Out), ".glossary"), cfg.Out), pipeline.ManifestFile))
	must(t, err)
	var m struct {
		Files map[string]json.RawMessage `json:"files"`
	}
	must(t, json.Unmarshal(raw, &m))
	out := make(map[string]string, len(m.Files))
	for name, e := range m.Files {
		out[name] = string(e)
	}
	return out
}

// diffTrees describes how folder b differs from folder a: files and
// folders only in one, and files whose bytes differ.
func diffTrees(t *testing.T, a, b string) string {
	t.Helper()
	ta, tb := readTree(t, a), readTree(t, b)
	var out []string
	for name, da := range ta {
		db, ok := tb[name]
		switch {
		case name == pipeline.CacheFile:
			// Read state, not output: it records file times, and a full
			// build and a dev server read the files at different times.
		case !ok:
			out = append(out, "- "+name)
		case da != db:
			out = append(out, "~ "+name+": "+firstDiff(da, db))
		}
	}
	for name := range tb {
		if _, ok := ta[name]; !ok && name != pipeline.CacheFile {
			out = append(out, "+ "+name)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}

// readTree maps every file below dir to its content, and every folder to
// a marker.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if errors.Is(err, fs.ErrNotExist) {
			// Replaced by a build meanwhile: the caller compares again
			// after it.
			tree[rel] = "(vanished while read)"
			return nil
		}
		if err != nil {
			return err
		}
		switch {
		case p == dir:
		case e.IsDir():
			tree[rel+"/"] = "folder"
		default:
			data, err := os.ReadFile(p)
			if errors.Is(err, fs.ErrNotExist) {
				data, err = []byte("(vanished while read)"), nil
			}
			if err != nil {
				return err
			}
			tree[rel] = string(data)
		}
		return nil
	})
	must(t, err)
	return tree
}

func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range max(len(la), len(lb)) {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n    - %.200s\n    + %.200s", i+1, x, y)
		}
	}
	return "same lines"
}

// TestServeUnderLoad reads pages from several goroutines while topics and
// the template change every 50ms: every answer must be a whole page.
func TestServeUnderLoad(t *testing.T) {
	const (
		readers     = 8
		duration    = 3 * time.Second
		maxRequests = 3000 // per reader
		editEvery   = 50 * time.Millisecond
	)
	s := start(t, baseSite(), 0)
	paths := []string{"/", "/topics/alpha/", "/topics/beta/", "/topics/gamma/", "/topics/delta/",
		"/categories/", "/categories/claims/", "/categories/policy-structure/", "/tags/", "/tags/limits/"}
	for _, p := range paths {
		s.page(p)
	}
	base := filepath.Join(s.cfg.Templates, "base.html")
	tmpl, err := os.ReadFile(base)
	must(t, err)
	topics := map[string]def{"alpha.md": alpha, "beta.md": beta, "gamma.md": gamma, "delta.md": delta}
	names := []string{"alpha.md", "beta.md", "gamma.md", "delta.md"}

	var (
		mu       sync.Mutex
		problems []string
		requests atomic.Int64
	)
	report := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	end := time.Now().Add(duration)
	var wg sync.WaitGroup
	for range readers {
		wg.Go(func() {
			for n := 0; n < maxRequests && time.Now().Before(end); n++ {
				p := paths[rand.IntN(len(paths))]
				code, body, err := s.fetch(p)
				requests.Add(1)
				switch {
				case err != nil:
					report("GET %s: %v", p, err)
				case code != http.StatusOK:
					report("GET %s: status %d", p, code)
				case !strings.HasPrefix(body, "<!DOCTYPE html>"):
					report("GET %s: does not start with <!DOCTYPE html>: %.100q", p, body)
				case !strings.HasSuffix(strings.TrimSpace(body), "</html>") || !strings.Contains(body, injected):
					report("GET %s: incomplete page, ends with %q", p, body[max(0, len(body)-100):])
				}
			}
		})
	}
	// The editor: a topic or the template every editEvery, written in
	// place (not atomically), so builds also see half-written files.
	var edits int
	final := map[string]string{}
	finalBanner := ""
	wg.Go(func() {
		tick := time.NewTicker(editEvery)
		defer tick.Stop()
		for ; time.Now().Before(end); edits++ {
			if edits%3 == 2 {
				finalBanner = fmt.Sprintf("<p>Template edit %d</p>", edits)
				src := strings.Replace(string(tmpl), `{{template "main" .}}`, finalBanner+`{{template "main" .}}`, 1)
				if err := os.WriteFile(base, []byte(src), 0o644); err != nil {
					report("editing %s: %v", base, err)
				}
			} else {
				name := names[edits%len(names)]
				d := topics[name]
				final[name] = fmt.Sprintf("%s load edit %d", d.title, edits)
				d.body = final[name] + ". " + d.body
				if err := os.WriteFile(s.contentPath(name), []byte(d.String()), 0o644); err != nil {
					report("editing %s: %v", name, err)
				}
			}
			<-tick.C
		}
	})
	wg.Wait()
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d requests by %d readers and %d edits in %v", requests.Load(), readers, edits, duration)

	// Once the edits stop, the last version of everything is served. The
	// last build may have finished already, so check before waiting.
	check := func() bool {
		for name, text := range final {
			if !s.shows("/topics/"+strings.TrimSuffix(name, ".md")+"/", text+".", finalBanner)() {
				return false
			}
		}
		return true
	}
	if check() {
		return
	}
	deadline := time.After(settle)
	for !check() {
		select {
		case <-s.builds:
		case <-deadline:
			t.Fatalf("the last edits are not served within %v of the last edit", settle)
		}
	}
}

// TestServeFailedBuildThenRevert breaks the template so that one page
// fails to render while the others render, then restores the sources: the
// output must be what a full build of the restored sources writes. It
// runs with the quiet period at its default and at nothing, where every
// write is a batch of its own and restoring two files takes two builds.
func TestServeFailedBuildThenRevert(t *testing.T) {
	quiets := []struct {
		name  string
		quiet time.Duration // for serve.Tuning: 0 is the default
	}{{"default quiet period", 0}, {"no quiet period", time.Nanosecond}}
	cases := []struct {
		name string
		// during runs while the template is broken; after restores it.
		during, after func(s *devServer)
		// restored maps pages to a text each shows once all is restored.
		restored map[string]string
	}{
		{"template restored", func(*devServer) {}, func(*devServer) {},
			map[string]string{"/topics/alpha/": "Alpha text v0", "/topics/beta/": "Beta text v0"}},
		{"topic deleted and restored", func(s *devServer) {
			s.change("delta.md deleted while the template is broken",
				func() { must(s.t, os.Remove(s.contentPath("delta.md"))) },
				failedWith("index out of range"))
		}, func(s *devServer) {
			s.write("delta.md", delta.String())
		}, map[string]string{"/topics/alpha/": "Alpha text v0", "/topics/beta/": "Beta text v0", "/topics/delta/": "Delta text v0"}},
	}
	for _, q := range quiets {
		for _, tc := range cases {
			t.Run(q.name+"/"+tc.name, func(t *testing.T) {
				failedBuildThenRevert(t, q.quiet, tc.during, tc.after, tc.restored)
			})
		}
	}
}

func failedBuildThenRevert(t *testing.T, quiet time.Duration, during, after func(*devServer), restored map[string]string) {
	s := start(t, baseSite(), 0, func(_ *serve.Options, tu *serve.Tuning) { tu.Quiet = quiet })
	tmplPath := filepath.Join(s.cfg.Templates, "topic.html")
	good, err := os.ReadFile(tmplPath)
	must(t, err)
	const open = `{{define "main"}}`
	if !bytes.HasPrefix(good, []byte(open)) {
		t.Fatalf("%s does not start with %s", tmplPath, open)
	}
	// Only Beta's page fails, when the template is executed.
	bad := open + `<p>half-built</p>{{if eq .Title "Beta Term"}}{{index .Crumbs 9}}{{end}}` + string(good[len(open):])
	s.change("topic.html fails on one page",
		func() { writeFile(t, tmplPath, bad) },
		failedWith("index out of range"))
	if body := s.page("/topics/alpha/"); strings.Contains(body, "half-built") {
		t.Errorf("after a failed build /topics/alpha/ is not the last good page: it shows the failed build's output")
	}
	during(s)
	// The first good build can come before the last restoring write:
	// wait for the pages of the restored sources.
	var checks []func() bool
	for path, text := range restored {
		checks = append(checks, s.shows(path, text), s.lacks(path, "half-built"))
	}
	s.change("sources restored",
		func() {
			writeFile(t, tmplPath, string(good))
			after(s)
		},
		succeeded(checks...))
	s.sameAsFull(t, "after the sources are restored")
}
