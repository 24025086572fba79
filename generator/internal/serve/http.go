package serve

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"glossary/generator/internal/pipeline"
)

//go:embed reload.js
var reloadJS []byte

// Paths of the dev server's own endpoints; the leading "_" keeps them out of
// any slug's way.
const (
	eventsPath = "/_glossary/events"
	scriptPath = "/_glossary/reload.js"
)

var scriptTag = []byte(`<script src="` + scriptPath + `"></script>`)

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.hosts != nil && !s.hosts[r.Host] {
		http.Error(w, "403 forbidden: unexpected Host header "+fmt.Sprintf("%q", r.Host)+
			"; open the site through the address serve printed", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(reloadJS)
		return
	}
	s.file(w, r)
}

// file serves a file of the output folder. os.Root confines every open to
// that folder: "..", absolute paths and symbolic links that leave it fail.
func (s *server) file(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/")
	if strings.Contains(r.URL.Path, "\\") || strings.Contains(r.URL.Path, "\x00") {
		http.Error(w, "400 bad request", http.StatusBadRequest)
		return
	}
	// Dotfiles are served (a site's static/.well-known/ is published), but
	// not what a build never publishes: litter, and the staging files of a
	// rebuild in progress.
	for _, part := range strings.Split(name, "/") {
		if part == ".." || pipeline.Litter(part) || strings.HasPrefix(part, ".tmp-") {
			http.Error(w, "404 not found", http.StatusNotFound)
			return
		}
	}
	root, err := os.OpenRoot(s.opts.Out)
	if err != nil {
		http.Error(w, "the site has not been built yet", http.StatusServiceUnavailable)
		return
	}
	defer root.Close()
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	name = path.Clean(name)
	data, modTime, err := readFile(root, name)
	if errors.Is(err, errIsDir) {
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	status := http.StatusOK
	if err != nil {
		status = http.StatusNotFound
		name = "404.html"
		if data, modTime, err = readFile(root, name); err != nil {
			http.Error(w, "404 not found", http.StatusNotFound)
			return
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	if strings.HasSuffix(name, ".html") {
		data = inject(data)
	}
	if status != http.StatusOK {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		w.Write(data)
		return
	}
	http.ServeContent(w, r, name, modTime, bytes.NewReader(data))
}

var errIsDir = errors.New("is a directory")

// readFile reads a whole file, so the response is one consistent version
// even if a rebuild replaces the file meanwhile.
func readFile(root *os.Root, name string) ([]byte, time.Time, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	if info.IsDir() {
		return nil, time.Time{}, errIsDir
	}
	if !info.Mode().IsRegular() {
		return nil, time.Time{}, fs.ErrNotExist
	}
	data, err := io.ReadAll(f)
	return data, info.ModTime(), err
}

// inject adds the live-reload script before </body>. Only served pages get
// it: files in the output folder stay exactly what build writes.
func inject(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, scriptTag...)
	}
	out := make([]byte, 0, len(page)+len(scriptTag))
	out = append(out, page[:i]...)
	out = append(out, scriptTag...)
	return append(out, page[i:]...)
}

// events streams build outcomes as Server-Sent Events: "reload" after a
// good build, "failed" with the errors after a bad one. A new stream first
// gets the current state, so a tab opened while the site is broken shows
// the errors at once.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	ch, current := s.hub.subscribe()
	defer s.hub.unsubscribe(ch)
	fmt.Fprint(w, "retry: 1000\n\n")
	if current.name == "failed" {
		writeEvent(w, current)
	} else {
		writeEvent(w, event{name: "hello"})
	}
	flusher.Flush()
	keepalive := time.NewTicker(20 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return
			}
			writeEvent(w, ev)
			flusher.Flush()
		case <-keepalive.C:
			fmt.Fprint(w, ": keepalive\n\n")
			flusher.Flush()
		}
	}
}

func writeEvent(w io.Writer, ev event) {
	fmt.Fprintf(w, "event: %s\n", ev.name)
	for _, line := range strings.Split(ev.data, "\n") {
		fmt.Fprintf(w, "data: %s\n", line)
	}
	fmt.Fprint(w, "\n")
}

type event struct {
	name string
	data string
}

// hub fans build events out to every open stream.
type hub struct {
	mu      sync.Mutex
	subs    map[chan event]bool
	current event
	closed  bool
}

func newHub() *hub { return &hub{subs: map[chan event]bool{}} }

func (h *hub) subscribe() (chan event, event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan event, 4)
	if h.closed {
		close(ch)
		return ch, h.current
	}
	h.subs[ch] = true
	return ch, h.current
}

func (h *hub) unsubscribe(ch chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[ch] {
		delete(h.subs, ch)
		close(ch)
	}
}

func (h *hub) publish(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.current = ev
	for ch := range h.subs {
		select {
		case ch <- ev:
		default: // a stalled tab skips an event rather than stall builds
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.subs {
		delete(h.subs, ch)
		close(ch)
	}
}
