package pipeline

import (
	"io"
	"maps"
	"os"
	"path/filepath"
	"sync"

	"glossary/generator/internal/export"
	"glossary/generator/internal/render"
)

// Some output shows other output: the home page lists the exports with
// their sizes, known only once the exports are written. So a run renders
// in steps: the exports before the pages that follow them (the home page).
//
// A full build renders the exports first, being its longest jobs, beside
// every other page, then the home page, and publishes once. A rebuild in
// place (the dev server's) publishes the pages a change touched first,
// then renders the exports and the home page and publishes again: the
// edited page does not wait for them.

// step is a part of a run: its jobs, and whether the output is published
// once they are done.
type step struct {
	jobs    []job
	publish bool
}

// steps orders p's jobs for a run in mode.
func steps(p plan, mode Mode) []step {
	var exports, pages, follow []job
	for _, j := range p.jobs {
		switch {
		case j.page != nil && j.page.Kind == render.ExportFile:
			exports = append(exports, j)
		case j.page != nil && render.FollowsExports(*j.page):
			follow = append(follow, j)
		default:
			pages = append(pages, j)
		}
	}
	all := []step{{jobs: append(exports, pages...)}, {jobs: follow}}
	if mode == InPlace {
		all = []step{{jobs: pages, publish: true}, {jobs: exports}, {jobs: follow}}
	}
	// Steps with nothing to do are left out, and the last one publishes.
	var out []step
	for _, st := range all {
		if len(st.jobs) > 0 {
			out = append(out, st)
		}
	}
	if len(out) == 0 {
		out = []step{{}}
	}
	out[len(out)-1].publish = true
	return out
}

// carryOut renders plan p in steps through w and publishes it; old is
// what the output held before. It returns how many files it rendered or
// copied.
func (s *Site) carryOut(sizes map[string]int64, w writer, p plan, mode Mode, old map[string]entry) (int, error) {
	// sizes are read by the steps after the exports'.
	sw := &sizing{writer: w, out: s.cfg.Out, sizes: sizes}
	written := 0
	list := steps(p, mode)
	for i, st := range list {
		part := plan{jobs: st.jobs, files: p.files}
		if i == 0 {
			part.removed = p.removed
		}
		n, d := s.execute(sw, part)
		written += n
		if len(d) > 0 {
			sw.abort()
			return written, d.Err()
		}
		if !st.publish {
			continue
		}
		files := p.files
		if i < len(list)-1 {
			// Published before the rest is rendered: on record, the
			// files still to come are as they were, so that a failure
			// of the rest leaves them to be made again.
			files = maps.Clone(p.files)
			for _, later := range list[i+1:] {
				for _, j := range later.jobs {
					if e, ok := old[j.file]; ok {
						files[j.file] = e
					} else {
						delete(files, j.file)
					}
				}
			}
		}
		dirs, err := sw.commit(files)
		if err != nil {
			return written, err
		}
		if mode != Check {
			s.written, s.dirs = files, dirs
		}
		if i < len(list)-1 {
			// Only a rebuild in place publishes twice; the rest goes
			// through a writer of its own.
			sw.writer = &placeWriter{out: s.cfg.Out, record: s.record(), old: files, dirs: dirs}
		}
	}
	return written, nil
}

// sizing notes the size of each export file written or kept.
type sizing struct {
	writer
	out   string
	mu    sync.Mutex
	sizes map[string]int64
}

func isExport(file string) bool {
	_, ok := export.ByFile(file)
	return ok
}

func (w *sizing) note(file string, size int64) {
	w.mu.Lock()
	w.sizes[file] = size
	w.mu.Unlock()
}

func (w *sizing) write(file string, data []byte) (uint64, error) {
	if isExport(file) {
		w.note(file, int64(len(data)))
	}
	return w.writer.write(file, data)
}

func (w *sizing) stream(file string, fill func(io.Writer) error) (uint64, error) {
	var n int64
	hash, err := w.writer.stream(file, func(out io.Writer) error {
		return fill(&counter{w: out, n: &n})
	})
	if err == nil && isExport(file) {
		w.note(file, n)
	}
	return hash, err
}

// counter counts what it passes on.
type counter struct {
	w io.Writer
	n *int64
}

func (c *counter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	*c.n += int64(n)
	return n, err
}

func (c *counter) WriteString(s string) (int, error) {
	n, err := io.WriteString(c.w, s)
	*c.n += int64(n)
	return n, err
}

func (w *sizing) keep(file string) error {
	if err := w.writer.keep(file); err != nil || !isExport(file) {
		return err
	}
	// Kept: the output folder has it as it is, until this run publishes.
	info, err := os.Stat(filepath.Join(w.out, filepath.FromSlash(file)))
	if err != nil {
		return err // rendered again instead
	}
	w.note(file, info.Size())
	return nil
}
