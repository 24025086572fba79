package audit_test

// The search benchmark: the site's search against Pagefind 1.6.0 on the
// same pages, in the same browser, in one run. `make bench` runs it with
// SEARCH_BENCH=1.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"glossary/generator/internal/chromium"
)

// gzipConf is nginxConf with gzip on, as a host serves a site: the bytes
// a reader's browser receives.
var gzipConf = strings.Replace(nginxConf, "access_log off;", `access_log off;
  gzip on;
  gzip_min_length 0;
  gzip_types text/css text/javascript application/json application/wasm image/svg+xml;`, 1)

// pagefindPage is a page with Pagefind's own search box, at the site root.
const pagefindPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind</title>
<link href="pagefind/pagefind-ui.css" rel="stylesheet">
<script src="pagefind/pagefind-ui.js"></script></head>
<body><main><div id="search"></div></main>
<script>window.addEventListener("DOMContentLoaded", () => new PagefindUI({element: "#search", showSubResults: false, showImages: false}));</script>
</body></html>
`

// engine is a search box under test: where it is, its input, and when it
// shows results for the query typed.
type engine struct {
	name, page, input string
	// done is a JavaScript condition on q, the query typed: the box
	// shows its results.
	done string
	// links lists the result addresses in order.
	links string
	// files tells the search's own files from the page's, by address:
	// those are counted, from the page's load on.
	files func(url string) bool
	// setup runs in the page before its scripts.
	setup string
}

var engines = []engine{
	{name: "ours", page: "", input: "#search-input",
		done: `document.getElementById("search-input").value === q &&
			document.getElementById("search-results").getAttribute("aria-busy") === "false" &&
			document.querySelector("#search-results [role=option]") !== null`,
		links: `[...document.querySelectorAll("#search-results [role=option]")].map(li => new URL(li.getAttribute("data-url"), location.href).href)`,
		files: func(url string) bool { return strings.Contains(url, "/search/") }},
	{name: "Pagefind", page: "pagefind.html", input: ".pagefind-ui__search-input",
		done: `document.querySelector(".pagefind-ui__search-input").value === q &&
			(document.querySelector(".pagefind-ui__message") || {}).textContent?.includes(q) &&
			document.querySelector(".pagefind-ui__result-link") !== null`,
		links: `[...document.querySelectorAll(".pagefind-ui__result-link")].map(a => a.href)`,
		// Its box (pagefind-ui.js and .css) loads with the page, as our
		// site.js does; its search library, WebAssembly, index and
		// fragments count.
		files: func(url string) bool {
			return strings.Contains(url, "/pagefind/") && !strings.Contains(url, "/pagefind-ui.")
		},
		// Its web worker fetches out of the page's sight: without one
		// Pagefind searches on the page, fetching the same files, which
		// the DevTools protocol then counts. The worker's own script
		// (42 KB before compression) is not counted, in Pagefind's favour.
		setup: `delete window.Worker`},
}

// watchJS records, in the page, when the last keystroke came and when the
// box first showed results after it.
func watchJS(e engine, q string) string {
	qj, _ := json.Marshal(q)
	return fmt.Sprintf(`(() => {
		const q = %s;
		const done = () => { try { return !!(%s); } catch (e) { return false; } };
		window.bench = {last: 0, shown: 0};
		document.addEventListener("input", () => { bench.last = performance.now(); bench.shown = 0; }, true);
		new MutationObserver(() => { if (!bench.shown && bench.last && done()) bench.shown = performance.now(); })
			.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
	})()`, qj, e.done)
}

type measure struct {
	bytes      float64 // received from the first keystroke to the first results
	cold, warm float64 // ms from the last keystroke to the results
	requests   int
}

// measureQuery opens the engine's page in a fresh browser profile, types q
// and counts, with the DevTools protocol, the bytes of the search's files
// received from the page's load (some load their code or index early) to
// the first results; then types q again, with the index loaded, for the
// time per keystroke.
func measureQuery(t *testing.T, e engine, base, q string) measure {
	ctx := chromium.Start(t, 1200, 900)
	b := &browser{t: t, ctx: ctx}
	var mu sync.Mutex
	counting := true
	var m measure
	urls := map[network.RequestID]string{}
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			urls[ev.RequestID] = ev.Request.URL
		case *network.EventLoadingFinished:
			if counting && e.files(urls[ev.RequestID]) {
				m.bytes += ev.EncodedDataLength
				m.requests++
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if e.setup != "" {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: e.setup}); err != nil {
			t.Fatal(err)
		}
	}
	b.open(base + e.page)
	b.waitFor("the search box", `document.querySelector("`+e.input+`") !== null`)
	time.Sleep(500 * time.Millisecond) // whatever the page loads after its load event
	b.do("watching", chromedp.Evaluate[chromedp.Void](watchJS(e, q)))
	b.do("focusing "+e.name, chromedp.Evaluate[chromedp.Void](`document.querySelector("`+e.input+`").focus()`))
	b.key("typing "+q, q)
	b.waitFor(e.name+" results for "+q, `window.bench.shown > 0`)
	mu.Lock()
	counting = false
	got := m
	mu.Unlock()
	got.cold = eval[float64](b, "time", `bench.shown - bench.last`)
	b.do("clearing", chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector("`+e.input+`"); i.value = ""; i.dispatchEvent(new Event("input", {bubbles: true})); })()`))
	time.Sleep(500 * time.Millisecond)
	b.do("watching", chromedp.Evaluate[chromedp.Void](`bench.last = 0, bench.shown = 0`))
	b.key("typing "+q+" again", q)
	b.waitFor(e.name+" results for "+q+" again", `window.bench.shown > 0`)
	got.warm = eval[float64](b, "time", `bench.shown - bench.last`)
	return got
}

// relevance runs a query set through the engine's box: MRR over the
// first five results, and the share of right first results.
func relevance(t *testing.T, e engine, base string, queries []query) (mrr, first float64) {
	ctx := chromium.Start(t, 1200, 900)
	b := &browser{t: t, ctx: ctx}
	b.open(base + e.page)
	b.waitFor("the search box", `document.querySelector("`+e.input+`") !== null`)
	for _, q := range queries {
		b.do("watching", chromedp.Evaluate[chromedp.Void](watchJS(e, q.q)))
		b.do("clearing", chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector("`+e.input+`"); i.value = ""; i.focus(); })()`))
		b.key("typing "+q.q, q.q)
		b.waitFor(e.name+" results for "+q.q, `window.bench.shown > 0`)
		if e.name == "Pagefind" {
			time.Sleep(300 * time.Millisecond) // its results arrive one by one
		}
		var slugs []string
		for _, u := range eval[[]string](b, "links", e.links) {
			slugs = append(slugs, slugOf(u))
		}
		rank := slices.Index(slugs[:min(5, len(slugs))], q.want) + 1
		if rank > 0 {
			mrr += 1 / float64(rank)
		}
		if rank == 1 {
			first++
		}
	}
	n := float64(len(queries))
	return mrr / n, first / n
}

// pagefindIndex indexes the topic pages of a built site with Pagefind and
// adds a page with its search box; it returns how long indexing took.
func pagefindIndex(t *testing.T, dir string) time.Duration {
	t.Helper()
	bin := nodeModule(t, ".bin/pagefind")
	start := time.Now()
	out, err := exec.Command(bin, "--site", dir, "--glob", "topics/**/*.html").CombinedOutput()
	if err != nil {
		t.Fatalf("pagefind: %v\n%s", err, out)
	}
	took := time.Since(start)
	if err := os.WriteFile(filepath.Join(dir, "pagefind.html"), []byte(pagefindPage), 0o644); err != nil {
		t.Fatal(err)
	}
	return took
}

// diskSize is the size and number of files under dir.
func diskSize(t *testing.T, dir string) (int64, int) {
	var size int64
	files := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		size += info.Size()
		files++
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return size, files
}

func median(xs []float64) float64 {
	s := slices.Sorted(slices.Values(xs))
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// TestSearchBench compares the site's search with Pagefind on a generated
// glossary of 10,000 topics (SEARCH_BENCH_TOPICS to change it), served by
// nginx with gzip: bytes and time from the first keystroke to the first
// results, with a fresh browser profile per query, over the queries of
// ../shared/bench/search_bytes_queries.tsv; then relevance on the shipped
// glossary's query set, and the size of each index.
func TestSearchBench(t *testing.T) {
	if os.Getenv("SEARCH_BENCH") == "" {
		t.Skip("set SEARCH_BENCH=1 to run the search benchmark: it builds a 10,000-topic glossary and indexes it with Pagefind, several minutes")
	}
	findChromium(t)
	shared := filepath.Join(repoRoot, "..", "shared", "bench")
	topics := os.Getenv("SEARCH_BENCH_TOPICS")
	if topics == "" {
		topics = "10000"
	}
	corpus := filepath.Join(tmpRoot, "bench-corpus")
	if out, err := exec.Command("python3", filepath.Join(shared, "gen_corpus.py"), topics, corpus).CombinedOutput(); err != nil {
		t.Fatalf("generating the corpus: %v\n%s", err, out)
	}
	start := time.Now()
	big := buildSite(t, filepath.Join(corpus, "content"), "bench")
	buildTime := time.Since(start)
	oursSize, oursFiles := diskSize(t, filepath.Join(big, "search"))
	pfTime := pagefindIndex(t, big)
	pfSize, pfFiles := diskSize(t, filepath.Join(big, "pagefind"))
	base := startNginxWith(t, big, gzipConf)

	bq := readQueries(t, filepath.Join(shared, "search_bytes_queries.tsv"))
	type series struct{ bytes, cold, warm []float64 }
	results := map[string]*series{}
	for _, e := range engines {
		s := &series{}
		results[e.name] = s
		for _, q := range bq {
			t.Run(e.name+"/"+q.q, func(t *testing.T) {
				m := measureQuery(t, e, base, q.q)
				t.Logf("%-9s %-20q %7.1f KiB in %2d requests, %6.1f ms; loaded: %5.1f ms", e.name, q.q, m.bytes/1024, m.requests, m.cold, m.warm)
				s.bytes = append(s.bytes, m.bytes/1024)
				s.cold = append(s.cold, m.cold)
				s.warm = append(s.warm, m.warm)
			})
		}
	}

	// Relevance: the shipped glossary, indexed by both.
	shipped := buildSite(t, filepath.Join(repoRoot, "content"), "bench-shipped")
	pagefindIndex(t, shipped)
	sbase := serveDir(t, shipped) + "/"
	queries := readQueries(t, filepath.Join("testdata", "search_queries.tsv"))
	mrr, first := map[string]float64{}, map[string]float64{}
	for _, e := range engines {
		mrr[e.name], first[e.name] = relevance(t, e, sbase, queries)
	}

	o, p := results["ours"], results["Pagefind"]
	if len(o.bytes) == 0 || len(p.bytes) == 0 {
		t.Fatal("no measurements")
	}
	var tab strings.Builder
	w := bufio.NewWriter(&tab)
	fmt.Fprintf(w, "\n%s topics, nginx with gzip, fresh chromium profile per query, %d queries\n", topics, len(bq))
	fmt.Fprintf(w, "| | ours | Pagefind 1.6.0 |\n| --- | --- | --- |\n")
	fmt.Fprintf(w, "| KiB of the search's files to the first results, median | %.1f | %.1f |\n", median(o.bytes), median(p.bytes))
	fmt.Fprintf(w, "| KiB, largest | %.1f | %.1f |\n", slices.Max(o.bytes), slices.Max(p.bytes))
	fmt.Fprintf(w, "| ms from last keystroke to results, cold, median | %.0f | %.0f |\n", median(o.cold), median(p.cold))
	fmt.Fprintf(w, "| ms per keystroke, index loaded, median | %.0f | %.0f |\n", median(o.warm), median(p.warm))
	fmt.Fprintf(w, "| MRR@5, %d queries on the shipped glossary | %.3f | %.3f |\n", len(queries), mrr["ours"], mrr["Pagefind"])
	fmt.Fprintf(w, "| first result right | %.3f | %.3f |\n", first["ours"], first["Pagefind"])
	fmt.Fprintf(w, "| index on disk | %.1f MiB, %d files | %.1f MiB, %d files |\n", float64(oursSize)/(1<<20), oursFiles, float64(pfSize)/(1<<20), pfFiles)
	fmt.Fprintf(w, "| indexing time | in the build (whole build %.1f s) | %.1f s after the build |\n", buildTime.Seconds(), pfTime.Seconds())
	w.Flush()
	t.Log(tab.String())

	if med := median(o.bytes); med > 64 {
		t.Errorf("median %.1f KiB to the first results, want at most 64", med)
	}
	if mx := slices.Max(o.bytes); mx > 150 {
		t.Errorf("a query took %.1f KiB, want at most 150", mx)
	}
	if median(o.bytes) > median(p.bytes)/3 {
		t.Errorf("median %.1f KiB, want at most a third of Pagefind's %.1f", median(o.bytes), median(p.bytes))
	}
	if mrr["ours"] <= mrr["Pagefind"] {
		t.Errorf("MRR@5 %.3f, not above Pagefind's %.3f", mrr["ours"], mrr["Pagefind"])
	}
}
