package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"glossary/generator/internal/corpus"
)

// A build killed while it writes leaves the previous site complete, and
// the next build clears what the killed one left behind.
func TestKilledBuildKeepsPreviousSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generator and a 2,000-topic site; skipped with -short")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "generator")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	contentDir, err := corpus.Write(dir, 2000)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	// Each build runs in dir, so its metadata (.glossary/) stays there.
	generator := func(args ...string) *exec.Cmd {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		return cmd
	}
	args := append([]string{"build", "-content", contentDir, "-out", out}, siteFlags...)
	if b, err := generator(args...).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	before := tree(t, out)
	// A template change makes the next build write every page.
	tmpl := filepath.Join(dir, "templates")
	if err := os.CopyFS(tmpl, os.DirFS(siteFlags[1])); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(tmpl, "base.html")
	src, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base, bytes.Replace(src, []byte("</body>"), []byte(`<span class="v2"></span></body>`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	args2 := []string{"build", "-content", contentDir, "-out", out, "-templates", tmpl, "-static", siteFlags[3]}
	cmd := generator(args2...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// Kill it once it is writing: its temporary folder holds pages. About
	// 2,000 pages are still to come then, a second or more of work, so the
	// kill lands mid-build however the two processes are scheduled; the
	// checks below fail the test if it did not.
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(60 * time.Second)
	for pages := 0; pages <= 50; {
		select {
		case err := <-exited:
			t.Fatalf("the build ended (%v) before it had written 50 pages", err)
		case <-deadline:
			cmd.Process.Kill()
			<-exited
			t.Fatal("the build never started writing")
		case <-tick.C:
		}
		tmps, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*", "topics", "*"))
		pages = len(tmps)
	}
	cmd.Process.Kill()
	var exit *exec.ExitError
	if err := <-exited; !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("the build was not killed mid-build: it ended with %v", err)
	}
	if after := tree(t, out); !equalTrees(before, after) {
		t.Fatal("the killed build changed the previous site")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(left) == 0 {
		t.Fatal("the killed build left no temporary folder: the next build has nothing to clear")
	}
	if b, err := generator(args2...).CombinedOutput(); err != nil {
		t.Fatalf("build after the kill: %v\n%s", err, b)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(left) != 0 {
		t.Errorf("the next build left %v", left)
	}
	page, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil || !strings.Contains(string(page), `<span class="v2">`) {
		t.Errorf("the next build did not publish the new site: %v", err)
	}
}

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
