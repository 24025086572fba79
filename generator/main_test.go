package main

import (
	"bytes"
	"fmt"
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
