package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/markdown"
)

// runGenerator runs the command line and returns its exit status and
// output.
func runGenerator(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// siteFlags point a command at the repository's templates and static files.
var siteFlags = func() []string {
	tmpl, err1 := filepath.Abs("../templates")
	static, err2 := filepath.Abs("../static")
	if err1 != nil || err2 != nil {
		panic(fmt.Sprint(err1, err2))
	}
	return []string{"-templates", tmpl, "-static", static}
}()

// inSite writes files (slash paths) into a new temporary folder and makes
// it the current one, so the commands' default folders are inside it.
func inSite(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

const goodTopic = `---
title: Deductible
summary: The part of a loss the policyholder bears.
---

## Definition

Text.
`

func TestCheckReportsAllErrorsSorted(t *testing.T) {
	inSite(t, map[string]string{
		"content/b.md":          "---\ntitle: B\nsummary: Second.\n---\n\n## Structural Characteristics\n\nText.\n",
		"content/a.md":          "---\ntitle: A\nsummary: First.\nsumary: typo\n---\n\n## Definition\n\nSee [[Nope]].\n",
		"content/deductible.md": goodTopic,
	})
	code, stdout, stderr := runGenerator(append([]string{"check"}, siteFlags...)...)
	want := `content/a.md:4:1: unknown front matter key "sumary" (did you mean "summary"?)
content/a.md:9:5: wiki link [[Nope]] names no topic title, alias or slug
content/b.md:5:1: missing required section "## Definition"
3 errors
`
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("check = %d, stdout %q, stderr:\n%s\nwant 1, no stdout, stderr:\n%s", code, stdout, stderr, want)
	}
	if _, err := os.Stat("public"); !os.IsNotExist(err) {
		t.Errorf("check created public/ (%v)", err)
	}
}

func TestCheckAndBuild(t *testing.T) {
	tests := []struct {
		cmd    string
		stdout *regexp.Regexp
		public bool
	}{
		{cmd: "check", stdout: regexp.MustCompile(`^ok: 1 topics, \d+ pages checked in \S+\n$`)},
		{cmd: "build", stdout: regexp.MustCompile(`^1 topics, \d+ pages, \d+ written in \S+\n$`), public: true},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			inSite(t, map[string]string{"content/deductible.md": goodTopic})
			code, stdout, stderr := runGenerator(append([]string{tt.cmd}, siteFlags...)...)
			if code != 0 || stderr != "" || !tt.stdout.MatchString(stdout) {
				t.Errorf("%s = %d, stdout %q, stderr %q; want 0 and one line matching %s", tt.cmd, code, stdout, stderr, tt.stdout)
			}
			_, err := os.Stat("public/topics/deductible/index.html")
			if built := err == nil; built != tt.public {
				t.Errorf("%s: topic page written = %v, want %v", tt.cmd, built, tt.public)
			}
		})
	}
}

func TestBuildRefusesForeignOutput(t *testing.T) {
	inSite(t, map[string]string{"content/deductible.md": goodTopic, "public/keep.txt": "mine\n"})
	code, stdout, stderr := runGenerator(append([]string{"build"}, siteFlags...)...)
	if code != 1 || stdout != "" || !strings.HasPrefix(stderr, "error: refusing to replace public") {
		t.Errorf("build = %d, stdout %q, stderr %q; want 1 and a refusal", code, stdout, stderr)
	}
	if data, err := os.ReadFile("public/keep.txt"); err != nil || string(data) != "mine\n" {
		t.Errorf("public/keep.txt = %q, %v after a refused build", data, err)
	}
}

func TestNew(t *testing.T) {
	inSite(t, nil)
	code, stdout, stderr := runGenerator("new", "Some Title")
	p := filepath.Join("content", "some-title.md")
	if code != 0 || stdout != p+"\n" || stderr != "" {
		t.Fatalf("new = %d, stdout %q, stderr %q; want 0 and %q", code, stdout, stderr, p)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	topic, _, d := content.Parse(markdown.New(markdown.Options{}), p, "some-title.md", src)
	if len(d) > 0 || topic.Title != "Some Title" {
		t.Errorf("the new topic has title %q and diagnostics %v", topic.Title, d)
	}

	if err := os.WriteFile(p, []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = runGenerator("new", "Some Title")
	if code != 1 || stdout != "" || stderr != "error: "+p+" already exists; not overwriting it\n" {
		t.Errorf("second new = %d, stdout %q, stderr %q; want a refusal", code, stdout, stderr)
	}
	if data, _ := os.ReadFile(p); string(data) != "edited\n" {
		t.Errorf("second new overwrote the topic: %q", data)
	}

	code, stdout, _ = runGenerator("new", "-content", "topics/claims", "Proof of Loss")
	if want := filepath.Join("topics", "claims", "proof-of-loss.md"); code != 0 || stdout != want+"\n" {
		t.Errorf("new -content = %d, %q; want 0 and %q", code, stdout, want)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string // a line the error output must hold
	}{
		{args: nil, code: 2, stderr: "usage: go run ./generator <command> [flags]"},
		{args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{args: []string{"build", "-nope"}, code: 2, stderr: "flag provided but not defined: -nope"},
		{args: []string{"new"}, code: 2, stderr: `usage: go run ./generator new [-content dir] "Title"`},
		{args: []string{"new", "A", "B"}, code: 2, stderr: `usage: go run ./generator new [-content dir] "Title"`},
		{args: []string{"new", "!!!"}, code: 1, stderr: `error: "!!!" has no letters or digits to make a file name from`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			inSite(t, nil)
			code, stdout, stderr := runGenerator(tt.args...)
			if code != tt.code || stdout != "" || !strings.Contains(stderr, tt.stderr+"\n") {
				t.Errorf("run(%q) = %d, stdout %q, stderr %q; want %d and %q", tt.args, code, stdout, stderr, tt.code, tt.stderr)
			}
			if entries, _ := os.ReadDir("."); len(entries) > 0 {
				t.Errorf("run(%q) wrote %d entries", tt.args, len(entries))
			}
		})
	}
	code, stdout, _ := runGenerator("help")
	if code != 0 || !strings.HasPrefix(stdout, "usage:") {
		t.Errorf("help = %d, %q; want 0 and the usage", code, stdout)
	}
}

// lockedBuffer is a bytes.Buffer for several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// The build calls Progress from every rendering worker at once.
func TestProgressConcurrent(t *testing.T) {
	var out lockedBuffer
	report := progress(&out)
	const total = 200
	var done atomic.Int64
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range total / 4 {
				report(int(done.Add(1)), total)
			}
		})
	}
	wg.Wait()
	if !strings.Contains(out.b.String(), fmt.Sprintf("\rrendering %d / %d pages", total, total)) {
		t.Errorf("progress never showed the last page: %q", out.b.String())
	}
}

// bilingual is a site in English and French with one topic.
var bilingual = map[string]string{
	"content/_index.md": "---\ntitle: Words\nlanguages:\n  - code: en\n    name: English\n    default: true\n  - code: fr\n    name: Français\n---\n",
	"content/deductible.md": "---\ntitle: Deductible\nsummary: The part of a loss the policyholder bears.\naliases: [Excess]\nupdated: 2026-05-01\n---\n\n" +
		"## Definition\n\nText with a [link](deductible.md#faq).\n\n## FAQ\n\n### Why?\n\nBecause.\n",
}

func TestTranslate(t *testing.T) {
	inSite(t, bilingual)
	args := append([]string{"translate"}, siteFlags...)
	code, stdout, stderr := runGenerator(append(args, "-to", "fr", "deductible")...)
	p := filepath.Join("content", "deductible.fr.md")
	if code != 0 || !strings.HasPrefix(stdout, "created "+p) || stderr != "" {
		t.Fatalf("translate = %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: Deductible\n", "aliases: [Excess]\n", "## Définition\n", "## Questions fréquentes\n", "### Why?\n",
		"Text with a [link](deductible.md#faq)."} {
		if !strings.Contains(string(src), want) {
			t.Errorf("the translation lacks %q:\n%s", want, src)
		}
	}
	// It is a valid translation from the start.
	if code, _, stderr := runGenerator(append([]string{"check"}, siteFlags...)...); code != 0 {
		t.Errorf("check after translate = %d: %s", code, stderr)
	}
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"-to", "fr", "deductible"}, "error: " + p + " exists already; edit it, or remove it to start again\n"},
		{[]string{"-to", "de", "deductible"}, "error: \"de\" is not one of the site's other languages (fr): list it under languages in " + filepath.Join("content", "_index.md") + "\n"},
		{[]string{"-to", "fr", "nothing"}, "error: no published topic has the slug \"nothing\"\n"},
	} {
		if code, _, stderr := runGenerator(append(args, c.args...)...); code != 1 || stderr != c.err {
			t.Errorf("translate %q = %d, %q; want 1, %q", c.args, code, stderr, c.err)
		}
	}
}

// TestStaleTranslation: a translation older than its original is a warning
// that check prints and passes, and an error under check -strict.
func TestStaleTranslation(t *testing.T) {
	files := maps.Clone(bilingual)
	files["content/deductible.fr.md"] = "---\ntitle: Franchise\nsummary: La part du sinistre que l'assuré conserve.\nupdated: 2026-01-01\n---\n\n" +
		"## Définition\n\nTexte.\n"
	inSite(t, files)
	check := append([]string{"check"}, siteFlags...)
	warning := filepath.Join("content", "deductible.fr.md") + ":4:1: warning: stale translation: " + filepath.Join("content", "deductible.md") +
		" was updated 2026-05-01, this translation was updated 2026-01-01; bring it up to date and set updated\n"
	code, stdout, stderr := runGenerator(check...)
	if code != 0 || stderr != warning || !strings.Contains(stdout, "translations: fr: 1 of 1 topics translated, 0 not translated\n") {
		t.Errorf("check = %d, stdout %q, stderr %q; want 0, the summary and the warning", code, stdout, stderr)
	}
	code, _, stderr = runGenerator(append(check, "-strict")...)
	if want := strings.Replace(warning, "warning: ", "", 1) + "1 error\n"; code != 1 || stderr != want {
		t.Errorf("check -strict = %d, %q; want 1, %q", code, stderr, want)
	}
}
