// Package serve is the dev server behind `generator serve`.
//
// Run builds the site once, then watches the content, templates and static
// folders (fsnotify, recursively, adding folders as they appear; or polling
// with -poll) and, after each burst of changes has settled, rebuilds only
// what changed into the output folder. Pages are served from that folder
// with a small script injected that keeps an EventSource open: after a good
// rebuild the tab reloads at the same scroll position; after a failed one
// it shows the errors over the page until the next good build, while the
// last good site stays served.
//
// Safety: it listens on loopback by default, serves only files below the
// output folder, and answers only requests whose Host is the bound address
// or localhost (so a web page cannot reach it through DNS rebinding),
// unless the user chose a non-loopback -addr.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/pipeline"
)

// Options configure Run.
type Options struct {
	pipeline.Config
	// Addr is host:port to listen on; port 0 picks a free one.
	Addr string
	// Poll, when positive, finds changes by looking at the folders at
	// this interval instead of by file system events.
	Poll time.Duration
	// Log receives one line per build.
	Log io.Writer
	// Ready, if set, is called with the address once the server listens.
	Ready func(addr string)
	// Built, if set, is called after every build with its outcome.
	Built func(pipeline.Result, error)

	tuning
}

// tuning is what the tests change (export_test.go); the zero value is
// what serve does.
type tuning struct {
	// quiet and maxDelay replace Quiet and MaxDelay.
	quiet, maxDelay time.Duration
	// polled is called after each look at the files when polling, and
	// after the rebuild it caused.
	polled func()
	// watchErr, when it returns an error for a folder, makes adding the
	// folder's watch fail with it, as the kernel's limits do.
	watchErr func(dir string) error
}

// Quiet is how long the watcher waits after the last event of a burst
// before rebuilding: editors write a file in several steps, and a
// search-and-replace saves many files within a few milliseconds.
const Quiet = 30 * time.Millisecond

// Run serves until ctx is done.
func Run(ctx context.Context, opts Options) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", opts.Addr, err)
	}
	defer ln.Close()

	opts.Config.Incremental = true
	s := &server{opts: opts, site: pipeline.NewSite(opts.Config), hub: newHub()}
	s.hosts = allowedHosts(ln.Addr().(*net.TCPAddr), opts.Addr)

	w, err := newWatcher(opts.Config, opts.Poll, opts.tuning)
	if err != nil {
		return err
	}
	defer w.close()

	start := time.Now()
	s.site.LoadCache() // a previous build's parse, where still valid
	s.site.Load()
	s.generate("initial build", pipeline.Full, start)

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	url := "http://" + displayAddr(ln.Addr().String())
	fmt.Fprintf(opts.Log, "serving %s at %s (Ctrl+C to stop)\n", opts.Out, url)
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}

	var loopErr error
	var wg sync.WaitGroup
	wg.Go(func() { loopErr = s.loop(ctx, w) })
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			loopErr = err
		}
	}
	s.hub.close()
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(shut)
	w.close()
	wg.Wait()
	if ctx.Err() != nil && errors.Is(loopErr, context.Canceled) {
		return nil
	}
	return loopErr
}

type server struct {
	opts  Options
	site  *pipeline.Site
	hub   *hub
	hosts map[string]bool
	// built is true once the output folder holds a complete site, after
	// which rebuilds update it in place.
	built bool
}

// loop rebuilds after each batch of changes until ctx is done.
func (s *server) loop(ctx context.Context, w *watcher) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-w.errs:
			fmt.Fprintf(s.opts.Log, "watch: %v\n", err)
		case <-w.ticks:
			if w.changed(ctx) {
				s.rebuild(nil)
			}
			if s.opts.polled != nil {
				s.opts.polled()
			}
		case batch, ok := <-w.batches:
			if !ok {
				return ctx.Err()
			}
			s.rebuild(batch)
		}
	}
}

// rebuild reads the changed paths and builds what they affect. Polling
// and overflowed event queues give an empty batch: every file is then
// compared with what was read before.
func (s *server) rebuild(batch []string) {
	start := time.Now()
	var changed bool
	if len(batch) == 0 {
		changed = s.site.Load()
	} else {
		changed = s.site.Reload(batch)
	}
	if !changed && s.built {
		return
	}
	mode := pipeline.InPlace
	if !s.built {
		mode = pipeline.Full
	}
	s.generate(describe(batch), mode, start)
}

// generate runs the pipeline; start is when reading the changes began,
// so the time reported is the whole rebuild.
func (s *server) generate(what string, mode pipeline.Mode, start time.Time) {
	res, err := s.site.Generate(mode)
	res.Duration = time.Since(start)
	if err == nil {
		s.built = true
		fmt.Fprintf(s.opts.Log, "%s: %s written in %d ms\n", what, pages(res.Written), res.Duration.Milliseconds())
		s.hub.publish(event{name: "reload"})
	} else {
		msg := err.Error()
		var list diag.ListError
		if errors.As(err, &list) {
			msg = list.Error()
		}
		fmt.Fprintf(s.opts.Log, "%s: build failed; still serving the last good site\n%s\n", what, msg)
		s.hub.publish(event{name: "failed", data: msg})
	}
	if s.opts.Built != nil {
		s.opts.Built(res, err)
	}
}

func pages(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

// describe names what changed for the terminal line, leaving out the
// temporary files editors and tools write on the way.
func describe(batch []string) string {
	var named []string
	for _, p := range batch {
		base := filepath.Base(p)
		if content.Ignored(base) || (filepath.Ext(base) == "" && !strings.Contains(base, ".")) {
			continue
		}
		named = append(named, p)
	}
	switch len(named) {
	case 0:
		return "change"
	case 1:
		return named[0] + " changed"
	}
	return fmt.Sprintf("%s and %d more changed", named[0], len(named)-1)
}

// allowedHosts lists the Host header values a request may carry. An empty
// map means any: the user bound to a non-loopback address on purpose.
func allowedHosts(bound *net.TCPAddr, asked string) map[string]bool {
	if !bound.IP.IsLoopback() {
		return nil
	}
	port := fmt.Sprint(bound.Port)
	hosts := map[string]bool{}
	for _, h := range []string{"localhost", "127.0.0.1", "[::1]", bound.IP.String()} {
		hosts[h+":"+port] = true
	}
	if h, _, err := net.SplitHostPort(asked); err == nil && h != "" {
		hosts[net.JoinHostPort(h, port)] = true
	}
	return hosts
}

func displayAddr(a string) string {
	if strings.HasPrefix(a, "127.0.0.1:") {
		return "localhost:" + strings.TrimPrefix(a, "127.0.0.1:")
	}
	return a
}
