package pipeline

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/media"
)

// The dev server learns of an image like of any other file: a change
// re-renders the pages showing it, and the output it updates in place is
// byte for byte what a full build writes.
func TestImageEdits(t *testing.T) {
	const (
		layers = "content/shared-responsibility-model/layers.svg"
		topic  = "content/shared-responsibility-model.md"
		page   = "topics/shared-responsibility-model/index.html"
	)
	svg := func(w int) string {
		return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + strings.Repeat("1", w) + ` 9"/>`
	}
	// pub is the published copy of an image with these bytes.
	pub := func(data string) string { return media.Name(content.Hash([]byte(data)), ".svg") }
	edit := func(file, old, new string) func(t *testing.T) {
		return func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), old) {
				t.Fatalf("%s does not hold %q", file, old)
			}
			writeFile(t, file, strings.Replace(string(data), old, new, -1))
		}
	}
	tests := []struct {
		name string
		// setup changes the site before the first build.
		setup func(t *testing.T)
		// edit changes the site; paths are what file system events name.
		edit  func(t *testing.T)
		paths []string
		// error is in the failed build's error, if it must fail.
		error string
		// changed are output files that differ after the rebuild.
		changed []string
	}{
		{
			name:    "an image changed",
			edit:    func(t *testing.T) { writeFile(t, layers, svg(3)) },
			paths:   []string{layers},
			changed: []string{pub(svg(3)), page},
		},
		{
			name:    "a static image changed",
			edit:    func(t *testing.T) { writeFile(t, "static/img/logo.svg", svg(2)) },
			paths:   []string{"static/img/logo.svg"},
			changed: []string{"img/logo.svg", pub(svg(2)), "media/259703e9b2f0204d.svg", page}, // the old copy goes
		},
		{
			name:  "an image deleted",
			edit:  func(t *testing.T) { os.Remove(layers) },
			paths: []string{layers},
			error: `content/shared-responsibility-model.md:11:1: image "shared-responsibility-model/layers.svg": there is no file ` + layers,
		},
		{
			name:    "a topic shows an image no more",
			edit:    edit(topic, "![A red rectangle](square.png \"A title\")", "no picture"),
			paths:   []string{topic},
			changed: []string{"media/70edc8c517ad7606.png", page}, // it goes
		},
		{
			name:  "a topic shows a new image",
			setup: edit(topic, "![A red rectangle](square.png \"A title\")", "no picture"),
			edit: func(t *testing.T) {
				edit(topic, "no picture", "![A new picture](new.svg)")(t)
				writeFile(t, "content/new.svg", svg(4))
			},
			paths:   []string{topic, "content/new.svg"},
			changed: []string{pub(svg(4)), page},
		},
	}
	for _, poll := range []bool{false, true} {
		for _, tt := range tests {
			name := tt.name
			if poll {
				name += ", polling"
			}
			t.Run(name, func(t *testing.T) {
				unpackSite(t, "media")
				if tt.setup != nil {
					tt.setup(t)
				}
				s := servedSite(t)
				before := snapshot(t, testConfig.Out)
				tt.edit(t)
				var changedSite bool
				if poll {
					changedSite = s.Load()
				} else {
					changedSite = s.Reload(tt.paths)
				}
				if !changedSite {
					t.Fatal("the site did not notice the change")
				}
				_, err := s.Generate(InPlace)
				if tt.error != "" {
					if err == nil || !strings.Contains(err.Error(), tt.error) {
						t.Fatalf("rebuild: %v, want an error containing %q", err, tt.error)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				after := snapshot(t, testConfig.Out)
				slices.Sort(tt.changed)
				if diff := changed(before, after); !slices.Equal(diff, tt.changed) {
					t.Errorf("changed %q, want %q", diff, tt.changed)
				}
				// A full build of the same sources writes the same site.
				full := testConfig
				full.Out, full.Cache = "full", ".full-cache"
				mustBuild(t, full)
				if diff := changed(after, snapshot(t, full.Out)); len(diff) > 0 {
					t.Errorf("the output updated in place differs from a full build in %q", diff)
				}
			})
		}
	}
}

// Images shown only by drafts are published only with -drafts; a check
// reads them all and writes nothing.
func TestImagesOfDrafts(t *testing.T) {
	unpackSite(t, "media")
	cfg := testConfig
	cfg.Drafts = true
	mustBuild(t, cfg)
	files := tree(t, cfg.Out)
	if n := len(slices.DeleteFunc(files, func(f string) bool { return !strings.HasPrefix(f, "media/") })); n != 8 {
		t.Errorf("with -drafts %d images are published, want 8 (the draft's too): %q", n, files)
	}
	if err := os.RemoveAll(filepath.Join("content", "drafts", "secret.svg")); err != nil {
		t.Fatal(err)
	}
	if _, err := build(testConfig); err != nil {
		t.Errorf("without -drafts, a draft's missing image is no error: %v", err)
	}
}
