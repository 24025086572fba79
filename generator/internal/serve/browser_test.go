package serve_test

// A real browser on a page of the dev server: it must reload after a good
// build at the same scroll position, and show the build errors over the
// page after a failed one until the next good build.

import (
	"bytes"
	"context"
	"fmt"
	"glossary/generator/internal/chromium"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// findChromium returns Debian's chromium, or skips the test without it
// (fails it on CI, which must have it).

// tab is one browser tab on the dev server.
type tab struct {
	t   *testing.T
	ctx context.Context
	// streams receives the URL of every event stream the page opens.
	streams chan string
	mu      sync.Mutex
	errs    []string // uncaught exceptions on the page
}

func openTab(t *testing.T) *tab {
	t.Helper()
	ctx := chromium.Start(t, 1000, 700)
	b := &tab{t: t, ctx: ctx, streams: make(chan string, 16)}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventResponseReceived:
			if strings.HasSuffix(ev.Response.URL, "/_glossary/events") {
				select {
				case b.streams <- ev.Response.URL:
				default:
				}
			}
		case *runtime.EventExceptionThrown:
			b.mu.Lock()
			b.errs = append(b.errs, ev.ExceptionDetails.Text)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		for _, e := range b.errs {
			t.Errorf("uncaught exception on the page: %s", e)
		}
	})
	return b
}

// do runs actions with a deadline.
func (b *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, settle)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression.
func eval[T any](b *tab, expr string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr))
}

// waitFor evaluates expr until it is true. Unlike chromedp.Poll it
// survives the page reloading meanwhile, which is what it waits for.
func (b *tab) waitFor(what, expr string) {
	b.t.Helper()
	deadline := time.Now().Add(settle)
	for {
		ok, err := eval[bool](b, expr)
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			text, _ := eval[string](b, "document.body && document.body.innerText.slice(0, 500)")
			b.t.Fatalf("%s: %s not true within %v (last error: %v); the page shows:\n%s", what, expr, settle, err, text)
		}
		time.Sleep(20 * time.Millisecond) // the browser's own pace, not a build's
	}
}

// streamOpened waits until the page has opened its live-reload stream, so
// that no build event can come before it listens.
func (b *tab) streamOpened(what string) {
	b.t.Helper()
	select {
	case <-b.streams:
	case <-time.After(settle):
		b.t.Fatalf("%s: the page opened no event stream within %v", what, settle)
	}
}

func (b *tab) drainStreams() {
	for {
		select {
		case <-b.streams:
		default:
			return
		}
	}
}

func TestBrowserLiveReload(t *testing.T) {
	b := openTab(t)
	long := func(d def) string {
		var body bytes.Buffer
		body.WriteString(d.body)
		for i := range 80 {
			fmt.Fprintf(&body, "\n\nFiller paragraph %d keeps the page long enough to scroll through.", i)
		}
		d.body = body.String()
		return d.String()
	}
	files := baseSite()
	files["alpha.md"] = long(alpha)
	s := start(t, files, 0)

	b.drainStreams()
	b.do("opening the topic page", chromedp.Navigate(s.url+"/topics/alpha/"))
	b.waitFor("first load", `document.body.innerText.includes("Alpha text v0")`)
	b.streamOpened("first load")

	const y = 1500
	// The site's style scrolls smoothly; this jump must not.
	scrolled, err := eval[float64](b, fmt.Sprintf(`window.scrollTo({top: %d, behavior: "instant"}), window.scrollY`, y))
	if err != nil || scrolled != y {
		t.Fatalf("scrolling to %d: at %v, %v; is the page long enough?", y, scrolled, err)
	}
	b.do("marking the page", chromedp.Evaluate[chromedp.Void]("window.notReloaded = true"))

	// A good edit: the tab reloads, at the same place.
	edited := alpha
	edited.body = "Alpha text v1 seen in the browser, related to [Beta Term](beta.md)."
	b.drainStreams()
	s.write("alpha.md", long(edited))
	b.waitFor("after an edit", `!window.notReloaded && document.readyState === "complete" && document.body.innerText.includes("Alpha text v1 seen in the browser")`)
	b.waitFor("scroll position after the reload", fmt.Sprintf("Math.abs(window.scrollY - %d) < 50", y))
	b.streamOpened("after the reload")

	// A broken link: the errors show over the page, which stays.
	b.do("marking the page", chromedp.Evaluate[chromedp.Void]("window.notReloaded = true"))
	broken := edited
	broken.body = "Alpha text v2 is broken.\n\nIt links to [a missing topic](missing.md)."
	src := long(broken)
	line, col := linkPos(t, src, "missing.md")
	pos := fmt.Sprintf("%s:%d:%d", s.contentPath("alpha.md"), line, col)
	s.write("alpha.md", src)
	b.do("waiting for the error overlay", chromedp.WaitVisible(chromedp.ID("glossary-build-errors")))
	overlay, err := eval[string](b, `document.getElementById("glossary-build-errors").innerText`)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(overlay, pos+": link to missing topic") {
		t.Errorf("the overlay says:\n%s\nwant it to name %s", overlay, pos)
	}
	if ok, err := eval[bool](b, `window.notReloaded && document.body.innerText.includes("Alpha text v1")`); err != nil || !ok {
		t.Errorf("the page reloaded after a failed build (%v); it should stay as it was", err)
	}

	// Fixed: the tab reloads and the overlay is gone.
	fixed := edited
	fixed.body = "Alpha text v3 after the fix, related to [Beta Term](beta.md)."
	s.write("alpha.md", long(fixed))
	b.waitFor("after the fix", `!window.notReloaded && document.readyState === "complete" && document.body.innerText.includes("Alpha text v3 after the fix")`)
	b.waitFor("overlay after the fix", `document.getElementById("glossary-build-errors") === null`)
}
