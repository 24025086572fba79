// Package chromium starts Debian's chromium for the browser tests, the
// same way for every package: headless, sandbox off (CI runs as root), no
// background traffic (the machine has no network), a fresh profile.
//
// Where chromium is missing a test skips and says what to install, except
// under CI=true, where it fails: CI must run the browser tests.
package chromium

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path is where Debian's package installs chromium.
const Path = "/usr/bin/chromium"

// Startup bounds how long a browser may take to start.
const Startup = 60 * time.Second

// Find returns chromium's path, or skips (fails under CI=true) t.
func Find(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(Path); err == nil {
		return Path
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	const msg = "this test needs chromium (" + Path + ", Debian's package chromium); it is not installed"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Start launches a browser with a window of the given size and returns
// the context of its first tab. The browser stops when the test ends.
func Start(t testing.TB, width, height int, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path := Find(t)
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}, extra...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc) // waits for the browser to exit, before its profile goes
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(cancel)
	// The first Do starts the browser and ties its life to the context it
	// gets, so that one has no deadline; the wait for it has.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(ctx) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("starting %s: %v", path, err)
		}
	case <-time.After(Startup):
		t.Fatalf("%s did not start within %v", path, Startup)
	}
	return ctx
}
