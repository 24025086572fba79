package linkcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a local server whose paths answer as the web does, counting
// requests and the most it served at once.
type site struct {
	*httptest.Server
	mu       sync.Mutex
	asked    map[string]int
	now, max int
}

func newSite(t *testing.T) *site {
	s := &site{asked: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.asked[r.URL.Path]++
		s.now++
		s.max = max(s.max, s.now)
		s.mu.Unlock()
		defer func() {
			s.mu.Lock()
			s.now--
			s.mu.Unlock()
		}()
		time.Sleep(20 * time.Millisecond) // long enough for requests to overlap
		switch r.URL.Path {
		case "/ok":
		case "/moved":
			http.Redirect(w, r, "/ok", http.StatusMovedPermanently)
		case "/no-head":
			if r.Method == http.MethodHead {
				w.WriteHeader(http.StatusMethodNotAllowed)
			}
		case "/slow":
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.asked[path]
}

func TestCheck(t *testing.T) {
	s := newSite(t)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close() // nothing listens there any more
	links := []Link{
		{URL: s.URL + "/ok", Path: "content/a.md", Line: 5, Col: 10},
		{URL: s.URL + "/gone", Path: "content/a.md", Line: 8, Col: 10},
		{URL: s.URL + "/ok", Path: "content/b.md", Line: 6, Col: 10},
		{URL: s.URL + "/moved", Path: "content/b.md", Line: 9, Col: 10},
		{URL: s.URL + "/no-head", Path: "content/c.md", Line: 5, Col: 10},
		{URL: s.URL + "/slow", Path: "content/c.md", Line: 7, Col: 10},
		{URL: closed.URL + "/x", Path: "content/d.md", Line: 5, Col: 10},
		{URL: s.URL + "/gone", Path: "content/d.md", Line: 9, Col: 12},
	}
	clock := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	c := &Checker{Timeout: 300 * time.Millisecond, Workers: 4, CacheFile: filepath.Join(t.TempDir(), "external.json"),
		Now: func() time.Time { return clock }}
	rep, err := c.Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range rep.Warnings {
		got = append(got, strings.ReplaceAll(strings.ReplaceAll(w.String(), s.URL, "SITE"), closed.URL, "CLOSED"))
	}
	want := []string{
		"content/a.md:8:10: warning: source url SITE/gone answered 404 Not Found",
		"content/c.md:7:10: warning: source url SITE/slow did not answer within 300ms",
		"content/d.md:5:10: warning: source url CLOSED/x could not be reached: ...",
		"content/d.md:9:12: warning: source url SITE/gone answered 404 Not Found",
	}
	if len(got) != len(want) {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if p, ok := strings.CutSuffix(want[i], "..."); ok && strings.HasPrefix(got[i], p) || got[i] == want[i] {
			continue
		}
		t.Errorf("warning %d: %s\nwant %s", i, got[i], want[i])
	}
	if rep.Addresses != 6 || rep.Asked != 6 {
		t.Errorf("%d addresses, %d asked; want 6 and 6", rep.Addresses, rep.Asked)
	}
	// One question per address, however often it is cited; GET only
	// where HEAD was refused.
	if n := s.count("/ok"); n != 2 { // HEAD /ok, and HEAD /moved's redirect to it
		t.Errorf("/ok asked %d times, want 2", n)
	}
	if n := s.count("/no-head"); n != 2 {
		t.Errorf("/no-head asked %d times, want 2 (HEAD, then GET)", n)
	}
	if s.max > 2 {
		t.Errorf("%d requests at once to one host, want at most 2", s.max)
	}

	// Soon after, everything comes from the cache.
	clock = clock.Add(30 * time.Minute)
	again, err := c.Check(context.Background(), links)
	if err != nil {
		t.Fatal(err)
	}
	if again.Asked != 0 || len(again.Warnings) != len(rep.Warnings) {
		t.Errorf("30 minutes later: asked %d, %d warnings; want 0 and %d", again.Asked, len(again.Warnings), len(rep.Warnings))
	}
	// Dead addresses are asked again after an hour, live ones after a
	// week.
	for _, step := range []struct {
		after time.Duration
		asked int
	}{{2 * time.Hour, 3}, {8 * 24 * time.Hour, 6}} {
		clock = clock.Add(step.after)
		r, err := c.Check(context.Background(), links)
		if err != nil {
			t.Fatal(err)
		}
		if r.Asked != step.asked {
			t.Errorf("%s later: asked %d, want %d", step.after, r.Asked, step.asked)
		}
	}
}

// Workers bounds the requests in flight across hosts.
func TestCheckWorkers(t *testing.T) {
	var sites []*site
	var links []Link
	for range 4 {
		s := newSite(t)
		sites = append(sites, s)
		for _, p := range []string{"/ok", "/ok?a", "/ok?b"} {
			links = append(links, Link{URL: s.URL + p, Path: "content/a.md", Line: 1, Col: 1})
		}
	}
	var mu sync.Mutex
	inFlight, most := 0, 0
	client := &http.Client{Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		inFlight++
		most = max(most, inFlight)
		mu.Unlock()
		defer func() {
			mu.Lock()
			inFlight--
			mu.Unlock()
		}()
		return http.DefaultTransport.RoundTrip(r)
	})}
	rep, err := (&Checker{Client: client, Workers: 3}).Check(context.Background(), links)
	if err != nil || len(rep.Warnings) > 0 {
		t.Fatalf("err %v, warnings %v", err, rep.Warnings)
	}
	if most > 3 || most < 2 {
		t.Errorf("at most %d requests in flight, want 2 or 3 with 3 workers", most)
	}
	if n := slices.IndexFunc(sites, func(s *site) bool { return s.count("/ok") != 3 }); n >= 0 {
		t.Errorf("site %d asked /ok %d times, want 3", n, sites[n].count("/ok"))
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
