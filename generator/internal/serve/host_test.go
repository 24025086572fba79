package serve_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"glossary/generator/internal/serve"
)

// TestServeHostCheck sends a request to every endpoint of the server with
// Host headers it must refuse, and with those it must accept. A page on
// another site can point its own name at 127.0.0.1 (DNS rebinding) and
// then read the dev server as its own origin, so a loopback server
// answers only to its own names; one bound to another address on purpose
// is reached under names it cannot know (the machine's name, its LAN
// address) and accepts any. The site is broken first: the live-reload
// stream then carries the errors, which name files by absolute path.
func TestServeHostCheck(t *testing.T) {
	endpoints := []struct {
		method, path string
		want         int // with an accepted Host
	}{
		{http.MethodGet, "/", http.StatusOK},
		{http.MethodGet, "/topics/alpha/", http.StatusOK},
		{http.MethodHead, "/topics/alpha/", http.StatusOK},
		{http.MethodGet, "/topics/alpha", http.StatusMovedPermanently},
		{http.MethodGet, "/sitemap.xml", http.StatusOK},
		{http.MethodGet, "/css/site.css", http.StatusOK},
		{http.MethodGet, "/no/such/page", http.StatusNotFound},
		{http.MethodGet, "/_glossary/reload.js", http.StatusOK},
		{http.MethodGet, "/_glossary/events", http.StatusOK},
		{http.MethodGet, "/_glossary/no-such-endpoint", http.StatusNotFound},
		{http.MethodPost, "/", http.StatusMethodNotAllowed},
	}
	for _, tc := range []struct {
		name, addr string
		// accepted and refused are Host headers; PORT stands for the
		// port the server listens on.
		accepted, refused []string
	}{
		{
			name:     "loopback",
			addr:     "127.0.0.1:0",
			accepted: []string{"localhost:PORT", "127.0.0.1:PORT", "[::1]:PORT"},
			refused: []string{"evil.example:PORT", "evil.example", "127.0.0.1.evil.example:PORT", "localhost.evil.example:PORT",
				"192.0.2.7:PORT",
				// Another port is another origin.
				"localhost", "localhost:1"},
		},
		{
			name:     "every interface, chosen on purpose",
			addr:     "0.0.0.0:0",
			accepted: []string{"localhost:PORT", "127.0.0.1:PORT", "evil.example:PORT", "glossary.lan", "192.0.2.7:PORT"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := start(t, baseSite(), 0, func(o *serve.Options, _ *serve.Tuning) { o.Addr = tc.addr })
			broken := alpha
			broken.body = "Alpha text v1 links to [a missing topic](missing.md)."
			s.change("alpha.md links to a missing topic",
				func() { s.write("alpha.md", broken.String()) },
				failedWith("missing.md"))
			_, port, _ := net.SplitHostPort(s.addr)
			for _, list := range []struct {
				hosts    []string
				accepted bool
			}{{tc.accepted, true}, {tc.refused, false}} {
				for _, host := range list.hosts {
					host = strings.ReplaceAll(host, "PORT", port)
					for _, e := range endpoints {
						code, stream, body := s.request(t, e.method, e.path, host)
						what := e.method + " " + e.path + " with Host " + host
						switch {
						case list.accepted && code != e.want:
							t.Errorf("%s: status %d, want %d", what, code, e.want)
						case list.accepted && e.path == "/_glossary/events" && !stream:
							t.Errorf("%s: not an event stream", what)
						case list.accepted:
						case code != http.StatusForbidden || stream:
							t.Errorf("%s: status %d (event stream: %v), want 403", what, code, stream)
						case strings.Contains(body, s.cfg.Content) || strings.Contains(body, "Alpha"):
							t.Errorf("%s: the refusal holds what it refuses:\n%s", what, body)
						}
					}
				}
			}
		})
	}
}

// request sends one request with the given Host header and returns the
// status, whether the answer is an event stream, and otherwise the body.
func (s *devServer) request(t *testing.T, method, path, host string) (code int, stream bool, body string) {
	t.Helper()
	// A stream is left unread: it ends only with the server.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, s.url+path, nil)
	must(t, err)
	req.Host = host
	resp, err := s.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s with Host %s: %v", method, path, host, err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") == "text/event-stream" {
		return resp.StatusCode, true, ""
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s with Host %s: reading the body: %v", method, path, host, err)
	}
	return resp.StatusCode, false, string(data)
}
