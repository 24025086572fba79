// Package linkcheck checks that the web addresses of the topics' sources
// still answer: `check -external`, never part of a build, since it depends
// on other sites being up.
//
// Each address is asked once however many topics cite it, by a bounded
// number of workers (and at most two at a time per host, to be polite),
// each request with a timeout. HEAD is tried first; where a server refuses
// it, GET. An address that answers with a status below 400, after
// redirects, is alive; any other answer, or none in time, is dead and is
// reported as a warning at every place that cites it. Results are kept in
// a cache file, live ones for a week and dead ones for an hour, so a
// second run soon after asks only what it has not asked recently.
package linkcheck

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
)

// How long a result is trusted.
const (
	LiveFor = 7 * 24 * time.Hour
	DeadFor = time.Hour
)

// Link is an address and where it was written.
type Link struct {
	URL       string
	Path      string
	Line, Col int
}

// Sources lists the addresses of the topics' sources, in topic order.
func Sources(topics []*content.Topic) []Link {
	var out []Link
	for _, t := range topics {
		for _, s := range t.Sources {
			if s.URL != "" {
				out = append(out, Link{URL: s.URL, Path: t.Path, Line: s.Line, Col: s.Col})
			}
		}
	}
	return out
}

// Checker checks addresses. The zero value works, with no cache.
type Checker struct {
	// Client makes the requests; nil means a default client.
	Client *http.Client
	// Timeout bounds each request, redirects included (default 15s).
	Timeout time.Duration
	// Workers is how many requests run at once (default 8).
	Workers int
	// CacheFile keeps results between runs; empty means no cache.
	CacheFile string
	// Now is the clock, for tests.
	Now func() time.Time
}

// Result is what became of one address.
type Result struct {
	Checked time.Time `json:"checked"`
	// Problem says why the address is dead, or is empty.
	Problem string `json:"problem,omitempty"`
}

// Report is the outcome of a run.
type Report struct {
	// Warnings are the citations of dead addresses.
	Warnings diag.List
	// Addresses is how many distinct addresses were cited, Asked how
	// many of them were asked (the others were in the cache).
	Addresses, Asked int
}

// Check asks every address the links name, unless the cache has a recent
// result, and reports each citation of a dead one. The error is about the
// cache alone: the report is complete without it.
func (c *Checker) Check(ctx context.Context, links []Link) (Report, error) {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	cache, cacheErr := c.load()
	var todo []string
	seen := map[string]bool{}
	for _, l := range links {
		if seen[l.URL] {
			continue
		}
		seen[l.URL] = true
		if r, ok := cache[l.URL]; ok && fresh(r, now()) {
			continue
		}
		todo = append(todo, l.URL)
	}
	results := c.ask(ctx, todo, now)
	for u, r := range results {
		cache[u] = r
	}
	rep := Report{Addresses: len(seen), Asked: len(todo)}
	for _, l := range links {
		if p := cache[l.URL].Problem; p != "" {
			rep.Warnings.Add(l.Path, l.Line, l.Col, "warning: source url %s %s", l.URL, p)
		}
	}
	rep.Warnings.Sort()
	if ctx.Err() != nil {
		return rep, ctx.Err() // an interrupted run's results are not kept
	}
	return rep, cmp.Or(cacheErr, c.save(cache, now()))
}

func fresh(r Result, now time.Time) bool {
	ttl := LiveFor
	if r.Problem != "" {
		ttl = DeadFor
	}
	return now.Sub(r.Checked) < ttl
}

// ask checks addresses on c.Workers goroutines, at most two at a time
// per host.
func (c *Checker) ask(ctx context.Context, urls []string, now func() time.Time) map[string]Result {
	client := c.Client
	if client == nil {
		client = &http.Client{}
	}
	timeout := cmp.Or(c.Timeout, 15*time.Second)
	workers := cmp.Or(c.Workers, 8)
	var mu sync.Mutex
	out := make(map[string]Result, len(urls))
	hosts := map[string]chan struct{}{}
	slot := func(u string) chan struct{} {
		host := u
		if p, err := url.Parse(u); err == nil {
			host = p.Host
		}
		mu.Lock()
		defer mu.Unlock()
		if hosts[host] == nil {
			hosts[host] = make(chan struct{}, 2)
		}
		return hosts[host]
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range min(workers, len(urls)) {
		wg.Go(func() {
			for u := range work {
				s := slot(u)
				s <- struct{}{}
				problem := probe(ctx, client, timeout, u)
				<-s
				mu.Lock()
				out[u] = Result{Checked: now(), Problem: problem}
				mu.Unlock()
			}
		})
	}
	for _, u := range urls {
		if ctx.Err() != nil {
			break
		}
		work <- u
	}
	close(work)
	wg.Wait()
	return out
}

// probe asks one address and says what is wrong with it, or "".
func probe(ctx context.Context, client *http.Client, timeout time.Duration, u string) string {
	status, err := request(ctx, client, timeout, http.MethodHead, u)
	if err == nil && status >= 400 {
		// Many servers refuse HEAD, or answer it differently: GET says.
		status, err = request(ctx, client, timeout, http.MethodGet, u)
	}
	var timedOut interface{ Timeout() bool }
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &timedOut) && timedOut.Timeout():
		return fmt.Sprintf("did not answer within %s", timeout)
	case err != nil:
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Sprintf("could not be reached: %v", err)
	case status >= 400:
		return fmt.Sprintf("answered %d %s", status, http.StatusText(status))
	}
	return ""
}

func request(ctx context.Context, client *http.Client, timeout time.Duration, method, u string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", "glossary-check-external/1 (checks the addresses of a glossary's sources)")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	// Only the status matters; a little of the body lets the connection
	// be reused.
	io.CopyN(io.Discard, resp.Body, 64<<10)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// cacheFile is the cache's format on disk.
type cacheFile struct {
	Results map[string]Result `json:"results"`
}

// load reads the cache; a missing one is empty, an unreadable one is
// empty and an error.
func (c *Checker) load() (map[string]Result, error) {
	results := map[string]Result{}
	if c.CacheFile == "" {
		return results, nil
	}
	data, err := os.ReadFile(c.CacheFile)
	if errors.Is(err, os.ErrNotExist) {
		return results, nil
	}
	var f cacheFile
	if err == nil {
		err = json.Unmarshal(data, &f)
	}
	if err != nil {
		return results, fmt.Errorf("link cache %s: %w (it is rebuilt)", c.CacheFile, err)
	}
	if f.Results != nil {
		results = f.Results
	}
	return results, nil
}

// save writes the results still worth keeping, atomically.
func (c *Checker) save(results map[string]Result, now time.Time) error {
	if c.CacheFile == "" {
		return nil
	}
	keep := cacheFile{Results: map[string]Result{}}
	for u, r := range results {
		if fresh(r, now) {
			keep.Results[u] = r
		}
	}
	data, err := json.MarshalIndent(keep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.CacheFile), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.CacheFile), ".external-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(append(data, '\n'))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.CacheFile)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
