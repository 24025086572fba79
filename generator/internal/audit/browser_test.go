package audit_test

// A reader's view of the built site in a real browser: keyboard search,
// the scroll-to-top control, the skip link and focus, narrow screens,
// print, and layout stability.

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusSearch focuses the search input the script has revealed.
func focusSearch() chromedp.Action[chromedp.Void] {
	return chromedp.Focus(chromedp.ID("search-input"), chromedp.NodeVisible)
}

func TestSearchByKeyboard(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, 1200, 900)
	b.open(base + topicPath)

	// "/" from anywhere on the page jumps to the search input.
	b.do("clicking the page body", chromedp.MouseClickXY(5, 400))
	b.pressText("/", "Slash", 191)
	if id := eval[string](b, "focus", `document.activeElement ? document.activeElement.id : ""`); id != "search-input" {
		t.Fatalf(`after pressing "/" the focus is on #%s, want #search-input`, id)
	}
	if v := eval[string](b, "input value", `document.getElementById("search-input").value`); v != "" {
		t.Errorf(`pressing "/" typed %q into the search input`, v)
	}

	b.key("typing a query", "deduct")
	b.waitFor("results for deduct", `document.querySelector("#search-results [role=option]") !== null && !document.getElementById("search-results").hidden`)
	first := eval[string](b, "first result", `document.querySelector("#search-results [role=option] .result-title").textContent`)
	if first != "Deductible" {
		t.Errorf(`the first result for "deduct" is %q, want "Deductible"`, first)
	}
	if e := eval[string](b, "aria-expanded", `document.getElementById("search-input").getAttribute("aria-expanded")`); e != "true" {
		t.Errorf("with results shown the input has aria-expanded=%q, want true", e)
	}
	b.waitFor("the results are announced", `document.getElementById("search-status").textContent.trim() !== ""`)
	status := eval[string](b, "status", `document.getElementById("search-status").textContent`)
	if !strings.Contains(status, "result") {
		t.Errorf("the live region says %q; want it to announce the results", status)
	}
	if live := eval[string](b, "live region", `(() => { const s = document.getElementById("search-status"); return s.getAttribute("role") + "/" + s.getAttribute("aria-live"); })()`); live != "status/polite" {
		t.Errorf("#search-status is %s, want role=status aria-live=polite", live)
	}

	// Escape closes the list and keeps the query.
	b.key("pressing Escape", kb.Escape)
	if hidden := eval[bool](b, "list hidden", `document.getElementById("search-results").hidden`); !hidden {
		t.Error("Escape did not close the results list")
	}
	if e := eval[string](b, "aria-expanded", `document.getElementById("search-input").getAttribute("aria-expanded")`); e != "false" {
		t.Errorf("with the list closed the input has aria-expanded=%q, want false", e)
	}

	// ArrowDown opens it again and selects the first result.
	b.key("pressing ArrowDown", kb.ArrowDown)
	sel := eval[string](b, "selection", `(() => {
		const input = document.getElementById("search-input");
		const opt = document.getElementById(input.getAttribute("aria-activedescendant") || "-");
		if (!opt || document.getElementById("search-results").hidden) return "";
		return opt.getAttribute("aria-selected") + " " + opt.querySelector(".result-title").textContent;
	})()`)
	if sel != "true Deductible" {
		t.Fatalf(`after ArrowDown the active option is %q, want "true Deductible"`, sel)
	}
	if e := eval[string](b, "aria-expanded", `document.getElementById("search-input").getAttribute("aria-expanded")`); e != "true" {
		t.Errorf("after ArrowDown reopened the list the input has aria-expanded=%q, want true", e)
	}

	b.key("pressing Enter", kb.Enter)
	b.waitFor("navigating to the Deductible page", `location.pathname === "/topics/deductible/" && document.readyState === "complete"`)
	if h1 := eval[string](b, "heading", `document.querySelector("h1").textContent`); h1 != "Deductible" {
		t.Errorf("Enter led to a page titled %q, want Deductible", h1)
	}
	b.noConsoleErrors("search")
}

func TestScrollToTop(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, 1200, 800)
	b.open(base + topicPath)

	const shown = `document.getElementById("to-top").classList.contains("shown")`
	if eval[bool](b, "before scrolling", shown) {
		t.Error("#to-top is shown before the reader scrolled")
	}
	if v := eval[string](b, "visibility", `getComputedStyle(document.getElementById("to-top")).visibility`); v != "hidden" {
		t.Errorf("before scrolling #to-top has visibility %q, want hidden", v)
	}
	y := eval[float64](b, "scrolling down", `window.scrollTo({top: 2500, behavior: "instant"}), window.scrollY`)
	if y < 2000 {
		t.Fatalf("could only scroll to %v; is the topic page long enough?", y)
	}
	b.waitFor("#to-top appears", shown)
	b.waitFor("#to-top is visible", `(() => { const s = getComputedStyle(document.getElementById("to-top")); return s.visibility === "visible" && s.opacity === "1"; })()`)
	label := eval[string](b, "label", `document.getElementById("to-top").textContent.trim()`)
	if label != "Scroll to Top" {
		t.Errorf("#to-top says %q, want \"Scroll to Top\"", label)
	}

	b.do("clicking #to-top", chromedp.Click(chromedp.ID("to-top"), chromedp.NodeVisible))
	b.waitFor("back at the top", `window.scrollY === 0`)
	b.waitFor("#to-top hides again", "!"+shown)
	b.noConsoleErrors("scroll to top")
}

func TestSkipLinkAndFocus(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, 1200, 800)
	b.open(base + topicPath)

	b.key("pressing Tab", kb.Tab)
	cls := eval[string](b, "first focus", `document.activeElement.className`)
	if cls != "skip-link" {
		t.Fatalf("the first Tab focuses %q, want the skip link", cls)
	}
	box := eval[[]float64](b, "skip link box", `(() => { const r = document.activeElement.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	if box[0] < 0 || box[1] < 0 || box[2] < 1 || box[3] < 1 || box[0]+box[2] > 1200 {
		t.Errorf("the focused skip link is not on screen: %v", box)
	}
	assertFocusRing(t, b, "the skip link")

	b.key("following the skip link", kb.Enter)
	b.waitFor("focus in main", `document.activeElement && document.activeElement.id === "main"`)
	if h := eval[string](b, "hash", `location.hash`); h != "#main" {
		t.Errorf("the skip link went to %q, want #main", h)
	}
	// The next Tab continues inside main: the first link of the topic.
	b.key("pressing Tab", kb.Tab)
	inMain := eval[bool](b, "focus after skip", `document.getElementById("main").contains(document.activeElement) && document.activeElement.tagName === "A"`)
	if !inMain {
		t.Error("after the skip link, Tab does not focus a link inside main")
	}
	assertFocusRing(t, b, "a link in the topic")
	b.noConsoleErrors("skip link")
}

// assertFocusRing checks that the focused element shows a visible outline.
func assertFocusRing(t *testing.T, b *browser, what string) {
	t.Helper()
	ring := eval[[]string](b, "focus ring", `(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, String(document.activeElement.matches(":focus-visible"))]; })()`)
	if ring[0] == "none" || ring[1] == "0px" || ring[2] != "true" {
		t.Errorf("%s has no visible focus ring: outline %s %s, :focus-visible %s", what, ring[0], ring[1], ring[2])
	}
}

// TestNarrowScreens loads every sample page at 320 CSS pixels: nothing may
// scroll sideways.
func TestNarrowScreens(t *testing.T) {
	pages := samplePages(t)
	base := serveSite(t)
	b := newBrowser(t, 320, 640)
	b.viewport(320, 640)
	for _, name := range sampleNames {
		b.open(base + pages[name])
		w := eval[int](b, "width", `document.documentElement.scrollWidth`)
		if w > 320 {
			wide := eval[[]string](b, "wide elements", `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 320.5).slice(0, 8).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : "") + " " + Math.round(e.getBoundingClientRect().right))`)
			t.Errorf("%s page at 320px: document.documentElement.scrollWidth = %d > 320; too wide: %v", name, w, wide)
		}
	}
	// The open search results must fit too, on a phone and where the
	// stylesheet widens them.
	for _, width := range []int64{320, 768} {
		b.viewport(width, 640)
		b.open(base + homePath)
		b.do("focusing the search", focusSearch())
		b.key("typing a query", "cyber")
		b.waitFor("results", `document.querySelector("#search-results [role=option]") !== null`)
		if w := eval[int64](b, "width", `document.documentElement.scrollWidth`); w > width {
			t.Errorf("home page with search results at %dpx: scrollWidth = %d > %d", width, w, width)
		}
	}
	b.noConsoleErrors("narrow screens")
}

// TestPrint checks the print stylesheet: no navigation, link targets shown.
func TestPrint(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, 1200, 800)
	b.open(base + topicPath)
	ctx, cancel := context.WithTimeout(b.ctx, step)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for _, sel := range []string{".site-header nav", "#search", ".breadcrumb", ".toc", "#to-top", ".skip-link"} {
		d := eval[string](b, "display of "+sel, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? getComputedStyle(e).display : "missing"; })()`, sel))
		if d != "none" && d != "missing" {
			t.Errorf("in print, %s has display %q, want none", sel, d)
		}
	}
	after := eval[string](b, "link target", `getComputedStyle(document.querySelector(".section a[href]"), "::after").content`)
	if !strings.Contains(after, "/topics/") && !strings.Contains(after, "http") {
		t.Errorf("in print, a topic link shows %s after it, want its target", after)
	}
	if bg := eval[string](b, "background", `getComputedStyle(document.body).backgroundColor`); bg != "rgb(255, 255, 255)" {
		t.Errorf("in print the page background is %s, want white", bg)
	}
}

// TestNoLayoutShift loads pages and scrolls them: the layout must not move
// under the reader (no layout-shift entries, in light and dark).
func TestNoLayoutShift(t *testing.T) {
	pages := samplePages(t)
	base := serveSite(t)
	b := newBrowser(t, 1200, 800)
	const cls = `new Promise(done => {
		let sum = 0;
		const sources = [];
		new PerformanceObserver(list => {
			for (const e of list.getEntries()) {
				if (e.hadRecentInput) continue;
				sum += e.value;
				for (const s of e.sources || []) if (s.node) sources.push((s.node.id || s.node.className || s.node.nodeName) + "");
			}
		}).observe({type: "layout-shift", buffered: true});
		window.scrollTo({top: 1500, behavior: "instant"});
		setTimeout(() => done({sum, sources}), 600);
	})`
	for _, scheme := range []string{"light", "dark"} {
		b.colorScheme(scheme)
		for _, name := range []string{"home", "topic", "tag"} {
			b.open(base + pages[name])
			got := eval[struct {
				Sum     float64  `json:"sum"`
				Sources []string `json:"sources"`
			}](b, "layout shifts", cls)
			if got.Sum > 0.001 {
				t.Errorf("%s page (%s): cumulative layout shift %.4f, want 0; shifted: %v", name, scheme, got.Sum, got.Sources)
			}
		}
	}
}
