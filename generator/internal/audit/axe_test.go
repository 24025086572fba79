package audit_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
)

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target         []any  `json:"target"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// runAxe injects axe-core into the page and runs every rule it enables by
// default (WCAG A and AA, and best practices).
func runAxe(b *browser, what, axeSrc string) []axeViolation {
	b.t.Helper()
	eval[bool](b, what+": injecting axe-core", axeSrc+"\n;typeof axe === 'object'")
	return eval[[]axeViolation](b, what+": running axe", `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`)
}

func reportAxe(t *testing.T, what string, vs []axeViolation) {
	t.Helper()
	for _, v := range vs {
		var nodes []string
		for i, n := range v.Nodes {
			if i == 5 {
				nodes = append(nodes, fmt.Sprintf("... and %d more", len(v.Nodes)-5))
				break
			}
			nodes = append(nodes, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " ")))
		}
		t.Errorf("%s: axe %s (%s): %s\n\t%s", what, v.ID, v.Impact, v.Help, strings.Join(nodes, "\n\t"))
	}
}

// TestAxe runs axe-core on the home, a topic, a category and a tag page, in
// the light and the dark color scheme, on the home page with the search
// results open and on a topic page with a definition card open: no
// violations, and no console errors.
func TestAxe(t *testing.T) {
	axePath := nodeModule(t, "axe-core/axe.min.js")
	src, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	pages := samplePages(t)
	base := serveSite(t)
	b := newBrowser(t, 1200, 900)
	total := 0
	for _, scheme := range []string{"light", "dark"} {
		b.colorScheme(scheme)
		for _, name := range sampleNames {
			what := fmt.Sprintf("%s page %s (%s)", name, pages[name], scheme)
			b.open(base + pages[name])
			vs := runAxe(b, what, string(src))
			total += len(vs)
			reportAxe(t, what, vs)
			b.noConsoleErrors(what)
		}
		// The search results are drawn by the script: audit them open.
		what := fmt.Sprintf("home page with search results (%s)", scheme)
		b.open(base + homePath)
		b.do("focusing the search", focusSearch())
		b.key("typing a query", "co")
		b.waitFor(what, `document.querySelectorAll("#search-results [role=option]").length > 1`)
		b.key("selecting a result", kb.ArrowDown)
		vs := runAxe(b, what, string(src))
		total += len(vs)
		reportAxe(t, what, vs)
		b.noConsoleErrors(what)
		// So is a definition card.
		what = fmt.Sprintf("topic page with a definition card open (%s)", scheme)
		b.open(base + topicPath)
		at := eval[[]float64](b, what, fmt.Sprintf(cardLink, ".section p a[href]"))
		b.mouseTo(at[0], at[1])
		b.waitFor(what, `document.querySelector(".card") !== null`)
		vs = runAxe(b, what, string(src))
		total += len(vs)
		reportAxe(t, what, vs)
		b.noConsoleErrors(what)
	}
	t.Logf("axe-core: %d violations over 12 page states (4 pages, the open search and an open card, light and dark)", total)
}
