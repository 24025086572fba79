package audit_test

import (
	"context"
	"fmt"
	"glossary/generator/internal/chromium"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// step bounds one browser step: a navigation, a query, a wait.
const step = 20 * time.Second

// browser is one headless chromium tab.
type browser struct {
	t   testing.TB
	ctx context.Context

	mu   sync.Mutex
	errs []string // console errors, uncaught exceptions, failed loads
}

// newBrowser starts chromium with a window of the given size. It records
// every console error and uncaught exception; consoleErrors returns them.
func newBrowser(t testing.TB, width, height int) *browser {
	t.Helper()
	ctx := chromium.Start(t, width, height, chromedp.Flag("hide-scrollbars", true))
	b := &browser{t: t, ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg = "uncaught exception: " + d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				msg = fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
			}
		}
		if msg != "" {
			b.mu.Lock()
			b.errs = append(b.errs, msg)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// consoleErrors returns and forgets the errors recorded so far.
func (b *browser) consoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	errs := b.errs
	b.errs = nil
	return errs
}

// noConsoleErrors fails the test for every error the page logged.
func (b *browser) noConsoleErrors(where string) {
	b.t.Helper()
	for _, e := range b.consoleErrors() {
		b.t.Errorf("%s: %s", where, e)
	}
}

// do runs actions with a deadline.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression (awaiting it when it is a
// promise) and decodes its value.
func eval[T any](b *browser, what, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: evaluating %.200s: %v", what, expr, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds.
func (b *browser) waitFor(what, expr string) {
	b.t.Helper()
	deadline := time.Now().Add(step)
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s: %s not true within %v (last error: %v)", what, expr, step, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// colorScheme emulates prefers-color-scheme: "light" or "dark".
func (b *browser) colorScheme(scheme string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		b.t.Fatalf("emulating prefers-color-scheme: %s: %v", scheme, err)
	}
}

// open navigates to url and waits for the page and its fonts to settle.
func (b *browser) open(url string) {
	b.t.Helper()
	b.do("opening "+url, chromedp.Navigate(url))
	b.waitFor("loading "+url, `document.readyState === "complete"`)
}

// key sends key events to the focused element.
func (b *browser) key(what, keys string) {
	b.t.Helper()
	b.do(what, chromedp.KeyEvent(keys))
}

// pressText presses a printable key the way a keyboard does: one keyDown
// that carries its text, so that a page that cancels the keydown (as the
// "/" shortcut does) also cancels the typing, then keyUp. KeyEvent sends
// the text in a separate char event, which no keydown handler can cancel.
func (b *browser) pressText(key, code string, keyCode int64) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	down := input.DispatchKeyEventParams{
		Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: key, UnmodifiedText: key,
		WindowsVirtualKeyCode: keyCode, NativeVirtualKeyCode: keyCode,
	}
	up := down
	up.Type, up.Text, up.UnmodifiedText = input.DispatchKeyEventTypeKeyUp, "", ""
	for _, ev := range []input.DispatchKeyEventParams{down, up} {
		if _, err := chromedp.Call(ctx, input.DispatchKeyEvent, ev); err != nil {
			b.t.Fatalf("pressing %s: %v", key, err)
		}
	}
}

// viewport resizes the page's viewport.
func (b *browser) viewport(width, height int64) {
	b.t.Helper()
	b.do(fmt.Sprintf("setting a %dx%d viewport", width, height), chromedp.EmulateViewport(width, height))
}

// chromedpTimeout returns the browser's context with a step's deadline.
func chromedpTimeout(b *browser) (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.ctx, step)
}
