package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/glossary"
	"glossary/generator/internal/media"
)

// Images are files of the site like static files, but found through the
// topics that show them rather than by walking a folder: an image beside a
// topic is not a topic file, and only images that published topics show
// are copied. Each is copied once, named by its bytes (media.Name), and a
// page's fingerprint includes the names of its images, so a changed image
// re-renders exactly the pages that show it.

// imageState is an image file as last read.
type imageState struct {
	// path is the file; size and mod are its size and time when read,
	// size -1 if it was missing.
	path string
	size int64
	mod  time.Time
	hash uint64
	img  media.Image
	// problem says why the file cannot be shown, or is empty.
	problem string
}

// imageFile is the file an image's content.Image.Src names.
func (s *Site) imageFile(src string) string {
	if rest, ok := strings.CutPrefix(src, "/"); ok {
		return filepath.Join(s.cfg.Static, filepath.FromSlash(rest))
	}
	return filepath.Join(s.cfg.Content, filepath.FromSlash(src))
}

// loadImages reads the image files that topics and the home page show and
// that changed since they were last read (or are named in force, by path),
// and forgets those no longer shown. It reports whether any changed. Drafts'
// images are read too, so that -drafts and a draft's publication need no
// other trigger; only published ones are copied (see usedImages).
func (s *Site) loadImages(force map[string]bool) bool {
	shown := map[string]bool{}
	for _, im := range s.settings.IntroImages {
		shown[im.Src] = true
	}
	for _, f := range s.topics {
		if f.topic != nil {
			for _, im := range f.topic.Images {
				shown[im.Src] = true
			}
		}
	}
	changed := false
	for src := range s.images {
		if !shown[src] {
			delete(s.images, src)
		}
	}
	for src := range shown {
		p := s.imageFile(src)
		size, mod := int64(-1), time.Time{}
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			size, mod = info.Size(), info.ModTime()
		}
		if old := s.images[src]; old != nil && !force[p] && old.size == size && old.mod.Equal(mod) {
			continue
		}
		s.images[src] = readImage(p, src, size, mod)
		changed = true
	}
	return changed
}

func readImage(p, src string, size int64, mod time.Time) *imageState {
	st := &imageState{path: p, size: size, mod: mod}
	if size < 0 {
		st.problem = "there is no file " + p + ": save the image there, or correct the path" + suggestImage(p)
		return st
	}
	data, err := os.ReadFile(p)
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		st.problem = pe.Err.Error()
		return st
	} else if err != nil {
		st.problem = err.Error()
		return st
	}
	info, err := media.Inspect(data)
	if err != nil {
		st.problem = err.Error()
		return st
	}
	st.hash = content.Hash(data)
	st.img = media.Image{File: media.Name(st.hash, info.Ext), Width: info.Width, Height: info.Height}
	return st
}

// suggestImage proposes a file of the same folder for a missing image.
func suggestImage(p string) string {
	entries, _ := os.ReadDir(filepath.Dir(p))
	var names []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".md") {
			names = append(names, e.Name())
		}
	}
	return diag.DidYouMean(filepath.Base(p), names)
}

// usedImages checks the images of the published topics and the home page
// and returns those shown, by content.Image.Src.
func (s *Site) usedImages(g *glossary.Glossary) (map[string]*imageState, diag.List) {
	var d diag.List
	used := map[string]*imageState{}
	check := func(file string, list []content.Image) {
		for _, im := range list {
			st := s.images[im.Src]
			switch {
			case st == nil:
				d.Add(file, im.Line, im.Col, "image %q was not read: save the file again", im.Dest)
			case st.problem != "":
				d.Add(file, im.Line, im.Col, "image %q: %s", im.Dest, st.problem)
			default:
				used[im.Src] = st
			}
		}
	}
	check(g.Settings.Path, g.Settings.IntroImages)
	for _, t := range g.Topics {
		check(t.Path, t.Images)
	}
	return used, d
}

// imageCopies lists the copies the output needs of the used images: one
// per content, however many files or topics hold it, sorted.
func imageCopies(used map[string]*imageState) []*imageState {
	byFile := map[string]*imageState{}
	for _, st := range used {
		if o := byFile[st.img.File]; o == nil || st.path < o.path {
			byFile[st.img.File] = st
		}
	}
	out := make([]*imageState, 0, len(byFile))
	for _, st := range byFile {
		out = append(out, st)
	}
	slices.SortFunc(out, func(a, b *imageState) int { return strings.Compare(a.img.File, b.img.File) })
	return out
}
