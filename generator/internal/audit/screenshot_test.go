package audit_test

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// screenshotWidth is the width of the screenshots, in CSS pixels.
const screenshotWidth = 1200

// TestScreenshots takes full-page screenshots of a topic page in the light
// and the dark color scheme, and one of the window with a definition card
// open. With UPDATE_SCREENSHOTS=1 it writes them to docs/screenshot-light.png,
// docs/screenshot-dark.png and docs/screenshot-card.png; otherwise to a
// temporary folder, checking only that they are images of the page that
// differ between the schemes.
func TestScreenshots(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, screenshotWidth, 900)
	dir := t.TempDir()
	update := os.Getenv("UPDATE_SCREENSHOTS") == "1"
	if update {
		dir = filepath.Join(repoRoot, "docs")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	shots := map[string][]byte{}
	for _, scheme := range []string{"light", "dark"} {
		b.colorScheme(scheme)
		b.open(base + topicPath)
		eval[bool](b, "fonts", `document.fonts.ready.then(() => true)`)
		ctx, cancel := chromedpTimeout(b)
		img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		cancel()
		if err != nil {
			t.Fatalf("screenshot (%s): %v", scheme, err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(img))
		if err != nil {
			t.Fatalf("screenshot (%s) is not a PNG: %v", scheme, err)
		}
		if cfg.Width != screenshotWidth || cfg.Height < 900 {
			t.Errorf("screenshot (%s) is %dx%d, want %d wide and a full page tall", scheme, cfg.Width, cfg.Height, screenshotWidth)
		}
		p := filepath.Join(dir, "screenshot-"+scheme+".png")
		if err := os.WriteFile(p, img, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%dx%d, %d bytes)", p, cfg.Width, cfg.Height, len(img))
		shots[scheme] = img
	}
	// A definition card, open over a topic's text: the viewport only,
	// as a reader sees it.
	b.colorScheme("light")
	b.open(base + topicPath)
	at := eval[[]float64](b, "a term link", fmt.Sprintf(cardLink, ".section p a[href]"))
	b.mouseTo(at[0], at[1])
	b.waitFor("the card", `document.querySelector(".card") !== null`)
	ctx, cancel := chromedpTimeout(b)
	img, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	cancel()
	if err != nil {
		t.Fatalf("screenshot of a card: %v", err)
	}
	p := filepath.Join(dir, "screenshot-card.png")
	if err := os.WriteFile(p, img, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", p, len(img))
	if bytes.Equal(shots["light"], shots["dark"]) {
		t.Error("the light and dark screenshots are identical: the dark scheme changes nothing")
	}
	b.noConsoleErrors("screenshots")
}
