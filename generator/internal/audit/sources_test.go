package audit_test

import (
	"strings"
	"testing"
)

// A term defined in law says so, with the instrument's name, in search
// results as on its page and in the A–Z list.
func TestSearchShowsDefinedInLaw(t *testing.T) {
	base := serveSite(t)
	b := newBrowser(t, 1200, 900)
	b.open(base + topicPath)
	b.do("focusing the search", focusSearch())
	b.key("typing a query", "subrogation")
	b.waitFor("results for subrogation", `document.querySelector("#search-results [role=option] .law-mark") !== null`)
	// The option as read after its kicker.
	got := eval[string](b, "first result", `[...document.querySelector("#search-results [role=option]").children]
		.filter(e => !e.classList.contains("result-kicker")).map(e => e.textContent).join("")`)
	if !strings.HasPrefix(got, "SubrogationDefined in law: Marine Insurance Act 1906") {
		t.Errorf("the first result for subrogation reads %q, want its title and the law that defines it", got)
	}
	b.open(base)
	mark := eval[string](b, "A–Z marker", `(() => { const a = document.querySelector('#letter-s ~ ul a[href$="topics/subrogation/"]'); return a ? a.parentNode.querySelector(".law-mark").textContent : ""; })()`)
	if mark != "Defined in law: Marine Insurance Act 1906" {
		t.Errorf("the A–Z entry of subrogation marks %q, want the law that defines it", mark)
	}
}
