package pipeline

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// draftMarker matches the marker words of testdata/sites/publish.txtar's
// draft, in any case.
var draftMarker = regexp.MustCompile(`(?i)zq[a-z]+`)

// TestPublishFolderIsTheSite builds a site with a draft and a static/
// folder full of host files and litter, then reads every byte under the
// output folder, hidden files included: the draft must leave no trace,
// and the hidden files must be exactly those static/ publishes.
func TestPublishFolderIsTheSite(t *testing.T) {
	unpackSite(t, "publish")
	for _, drafts := range []bool{false, true} {
		cfg := testConfig
		cfg.Drafts = drafts
		mustBuild(t, cfg)
		var found []string
		var hidden []string
		err := filepath.WalkDir(cfg.Out, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(cfg.Out, p)
			if strings.HasPrefix(e.Name(), ".") && p != cfg.Out {
				hidden = append(hidden, filepath.ToSlash(rel))
			}
			if e.IsDir() {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range draftMarker.FindAll(data, -1) {
				found = append(found, filepath.ToSlash(rel)+": "+string(bytes.ToLower(m)))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !drafts {
			if len(found) > 0 {
				t.Errorf("the draft leaked into the output:\n%s", strings.Join(found, "\n"))
			}
			// What `find public -name '.*'` lists: static/'s dotfiles, nothing else.
			want := []string{".htaccess", ".nojekyll", ".well-known"}
			if !slices.Equal(hidden, want) {
				t.Errorf("hidden entries in the output: %q, want %q", hidden, want)
			}
			continue
		}
		// The scan finds the draft where it is published: proof that it
		// would find a leak.
		for _, want := range []string{"topics/secret/index.html: zqbody", "tags/zqtag/index.html: zqmerger", "sitemap.xml: zqtag", "feed.xml: zqconfidential", "search/terms/zq.json: zqbody"} {
			if !slices.ContainsFunc(found, func(f string) bool { return strings.HasPrefix(f, want) }) {
				t.Errorf("with -drafts, no %q in the output", want)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(RecordDir(".glossary", testConfig.Out), CacheFile)); err != nil {
		t.Errorf("the parsed-topic cache is not in the cache folder: %v", err)
	}
}

func TestLitter(t *testing.T) {
	tests := []struct {
		name   string
		litter bool
	}{
		{"page.html~", true}, {".page.html.swp", true}, {".page.html.swo", true}, {".page.html.swx", true},
		{".#page.html", true}, {"#page.html#", true}, {".DS_Store", true}, {"Thumbs.db", true},
		{".git", true}, {".hg", true}, {".svn", true},
		{".well-known", false}, {".htaccess", false}, {".nojekyll", false}, {"_headers", false},
		{"_redirects", false}, {"CNAME", false}, {"#", false}, {"site.css", false}, {".gitignore", false},
	}
	for _, tt := range tests {
		if got := Litter(tt.name); got != tt.litter {
			t.Errorf("Litter(%q) = %v, want %v", tt.name, got, tt.litter)
		}
	}
}

// TestSwapNeverLeavesAGap rebuilds a changed site again and again while a
// reader opens the home page in a loop: the output folder is exchanged in
// one step, so the reader always finds a whole page, old or new.
func TestSwapNeverLeavesAGap(t *testing.T) {
	unpackSite(t, "basic")
	mustBuild(t, testConfig)
	home := filepath.Join(testConfig.Out, "index.html")
	stop := make(chan struct{})
	done := make(chan error, 1)
	reads := 0
	go func() {
		for {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			data, err := os.ReadFile(home)
			if err != nil {
				done <- err
				return
			}
			if !bytes.HasSuffix(bytes.TrimSpace(data), []byte("</html>")) {
				done <- fmt.Errorf("read a partial page of %d bytes", len(data))
				return
			}
			reads++
		}
	}()
	for i := range 12 {
		// The home page's introduction changes, so every build swaps.
		writeFile(t, "content/_index.md", fmt.Sprintf("---\ntitle: Test Glossary\n---\n\nEdition %d of the [[Deductible]].\n", i))
		if _, err := build(testConfig); err != nil {
			close(stop)
			t.Fatal(err)
		}
	}
	close(stop)
	if err := <-done; err != nil {
		t.Fatalf("a reader of %s during rebuilds: %v", home, err)
	}
	if reads == 0 {
		t.Fatal("the reader never read the page")
	}
	data, err := os.ReadFile(home)
	if err != nil || !bytes.Contains(data, []byte("Edition 11 ")) {
		t.Errorf("after the rebuilds the home page is not the last edition (%v)", err)
	}
}
