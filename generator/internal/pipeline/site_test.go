package pipeline

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The repository's own folders, relative to this package's directory.
const (
	repoTemplates = "../../../templates"
	repoStatic    = "../../../static"
)

// testConfig names a site's folders relative to the folder unpackSite
// makes current, so diagnostics read "content/a.md:3:1: ...".
var testConfig = Config{Content: "content", Templates: "templates", Static: "static", Out: "public"}

// unpackSite writes testdata/sites/<name>.txtar into a temporary folder,
// adds the repository's templates/ and static/ unless the archive has its
// own, and makes that folder the current one for the rest of the test. A
// binary file (an image) is stored base64-encoded as NAME.base64.
func unpackSite(t *testing.T, name string) *txtar.Archive {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "sites", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		data := string(f.Data)
		if p, ok := strings.CutSuffix(f.Name, ".base64"); ok {
			raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(data), ""))
			if err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			f.Name, data = p, string(raw)
		}
		writeFile(t, filepath.Join(dir, filepath.FromSlash(f.Name)), data)
	}
	for _, folder := range []struct{ name, repo string }{{"templates", repoTemplates}, {"static", repoStatic}} {
		if slices.ContainsFunc(ar.Files, func(f txtar.File) bool { return strings.HasPrefix(f.Name, folder.name+"/") }) {
			continue
		}
		if err := os.CopyFS(filepath.Join(dir, folder.name), os.DirFS(folder.repo)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return ar
}

func writeFile(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// build runs the pipeline once, as the build command does.
func build(cfg Config) (Result, error) {
	s := NewSite(cfg)
	s.Load()
	return s.Generate(Full)
}

// mustBuild builds and fails the test on any error.
func mustBuild(t *testing.T, cfg Config) Result {
	t.Helper()
	res, err := build(cfg)
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return res
}

// goldenFiles reads the "golden: path" lines of an archive's comment: the
// output files whose bytes the test pins.
// servedSite loads and builds the unpacked test site as the dev server
// does, keeping its state for the edits a test makes next.
func servedSite(t *testing.T) *Site {
	t.Helper()
	cfg := testConfig
	cfg.Incremental = true
	s := NewSite(cfg)
	s.Load()
	if _, err := s.Generate(Full); err != nil {
		t.Fatal(err)
	}
	return s
}

func goldenFiles(ar *txtar.Archive) []string {
	var out []string
	for _, line := range strings.Split(string(ar.Comment), "\n") {
		if p, ok := strings.CutPrefix(line, "golden: "); ok {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}

// TestGolden builds every site under testdata/sites and compares the
// result with testdata/golden/<site>: errors.txt for a build that must
// fail, else files.txt (every output file) and each file the archive
// names. Run with -update to rewrite them.
func TestGolden(t *testing.T) {
	archives, err := filepath.Glob(filepath.Join("testdata", "sites", "*.txtar"))
	if err != nil || len(archives) == 0 {
		t.Fatalf("no sites in testdata/sites (%v)", err)
	}
	for _, a := range archives {
		name := strings.TrimSuffix(filepath.Base(a), ".txtar")
		t.Run(name, func(t *testing.T) {
			golden, err := filepath.Abs(filepath.Join("testdata", "golden", name))
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.RemoveAll(golden); err != nil {
					t.Fatal(err)
				}
			}
			ar := unpackSite(t, name)
			var want []string
			_, err = build(testConfig)
			if err != nil {
				want = append(want, "errors.txt")
				checkGolden(t, golden, "errors.txt", []byte(err.Error()+"\n"))
				if _, err := os.Stat(testConfig.Out); !os.IsNotExist(err) {
					t.Errorf("a failed build created %s", testConfig.Out)
				}
			} else {
				want = append(want, "files.txt")
				checkGolden(t, golden, "files.txt", []byte(strings.Join(tree(t, testConfig.Out), "\n")+"\n"))
				for _, p := range goldenFiles(ar) {
					data, err := os.ReadFile(filepath.Join(testConfig.Out, filepath.FromSlash(p)))
					if err != nil {
						t.Errorf("output %s: %v", p, err)
						continue
					}
					want = append(want, p)
					checkGolden(t, golden, p, data)
				}
			}
			// Every golden file is one the test compares: no stale ones,
			// and a build that should fail cannot pass unnoticed.
			have := tree(t, golden)
			slices.Sort(want)
			if !*update && !slices.Equal(have, want) {
				t.Errorf("golden files %q, want %q (run go test -update after checking the output)", have, want)
			}
		})
	}
}

// checkGolden compares got with the golden file dir/name, or rewrites it.
func checkGolden(t *testing.T, dir, name string, got []byte) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if *update {
		writeFile(t, p, string(got))
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Errorf("%v (run go test -update to create it)", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n%s", name, p, firstDifference(string(got), string(want)))
	}
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(same lines, different bytes)"
}

// tree lists the files below dir, slash-separated and sorted.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

// file is what a snapshot records of one file.
type file struct {
	data string
	mod  time.Time
}

// snapshot records every file below dir, and every folder (as a file with
// no data), so a comparison sees any change at all.
func snapshot(t *testing.T, dir string) map[string]file {
	t.Helper()
	out := map[string]file{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		f := file{mod: info.ModTime()}
		if e.IsDir() {
			rel += "/"
		} else {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f.data = string(data)
		}
		out[filepath.ToSlash(rel)] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// changed lists the paths whose bytes differ between two snapshots, or
// that only one has.
func changed(a, b map[string]file) []string {
	var out []string
	for p, f := range a {
		if g, ok := b[p]; !ok || g.data != f.data {
			out = append(out, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// leftovers lists temporary folders a build left beside the output.
func leftovers(t *testing.T) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(filepath.Dir(testConfig.Out), "."+filepath.Base(testConfig.Out)+".tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestFailedBuildKeepsOutput(t *testing.T) {
	tests := []struct {
		name  string
		file  string // written over the good site
		data  string
		error string // in the build's error
	}{
		{
			name:  "broken link",
			file:  "content/claims/subrogation.md",
			data:  "---\ntitle: Subrogation\nsummary: S.\n---\n\n## Definition\n\nSee [the limit](policy-limit.md).\n",
			error: `content/claims/subrogation.md:8:5: link to missing topic "claims/policy-limit.md" (did you mean "../policy/policy-limit.md"?)`,
		},
		{
			name:  "template fails while rendering",
			file:  "templates/topic.html",
			data:  "{{define \"main\"}}\n{{dict 1}}{{end}}\n",
			error: "templates/topic.html:2:",
		},
		{
			name:  "static file in a page's place",
			file:  "static/tags/index.html",
			data:  "<p>mine</p>\n",
			error: "static/tags/index.html:1:1: static file would overwrite the generated page tags/index.html",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unpackSite(t, "basic")
			mustBuild(t, testConfig)
			before := snapshot(t, testConfig.Out)
			writeFile(t, filepath.FromSlash(tt.file), tt.data)
			_, err := build(testConfig)
			if err == nil || !strings.Contains(err.Error(), tt.error) {
				t.Fatalf("build error = %v, want one containing %q", err, tt.error)
			}
			after := snapshot(t, testConfig.Out)
			if diff := changed(before, after); len(diff) > 0 {
				t.Errorf("a failed build changed the output: %q", diff)
			}
			for p, f := range before {
				if !after[p].mod.Equal(f.mod) {
					t.Errorf("a failed build touched %s", p)
				}
			}
			if left := leftovers(t); len(left) > 0 {
				t.Errorf("a failed build left %q", left)
			}
		})
	}
}

func TestForeignOutputRefused(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T)
		error string // in the build's error; empty: the build succeeds
	}{
		{
			name: "folder of someone else's files",
			setup: func(t *testing.T) {
				writeFile(t, "public/thesis.tex", "months of work\n")
				writeFile(t, "public/figures/plot.svg", "<svg/>\n")
			},
			error: "refusing to replace public: it is not empty and .glossary/",
		},
		{
			name:  "only a repository",
			setup: func(t *testing.T) { writeFile(t, "public/.git/HEAD", "ref: refs/heads/main\n") },
			error: "refusing to replace public: it is not empty",
		},
		{
			name:  "only a dotfile",
			setup: func(t *testing.T) { writeFile(t, "public/.env", "SECRET=1\n") },
			error: "refusing to replace public: it is not empty",
		},
		{
			name: "an earlier build whose record was deleted",
			setup: func(t *testing.T) {
				mustBuild(t, testConfig)
				if err := os.RemoveAll(".glossary"); err != nil {
					t.Fatal(err)
				}
			},
			error: "if it is an earlier build's output, remove it and build again",
		},
		{
			name: "an earlier build recorded for another folder",
			setup: func(t *testing.T) {
				mustBuild(t, Config{Content: "content", Templates: "templates", Static: "static", Out: "site"})
				if err := os.Rename("site", "public"); err != nil {
					t.Fatal(err)
				}
			},
			error: "remove it and build again",
		},
		{
			name: "an earlier build someone added a file to",
			setup: func(t *testing.T) {
				mustBuild(t, testConfig)
				writeFile(t, "public/topics/notes.txt", "mine\n")
			},
			error: "refusing to replace public: it holds topics/notes.txt, which the generator did not write",
		},
		{
			name: "an earlier build someone added a hidden folder to",
			setup: func(t *testing.T) {
				mustBuild(t, testConfig)
				writeFile(t, "public/.git/HEAD", "ref: refs/heads/main\n")
			},
			error: "refusing to replace public: it holds .git/, which",
		},
		{
			name: "an earlier build with an empty folder added",
			setup: func(t *testing.T) {
				mustBuild(t, testConfig)
				if err := os.Mkdir("public/.svn", 0o755); err != nil {
					t.Fatal(err)
				}
			},
			error: "refusing to replace public: it holds .svn/, which",
		},
		{
			name: "an earlier build missing a file",
			setup: func(t *testing.T) {
				mustBuild(t, testConfig)
				if err := os.Remove("public/index.html"); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name:  "a file",
			setup: func(t *testing.T) { writeFile(t, "public", "not a folder\n") },
			error: "output public exists and is not a folder",
		},
		{
			name: "an empty folder",
			setup: func(t *testing.T) {
				if err := os.Mkdir("public", 0o755); err != nil {
					t.Fatal(err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unpackSite(t, "basic")
			tt.setup(t)
			before := snapshot(t, testConfig.Out)
			_, err := build(testConfig)
			if tt.error == "" {
				if err != nil {
					t.Fatalf("build: %v", err)
				}
				if _, err := os.Stat(filepath.Join(RecordDir(".glossary", testConfig.Out), ManifestFile)); err != nil {
					t.Errorf("no manifest after the build: %v", err)
				}
				if _, err := os.Stat(filepath.Join(testConfig.Out, "index.html")); err != nil {
					t.Errorf("the build did not write the site: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.error) {
				t.Fatalf("build error = %v, want one containing %q", err, tt.error)
			}
			if diff := changed(before, snapshot(t, testConfig.Out)); len(diff) > 0 {
				t.Errorf("a refused build changed the output: %q", diff)
			}
			if left := leftovers(t); len(left) > 0 {
				t.Errorf("a refused build left %q", left)
			}
		})
	}
}

func TestRebuild(t *testing.T) {
	tests := []struct {
		name string
		// edit changes the site between the two builds; nil changes nothing.
		edit func(t *testing.T)
		// sameSite rebuilds with the loaded Site, as the dev server does,
		// instead of a new one, as the build command does.
		sameSite bool
		// noCache rebuilds without the previous build's cache: every file
		// is parsed again, and the cache written anew.
		noCache bool
		written int
		changed []string
	}{
		{name: "nothing changed", changed: nil},
		{name: "nothing changed, same site", sameSite: true},
		{name: "nothing changed, no cache", noCache: true, changed: nil},
		{
			name: "one topic's body",
			edit: func(t *testing.T) {
				data, err := os.ReadFile("content/claims/subrogation.md")
				if err != nil {
					t.Fatal(err)
				}
				// An FAQ answer: no list, feed or search index shows it.
				writeFile(t, "content/claims/subrogation.md", strings.Replace(string(data), "often yes.", "usually yes.", 1))
			},
			written: 1,
			changed: []string{"topics/subrogation/index.html"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			unpackSite(t, "basic")
			s := NewSite(testConfig)
			s.Load()
			first, err := s.Generate(Full)
			if err != nil {
				t.Fatal(err)
			}
			if first.Written == 0 || first.Written < first.Pages {
				t.Errorf("first build wrote %d files for %d pages", first.Written, first.Pages)
			}
			before := snapshot(t, testConfig.Out)
			if tt.edit != nil {
				tt.edit(t)
			}
			if !tt.sameSite {
				s = NewSite(testConfig)
				if !tt.noCache && !s.LoadCache() {
					t.Error("the first build's cache was not used")
				}
			}
			s.Load()
			res, err := s.Generate(Full)
			if err != nil {
				t.Fatal(err)
			}
			if res.Written != tt.written || res.Pages != first.Pages || res.Topics != first.Topics {
				t.Errorf("rebuild: %d written, %d pages, %d topics; want %d, %d, %d",
					res.Written, res.Pages, res.Topics, tt.written, first.Pages, first.Topics)
			}
			after := snapshot(t, testConfig.Out)
			if diff := changed(before, after); !slices.Equal(diff, tt.changed) {
				t.Errorf("changed files %q, want %q", diff, tt.changed)
			}
			// Files kept are the same files: their times stay, so tools
			// that sync the output see real changes only.
			for p, f := range before {
				if strings.HasSuffix(p, "/") || slices.Contains(tt.changed, p) {
					continue
				}
				if !after[p].mod.Equal(f.mod) {
					t.Errorf("unchanged %s was rewritten", p)
				}
			}
			if left := leftovers(t); len(left) > 0 {
				t.Errorf("the rebuild left %q", left)
			}
		})
	}
}

func TestCheckWritesNothing(t *testing.T) {
	unpackSite(t, "basic")
	s := NewSite(testConfig)
	s.Load()
	res, err := s.Generate(Check)
	if err != nil {
		t.Fatal(err)
	}
	if res.Topics != 3 || res.Pages == 0 {
		t.Errorf("check: %d topics, %d pages; want 3 topics and some pages", res.Topics, res.Pages)
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"content", "static", "templates"}; !slices.Equal(names, want) {
		t.Errorf("after check the site folder holds %q, want %q", names, want)
	}
}

func TestEncodeManifestMatchesJSON(t *testing.T) {
	files := map[string]entry{"topics/a/index.html": {1, 2}, "css/site.css": {1<<63 + 5, 0}, `odd "name".txt`: {3, 4}}
	const out = "/srv/odd \"site\" <1>"
	for _, dirs := range []map[string]int64{nil, {".": 1, "topics/a": -5, "odd\"": 1 << 62}} {
		want, _ := json.Marshal(manifest{Format: manifestFormat, Out: out, Files: files, Dirs: dirs})
		if got := encodeManifest(out, files, dirs); string(got) != string(want)+"\n" {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	}
}
