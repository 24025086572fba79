package serve_test

// What the README promises of rebuilds: one save, or one burst of saves,
// ends in one rebuild on the last version of every file; a rebuild
// renders only the pages the change affects; each rebuild prints one
// line; a reached inotify limit is explained.

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"glossary/generator/internal/serve"
)

// Timings for the tests that count builds. The watcher batches events
// until none has come for its quiet period. Real editors and
// search-and-replace tools write a burst within microseconds, far inside
// the 30 ms default; but a test on a loaded machine (two cores, the race
// detector, parallel tests) can be paused for longer than that in the
// middle of its own burst, which would then rightly count as two. These
// tests widen the window, so that only a broken batcher splits a burst.
const (
	wideQuiet    = 250 * time.Millisecond
	wideMaxDelay = 3 * time.Second
	pollEvery    = 20 * time.Millisecond
	// stepPause is the pause in the middle of saveInSteps: longer than
	// two poll intervals, so that a poll surely sees the half-written
	// file, and well inside wideQuiet.
	stepPause = 50 * time.Millisecond
)

// wideBatches is an option for start: the quiet period and longest
// delay above.
func wideBatches(_ *serve.Options, t *serve.Tuning) {
	t.Quiet, t.MaxDelay = wideQuiet, wideMaxDelay
}

// modes are the two ways serve finds changes.
var modes = []struct {
	name string
	poll time.Duration
}{{"events", 0}, {"poll", pollEvery}}

// saveByRename writes p as editors that save atomically do: the new
// version is written beside it and renamed over it, so it appears whole.
func saveByRename(t *testing.T, p, src string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".tmp")
	must(t, os.WriteFile(tmp, []byte(src), 0o644))
	must(t, os.Rename(tmp, p))
}

// saveInSteps writes p in place, as editors that do not save by rename
// do, in steps: truncate, the first half, a pause, the rest. Whatever
// looks at the file during the pause sees it half-written.
func saveInSteps(t *testing.T, p, src string, pause time.Duration) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_TRUNC, 0)
	must(t, err)
	_, err = f.WriteString(src[:len(src)/2])
	must(t, err)
	time.Sleep(pause)
	_, err = f.WriteString(src[len(src)/2:])
	must(t, err)
	must(t, f.Close())
}

// logSince is what the server logged after mark, a length of its log.
func (s *devServer) logSince(mark int) string {
	return s.log.String()[mark:]
}

// noMoreBuilds checks that no build follows the ones taken from s.builds
// so far, whose last log line ends at mark, without waiting for an
// absence. A polling server is let look at the files four more times: it
// reports each look after the rebuild the look caused, so a rebuild still
// due has been reported by then. A server that watches events gets one
// more change, a static file saved by rename: batches keep the order of
// events, so a rebuild still due comes first or joins the file's batch,
// and either way the log after mark is not the file's line alone.
func (s *devServer) noMoreBuilds(t *testing.T, mark int) {
	t.Helper()
	if s.poll > 0 {
		for len(s.looks) > 0 {
			<-s.looks
		}
		// The first may be the end of the look that did the last build.
		for range 4 {
			select {
			case <-s.looks:
			case <-time.After(settle):
				t.Fatalf("the server did not look at the files within %v", settle)
			}
		}
		select {
		case o := <-s.builds:
			t.Errorf("a build ran although no file changed since the last one (error: %v); the log after it:\n%s", o.err, s.logSince(mark))
		default:
		}
		return
	}
	p := filepath.Join(s.cfg.Static, "sentinel.txt")
	saveByRename(t, p, fmt.Sprintf("sentinel %d\n", mark))
	o := s.next()
	// On a broken site its build fails too.
	want := fmt.Sprintf("%s changed: 1 page written in %d ms\n", p, o.res.Duration.Milliseconds())
	if o.err != nil {
		want = fmt.Sprintf("%s changed: build failed; still serving the last good site\n%v\n", p, o.err)
	}
	if got := s.logSince(mark); got != want {
		t.Errorf("a build ran although no file changed since the last one; the log after it:\n%s\nwant only:\n%s", got, want)
	}
}

// TestServeOneSaveOneBuild saves a topic or the settings in steps, with a
// pause in the middle, and checks that the save ends in one build, of the
// whole file, also when the new version breaks the site. The pause is
// where a poll would see the file half-written; reading it then would
// build it half-written, or, if the read came after the write, remember
// the half-written size and time for a file read whole and build again
// at the next poll (the flaky TestServePollIdle of issue 18).
func TestServeOneSaveOneBuild(t *testing.T) {
	edited := alpha
	edited.body = "Alpha text v1 relates to [Beta Term](beta.md)."
	for _, mode := range modes {
		for _, tc := range []struct {
			name, rel, src string
			// want is the build's error, empty for a good build.
			want string
		}{
			{"good edit", "alpha.md", edited.String(), ""},
			{"broken topic", "alpha.md", "---\ntitle: Alpha Term\n---\n", `missing required front matter key "summary"`},
			{"broken link", "alpha.md", strings.Replace(alpha.String(), "beta.md", "missing.md", 1), "link to missing topic"},
			{"broken settings", "_index.md", strings.Replace(settings, "base_url:", "colour: red\nbase_url:", 1), `unknown front matter key "colour"`},
		} {
			t.Run(mode.name+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				s := start(t, baseSite(), mode.poll, wideBatches)
				saveInSteps(t, s.contentPath(tc.rel), tc.src, stepPause)
				o := s.next()
				mark := len(s.log.String())
				switch {
				case tc.want == "" && o.err != nil:
					t.Fatalf("the first build after the save failed: %v", o.err)
				case tc.want != "" && (o.err == nil || !strings.Contains(o.err.Error(), tc.want)):
					t.Fatalf("the first build after the save: error %v; want one holding %q", o.err, tc.want)
				case tc.want == "" && !s.shows("/topics/alpha/", "Alpha text v1")():
					t.Fatalf("the first build after the save does not show its last version")
				}
				s.noMoreBuilds(t, mark)
			})
		}
	}
}

// TestServeBurst runs the search-and-replace the README describes: a
// phrase replaced in fifty topic files, each rewritten in place, one
// after the other as fast as they go. The burst must end in exactly one
// build, on the last version of every file.
func TestServeBurst(t *testing.T) {
	const n = 50
	files := baseSite()
	name := func(i int) string { return fmt.Sprintf("term-%02d", i) }
	for i := range n {
		files[name(i)+".md"] = def{fmt.Sprintf("Term %02d", i), "A term of the burst.", "Claims", "",
			"It follows the old wording of the clause."}.String()
	}
	for _, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			t.Parallel()
			s := start(t, files, mode.poll, wideBatches)
			mark := len(s.log.String())
			for i := range n {
				p := s.contentPath(name(i) + ".md")
				must(t, os.WriteFile(p, []byte(strings.Replace(files[name(i)+".md"], "old wording", "new wording", 1)), 0o644))
			}
			o := s.next()
			if o.err != nil {
				t.Fatalf("the build after the burst failed: %v", o.err)
			}
			var stale []string
			for i := range n {
				if !s.shows("/topics/"+name(i)+"/", "new wording")() {
					stale = append(stale, name(i)+".md")
				}
			}
			if len(stale) > 0 {
				t.Errorf("the first build after the burst does not show the last version of %s", strings.Join(stale, ", "))
			}
			// The batch named every file: the first written, and the others.
			if mode.poll == 0 {
				want := fmt.Sprintf("%s and %d more changed: %d pages written in %d ms\n",
					s.contentPath(name(0)+".md"), n-1, o.res.Written, o.res.Duration.Milliseconds())
				if got := s.logSince(mark); got != want {
					t.Errorf("the build after the burst logged:\n%s\nwant:\n%s", got, want)
				}
			}
			s.noMoreBuilds(t, len(s.log.String()))
		})
	}
}

// TestServeRendersOnlyAffected checks, for each kind of edit, which output
// files the rebuild renders again (Result.Written counts them), and which
// of those change. The site is the one of serve_test.go: Beta and Gamma
// link to Alpha, Alpha to Beta; Alpha alone is in Policy Structure; Alpha
// and Beta are tagged limits; Delta stands alone. Search files are
// fingerprinted by their bytes, so they are rendered only when they
// change.
func TestServeRendersOnlyAffected(t *testing.T) {
	editAlpha := func(change func(*def)) func(*devServer) {
		return func(s *devServer) {
			d := alpha
			change(&d)
			saveByRename(t, s.contentPath("alpha.md"), d.String())
		}
	}
	for _, tc := range []struct {
		name string
		edit func(*devServer)
		// changed are the output files whose bytes the edit changes; same
		// the others rendered again, to the same bytes. all: every page
		// is rendered again.
		changed, same []string
		all           bool
	}{
		{
			name: "body edit, same words",
			edit: editAlpha(func(d *def) { d.body = strings.Replace(d.body, "Alpha text v0", "Alpha *text* v0", 1) }),
			// Only the topic's own page shows its body, and its words
			// are the same, so no search file changes.
			changed: []string{"topics/alpha/index.html"},
		},
		{
			name: "body edit, new word",
			edit: editAlpha(func(d *def) { d.body = strings.Replace(d.body, "Alpha text v0", "Alpha text v0 zebra", 1) }),
			// The new word is indexed in the search shard of its first
			// two letters, ze.json; that shard is new, so meta.json,
			// which lists the shards, changes too. The edit is in the
			// Definition's first paragraph, which the SKOS and JSON
			// exports carry as the scope note.
			changed: []string{"search/meta.json", "search/terms/ze.json", "topics/alpha/index.html",
				"glossary.json", "glossary.jsonld", "glossary.ttl"},
			// The exports share one fingerprint, so the CSV and TBX,
			// which have no scope note, are rendered again; so is the
			// home page, which lists their sizes (rounded, the same).
			same: []string{"glossary.csv", "glossary.tbx", "index.html"},
		},
		{
			name: "title change",
			edit: editAlpha(func(d *def) { d.title = "Aardvark Term" }),
			changed: []string{
				// Its page; Beta's and Gamma's, which list it by title
				// among their links and backlinks.
				"topics/alpha/index.html", "topics/beta/index.html", "topics/gamma/index.html",
				// The lists that hold it: the A–Z list on the home page,
				// its category and its tag.
				"index.html", "categories/policy-structure/index.html", "tags/limits/index.html",
				// Search: titles are in the docs file; "aardvark" is a
				// new word in a new shard, listed in meta.json; "alpha"
				// left the title, so its weight in al.json fell.
				"search/docs-0.json", "search/meta.json", "search/terms/aa.json", "search/terms/al.json",
				// Every export names every term.
				"glossary.csv", "glossary.json", "glossary.jsonld", "glossary.tbx", "glossary.ttl",
			},
			same: []string{
				// Auto-linking looks for every title, so every topic page
				// is rendered again; nothing in Delta names Aardvark.
				"topics/delta/index.html",
				// Both follow the A–Z list, but the sitemap lists
				// addresses, and the feed only topics with an updated
				// date, which none of these has.
				"sitemap.xml", "feed.xml",
			},
		},
		{
			name: "summary change",
			edit: editAlpha(func(d *def) { d.summary = "Alpha summary, revised." }),
			changed: []string{
				// Lists show summaries: the pages that link to or from
				// Alpha, the A–Z list, its category and its tag.
				"topics/alpha/index.html", "topics/beta/index.html", "topics/gamma/index.html",
				"index.html", "categories/policy-structure/index.html", "tags/limits/index.html",
				// Summaries are in the docs file; "revised" joins the
				// existing re.json.
				"search/docs-0.json", "search/terms/re.json",
				// Every export holds each term's definition.
				"glossary.csv", "glossary.json", "glossary.jsonld", "glossary.tbx", "glossary.ttl",
			},
			// Summaries are not in these (as above).
			same: []string{"sitemap.xml", "feed.xml"},
		},
		{
			name: "template change",
			edit: func(s *devServer) {
				p := filepath.Join(s.cfg.Templates, "topic.html")
				old, err := os.ReadFile(p)
				must(t, err)
				const open = `{{define "main"}}`
				if !bytes.HasPrefix(old, []byte(open)) {
					t.Fatalf("%s does not start with %s", p, open)
				}
				saveByRename(t, p, open+`<p class="edited"></p>`+string(old[len(open):]))
			},
			// The templates are part of every page's fingerprint, so
			// every page is rendered again; only topic pages use
			// topic.html.
			changed: []string{"topics/alpha/index.html", "topics/beta/index.html", "topics/delta/index.html", "topics/gamma/index.html"},
			all:     true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := start(t, baseSite(), 0)
			before := readTree(t, s.cfg.Out)
			// A save by rename is one event that matters, so one build,
			// whatever the timing.
			tc.edit(s)
			o := s.next()
			if o.err != nil {
				t.Fatalf("build after the edit: %v", o.err)
			}
			changed := changedFiles(before, readTree(t, s.cfg.Out))
			want := slices.Sorted(slices.Values(tc.changed))
			if !slices.Equal(changed, want) {
				t.Errorf("files changed:\n\t%s\nwant:\n\t%s", strings.Join(changed, "\n\t"), strings.Join(want, "\n\t"))
			}
			written := len(tc.changed) + len(tc.same)
			if tc.all {
				written = o.res.Pages
			}
			if o.res.Written != written {
				t.Errorf("Result.Written = %d, want %d (Result %+v)", o.res.Written, written, o.res)
			}
		})
	}
}

// changedFiles lists the files that differ between two readTree results.
func changedFiles(before, after map[string]string) []string {
	var out []string
	for name, data := range after {
		if old, ok := before[name]; (!ok || old != data) && !strings.HasSuffix(name, "/") {
			out = append(out, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// TestServeLog checks the line printed for each build: what changed, how
// many pages were written and how long it took; or that the build failed,
// followed by its errors.
func TestServeLog(t *testing.T) {
	// The same words: one page written, no search file.
	edited := alpha
	edited.body = strings.Replace(alpha.body, "Alpha text v0", "Alpha *text* v0", 1)
	broken := alpha
	broken.body = "Alpha text v1 links to [a missing topic](missing.md)."
	for _, tc := range []struct {
		name string
		poll time.Duration
		src  string
		want func(s *devServer, o outcome) string
	}{
		{"edit", 0, edited.String(), func(s *devServer, o outcome) string {
			return fmt.Sprintf("%s changed: 1 page written in %d ms\n", s.contentPath("alpha.md"), o.res.Duration.Milliseconds())
		}},
		{"failed build", 0, broken.String(), func(s *devServer, o outcome) string {
			return fmt.Sprintf("%s changed: build failed; still serving the last good site\n%v\n", s.contentPath("alpha.md"), o.err)
		}},
		// Polling does not know which file changed.
		{"edit found by polling", pollEvery, edited.String(), func(s *devServer, o outcome) string {
			return fmt.Sprintf("change: 1 page written in %d ms\n", o.res.Duration.Milliseconds())
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, first := launch(t, baseSite(), tc.poll)
			_, port, _ := net.SplitHostPort(s.addr)
			want := fmt.Sprintf("initial build: %d pages written in %d ms\nserving %s at http://localhost:%s (Ctrl+C to stop)\n",
				first.res.Written, first.res.Duration.Milliseconds(), s.cfg.Out, port)
			if got := s.log.String(); got != want {
				t.Errorf("log at start:\n%s\nwant:\n%s", got, want)
			}
			mark := len(s.log.String())
			saveByRename(t, s.contentPath("alpha.md"), tc.src)
			o := s.next()
			if got, want := s.logSince(mark), tc.want(s, o); got != want {
				t.Errorf("log after the save:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestServeWatchLimit fakes the kernel's answer when the inotify limits
// are reached, which comes when a watch is added: serve must say how to
// raise them, or to use -poll. At start it cannot serve and returns the
// advice; for a folder made later it logs the advice and keeps serving.
func TestServeWatchLimit(t *testing.T) {
	advice := []string{
		"the system's inotify limit is reached",
		"sudo sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512",
		"/etc/sysctl.d/",
		"or run serve with -poll 500ms",
	}
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EMFILE} {
		t.Run("at start/"+errno.Error(), func(t *testing.T) {
			t.Parallel()
			cfg := newSite(t, baseSite())
			opts := serve.Tune(serve.Options{Config: cfg, Addr: "127.0.0.1:0", Ready: func(string) {
				t.Errorf("serve listened although it cannot watch the site")
			}}, serve.Tuning{WatchErr: func(string) error { return errno }})
			err := serve.Run(t.Context(), opts)
			if err == nil {
				t.Fatalf("serve.Run returned nil, want the inotify advice")
			}
			for _, a := range advice {
				if !strings.Contains(err.Error(), a) {
					t.Errorf("serve.Run's error:\n%v\nwant it to hold %q", err, a)
				}
			}
		})
	}

	t.Run("folder made later", func(t *testing.T) {
		t.Parallel()
		logged := make(chan string, 100)
		var extra string
		s := start(t, baseSite(), 0, func(o *serve.Options, tu *serve.Tuning) {
			extra = filepath.Join(o.Content, "extra")
			o.Log = lineWriter{o.Log, logged}
			tu.WatchErr = func(dir string) error {
				if dir == extra {
					return syscall.ENOSPC
				}
				return nil
			}
		})
		s.change("topic written in a new folder that cannot be watched",
			func() {
				// The folder arrives with its topic already in it (made
				// aside, then renamed in), as its watch fails and only
				// the rescan that follows can find the topic.
				aside := filepath.Join(t.TempDir(), "extra")
				writeFile(t, filepath.Join(aside, "epsilon.md"), def{"Epsilon Term", "Epsilon summary.", "Claims", "", "Epsilon text v0."}.String())
				must(t, os.Rename(aside, extra))
			},
			succeeded(s.shows("/topics/epsilon/", "Epsilon text v0")))
		deadline := time.After(settle)
		for {
			select {
			case text := <-logged:
				if !strings.HasPrefix(text, "watch: ") {
					continue
				}
				for _, a := range advice {
					if !strings.Contains(text, a) {
						t.Errorf("logged:\n%s\nwant it to hold %q", text, a)
					}
				}
				return
			case <-deadline:
				t.Fatalf("no watch error logged within %v", settle)
			}
		}
	})
}

// lineWriter writes to w, and sends the text of each write to c.
type lineWriter struct {
	w io.Writer
	c chan<- string
}

func (l lineWriter) Write(p []byte) (int, error) {
	select {
	case l.c <- string(p):
	default:
	}
	return l.w.Write(p)
}
