package main

import (
	"bytes"
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
	args := append([]string{"build", "-content", contentDir, "-out", out}, siteFlags...)
	if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
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
	cmd := exec.Command(bin, args2...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once it is writing: its temporary folder holds pages.
	deadline := time.Now().Add(60 * time.Second)
	for {
		tmps, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*", "topics", "*"))
		if len(tmps) > 50 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the build never started writing")
		}
		time.Sleep(2 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if after := tree(t, out); !equalTrees(before, after) {
		t.Fatal("the killed build changed the previous site")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*")); len(left) == 0 {
		t.Log("the build finished before it could be killed; nothing to clear")
	}
	if b, err := exec.Command(bin, args2...).CombinedOutput(); err != nil {
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
