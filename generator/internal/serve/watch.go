package serve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"glossary/generator/internal/content"
	"glossary/generator/internal/pipeline"
)

// watcher turns file system activity into batches of changed paths. An
// empty batch asks for a full comparison with the disk. When polling,
// nothing comes on batches: ticks says when to ask changed instead.
type watcher struct {
	batches chan []string
	errs    chan error
	ticks   <-chan time.Time
	// static is the static folder, where only litter is skipped.
	static string

	roots           []string
	quiet, maxDelay time.Duration
	watchErr        func(dir string) error
	// seen is what the files looked like when polling last found them
	// changed, or when the watcher started.
	seen   snapshot
	ticker *time.Ticker

	fsw       *fsnotify.Watcher
	stop      chan struct{}
	closeOnce sync.Once
	wg        sync.WaitGroup
}

// MaxDelay bounds how long a continuous stream of events can hold back a
// rebuild.
const MaxDelay = 400 * time.Millisecond

func newWatcher(cfg pipeline.Config, poll time.Duration, tune tuning) (*watcher, error) {
	w := &watcher{
		batches: make(chan []string), errs: make(chan error, 8), stop: make(chan struct{}),
		static: filepath.Clean(cfg.Static), roots: []string{cfg.Content, cfg.Templates, cfg.Static},
		quiet: cmp.Or(tune.quiet, Quiet), maxDelay: cmp.Or(tune.maxDelay, MaxDelay),
	}
	if poll > 0 {
		// Taken before the first build reads the files, so that no edit
		// made meanwhile goes unseen.
		w.seen = w.snapshot()
		w.ticker = time.NewTicker(poll)
		w.ticks = w.ticker.C
		return w, nil
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, watchLimit(err)
	}
	w.fsw, w.watchErr = fsw, tune.watchErr
	for _, root := range w.roots {
		if err := w.addTree(root); err != nil && !errors.Is(err, fs.ErrNotExist) {
			fsw.Close()
			return nil, watchLimit(err)
		}
	}
	w.wg.Go(w.run)
	return w, nil
}

// watchLimit explains the inotify limits, which otherwise surface as "no
// space left on device" or "too many open files".
func watchLimit(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return fmt.Errorf("cannot watch the site for changes: the system's inotify limit is reached (%v).\n"+
			"Raise it with:  sudo sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512\n"+
			"(add the same settings to /etc/sysctl.d/ to keep them), or run serve with -poll 500ms", err)
	}
	return err
}

// addTree watches root and every folder below it, skipping those the
// site never reads.
func (w *watcher) addTree(root string) error {
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() {
			return nil
		}
		if p != root && w.skipped(p) {
			return filepath.SkipDir
		}
		return w.add(p)
	})
}

// skipped reports whether folder p is one the site never reads: hidden
// and _ folders in content/ and templates/, only litter in static/, whose
// .well-known/ is published.
func (w *watcher) skipped(p string) bool {
	if p == w.static || strings.HasPrefix(p, w.static+string(filepath.Separator)) {
		return pipeline.Litter(filepath.Base(p))
	}
	return content.Ignored(filepath.Base(p))
}

func (w *watcher) add(dir string) error {
	if w.watchErr != nil {
		if err := w.watchErr(dir); err != nil {
			return err
		}
	}
	return w.fsw.Add(dir)
}

func (w *watcher) run() {
	pending := map[string]bool{}
	var order []string
	var quiet, deadline <-chan time.Time
	rescan := false
	flush := func() {
		batch := order
		if rescan {
			batch = nil
		}
		pending, order, quiet, deadline, rescan = map[string]bool{}, nil, nil, nil, false
		select {
		case w.batches <- batch:
		case <-w.stop:
		}
	}
	for {
		select {
		case <-w.stop:
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Rename) {
				w.unwatch(ev.Name)
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() && !w.skipped(ev.Name) {
					if err := w.addTree(ev.Name); err != nil {
						w.report(watchLimit(err))
					}
					// Files may have landed before the watch began.
					rescan = true
				}
			}
			if !pending[ev.Name] {
				pending[ev.Name] = true
				order = append(order, ev.Name)
			}
			quiet = time.After(w.quiet)
			if deadline == nil {
				deadline = time.After(w.maxDelay)
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				rescan = true
				quiet = time.After(w.quiet)
				continue
			}
			w.report(err)
		case <-quiet:
			flush()
		case <-deadline:
			flush()
		}
	}
}

// unwatch drops the watches of a folder that was moved away and of the
// folders below it. inotify keeps watching a moved folder under its old
// name, and adding its new name returns that same watch, which fsnotify
// then removes when it sees the move: without this, a renamed folder
// would end up unwatched.
func (w *watcher) unwatch(dir string) {
	for _, p := range w.fsw.WatchList() {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			w.fsw.Remove(p)
		}
	}
}

// changed reports, when polling, whether the files differ from what they
// were when it last found them changed. A difference counts only once
// the files have held still for the quiet period (or MaxDelay has
// passed): the build reads a file some time after it looks at its size
// and time, so a file caught half-written, between an editor's truncate
// and write, would be read whole but remembered half-written, and the
// next look would rebuild again for a change already built.
func (w *watcher) changed(ctx context.Context) bool {
	now := w.snapshot()
	if maps.Equal(now, w.seen) {
		return false
	}
	limit := time.After(w.maxDelay)
wait:
	for {
		select {
		case <-ctx.Done():
			return false
		case <-limit:
			break wait
		case <-time.After(w.quiet):
		}
		next := w.snapshot()
		if maps.Equal(next, now) {
			break
		}
		now = next
	}
	changed := !maps.Equal(now, w.seen)
	w.seen = now
	return changed
}

// snapshot is the size and time of every file the watcher would watch.
type snapshot map[string]stamp

type stamp struct{ size, mod int64 }

func (w *watcher) snapshot() snapshot {
	files := snapshot{}
	for _, root := range w.roots {
		// The trailing separator enters a root that is a symbolic link,
		// as the build does.
		root = filepath.Clean(root) + string(filepath.Separator)
		filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil // gone meanwhile, or unreadable: the build reports it
			}
			if e.IsDir() {
				if p != root && w.skipped(p) {
					return filepath.SkipDir
				}
				return nil
			}
			// os.Stat follows a symbolic link, as the build's reads do.
			if info, err := os.Stat(p); err == nil {
				files[p] = stamp{info.Size(), info.ModTime().UnixNano()}
			}
			return nil
		})
	}
	return files
}

func (w *watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

func (w *watcher) close() {
	w.closeOnce.Do(func() {
		close(w.stop)
		if w.ticker != nil {
			w.ticker.Stop()
		}
		if w.fsw != nil {
			w.fsw.Close()
		}
		w.wg.Wait()
	})
}
