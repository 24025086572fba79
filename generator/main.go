// Command generator builds the insurance glossary: it turns the Markdown
// topics in content/ into a linked static site in public/.
//
//	go run ./generator build   [flags]   write the site into -out
//	go run ./generator check   [flags]   validate everything, write nothing
//	go run ./generator serve   [flags]   build, watch, rebuild and live-reload
//	go run ./generator new "Title"       start a topic in content/
//	go run ./generator translate -to fr deductible
//	                                     start a topic's translation
//
// Errors are printed once, sorted, as path:line:col: message, and the exit
// status is 1.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"glossary/generator/internal/content"
	"glossary/generator/internal/diag"
	"glossary/generator/internal/linkcheck"
	"glossary/generator/internal/pipeline"
	"glossary/generator/internal/serve"
)

const usage = `usage: go run ./generator <command> [flags]

commands:
  build    render content/ through templates/ into public/
  check    validate everything build would, write nothing
  serve    build, then watch and rebuild on every save, with live reload
  new      start a topic: new [-content dir] "Title"
  translate  start a translation: translate -to fr <slug>

Run "go run ./generator <command> -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, args := args[0], args[1:]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg pipeline.Config
	fs.StringVar(&cfg.Content, "content", "content", "folder of Markdown topics")
	if cmd != "new" {
		fs.StringVar(&cfg.Templates, "templates", "templates", "folder of html/template files")
		fs.StringVar(&cfg.Static, "static", "static", "folder of files copied as they are")
		fs.StringVar(&cfg.Out, "out", "public", "output folder")
		fs.StringVar(&cfg.Cache, "cache", ".glossary", "folder for build metadata (parsed topics, the record of what is in -out); kept out of -out")
		fs.BoolVar(&cfg.Drafts, "drafts", false, "publish topics marked draft")
		fs.BoolVar(&cfg.NoGit, "no-git", false, "leave topics without updated undated, instead of dating them by their file's last git commit")
		cfg.Notes = stderr
	}
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile at the end of the run to this file")
	addr := fs.String("addr", "127.0.0.1:8080", "serve: address to listen on")
	poll := fs.Duration("poll", 0, "serve: look for changes at this interval instead of using file system events (e.g. 500ms)")
	external := fs.Bool("external", false, "check: also ask every source's url whether it still answers (dead ones are warnings)")
	strict := fs.Bool("strict", false, "check: make warnings (stale translations) errors")
	to := fs.String("to", "", "translate: the language to translate into, one of the site's (fr)")
	reviewDue := fs.String("review-due", "", "check: list the topics whose reviewed date is older than this (365d, 52w, or a duration such as 720h), or missing")
	switch cmd {
	case "build", "check", "serve", "new", "translate":
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *strict && cmd != "check" {
		fmt.Fprintln(stderr, "-strict is a flag of check only: go run ./generator check -strict")
		return 2
	}
	if *external && cmd != "check" {
		// A build must not depend on other sites being up.
		fmt.Fprintln(stderr, "-external is a flag of check only: go run ./generator check -external")
		return 2
	}
	var dueBefore string
	if *reviewDue != "" {
		age, err := parseAge(*reviewDue)
		if err != nil || cmd != "check" {
			fmt.Fprintln(stderr, "-review-due is a flag of check, with an age such as 365d: go run ./generator check -review-due 365d")
			return 2
		}
		dueBefore = time.Now().Add(-age).Format(time.DateOnly)
	}
	switch cmd {
	case "new":
		return newTopic(cfg.Content, fs.Args(), stdout, stderr)
	case "translate":
		return translate(cfg, *to, fs.Args(), stdout, stderr)
	case "serve":
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		err := serve.Run(ctx, serve.Options{Config: cfg, Addr: *addr, Poll: *poll, Log: stderr})
		return report(err, stderr)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintln(stderr, "error:", err)
			return 1
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		defer writeHeapProfile(*memProfile, stderr)
	}
	if os.Getenv("GOGC") == "" {
		// A build's live heap is the site model, about 70 MiB at 10,000
		// topics; collecting at +70% instead of +100% keeps the peak near
		// 170 MiB instead of 205, at no measurable cost in time.
		debug.SetGCPercent(70)
	}
	if isTerminal(stderr) && cmd == "build" {
		cfg.Progress = progress(stderr)
	}
	start := time.Now()
	site := pipeline.NewSite(cfg)
	site.LoadCache()
	site.Load()
	mode := pipeline.Full
	if cmd == "check" {
		mode = pipeline.Check
	}
	res, err := site.Generate(mode)
	res.Duration = time.Since(start) // the whole run, reading included
	if cfg.Progress != nil {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if code := report(err, stderr); code != 0 {
		return code
	}
	if code := translationReport(site, cmd == "check", *strict, stdout, stderr); code != 0 {
		return code
	}
	if cmd == "check" {
		fmt.Fprintf(stdout, "ok: %d topics, %d pages checked in %s\n", res.Topics, res.Pages, res.Duration.Round(time.Millisecond))
		if dueBefore != "" {
			reviewReport(site, dueBefore, stdout)
		}
		if *external {
			return checkExternal(site, cfg.Cache, stdout, stderr)
		}
		return 0
	}
	fmt.Fprintln(stdout, res.Summary())
	return 0
}

// checkExternal asks the addresses of the sources and prints each dead
// one's citations as warnings. Dead links are not errors: the exit status
// is 0 unless the check itself failed.
func checkExternal(site *pipeline.Site, cache string, stdout, stderr io.Writer) int {
	g, _ := site.Index()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	c := &linkcheck.Checker{CacheFile: filepath.Join(cache, "external.json")}
	var topics []*content.Topic
	for _, lg := range g.Languages {
		topics = append(topics, lg.Topics...)
	}
	rep, err := c.Check(ctx, linkcheck.Sources(topics))
	for _, w := range rep.Warnings {
		fmt.Fprintln(stderr, w)
	}
	fmt.Fprintf(stdout, "external: %d source url%s (%d asked, %d from the cache), %d warning%s\n", rep.Addresses, plural(rep.Addresses),
		rep.Asked, rep.Addresses-rep.Asked, len(rep.Warnings), plural(len(rep.Warnings)))
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	return 0
}

// translationReport prints the stale translations as warnings (errors
// under -strict, exit status 1) and, for check, how much of each
// language is translated.
func translationReport(site *pipeline.Site, summary, strict bool, stdout, stderr io.Writer) int {
	g, _ := site.Index()
	warnings := g.TranslationWarnings().Sort()
	if strict && len(warnings) > 0 {
		for i := range warnings {
			warnings[i].Msg = strings.TrimPrefix(warnings[i].Msg, "warning: ")
		}
		return report(warnings.Err(), stderr)
	}
	for _, w := range warnings {
		fmt.Fprintln(stderr, w)
	}
	if summary {
		for _, line := range g.TranslationSummary() {
			fmt.Fprintln(stdout, "translations:", line)
		}
	}
	return 0
}

// reviewReport lists the topics due for an expert review: reviewed before
// the date, or never. It is a plan for editors, not a list of errors.
func reviewReport(site *pipeline.Site, before string, stdout io.Writer) {
	g, _ := site.Index()
	due := g.ReviewDue(before)
	fmt.Fprintf(stdout, "review due: %d topic%s reviewed before %s, or never\n", len(due), plural(len(due)), before)
	for _, t := range due {
		if t.Reviewed == "" {
			fmt.Fprintf(stdout, "%s:1:1: never reviewed\n", t.Path)
			continue
		}
		fmt.Fprintf(stdout, "%s:%d:1: reviewed %s\n", t.Path, t.KeyLines["reviewed"], t.Reviewed)
	}
}

// parseAge reads an age in days (365d), weeks (52w) or as a Go duration.
func parseAge(s string) (time.Duration, error) {
	for unit, length := range map[string]time.Duration{"d": 24 * time.Hour, "w": 7 * 24 * time.Hour} {
		if n, ok := strings.CutSuffix(s, unit); ok {
			count, err := strconv.Atoi(n)
			if err != nil || count < 0 {
				return 0, fmt.Errorf("%q is not a number of %s", n, unit)
			}
			return time.Duration(count) * length, nil
		}
	}
	age, err := time.ParseDuration(s)
	if err == nil && age < 0 {
		err = fmt.Errorf("a negative age")
	}
	return age, err
}

// report prints an error (each diagnostic on its own line) and returns the
// exit status.
func report(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var list diag.ListError
	if errors.As(err, &list) {
		fmt.Fprintln(stderr, list.Error())
		fmt.Fprintf(stderr, "%d error%s\n", len(list), plural(len(list)))
		return 1
	}
	fmt.Fprintln(stderr, "error:", err)
	return 1
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// translate starts a topic's translation beside it (deductible.fr.md),
// from the original's structure, with the section headings in the
// language. It never overwrites a file.
func translate(cfg pipeline.Config, lang string, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || lang == "" {
		fmt.Fprintln(stderr, "usage: go run ./generator translate -to <language> <slug>   (make translate SLUG=deductible TO=fr)")
		return 2
	}
	cfg.NoGit = true
	site := pipeline.NewSite(cfg)
	site.Load()
	g, _ := site.Index()
	var codes []string
	known := false
	for _, lg := range g.Languages[1:] {
		codes = append(codes, lg.Code)
		known = known || lg.Code == lang
	}
	if !known {
		fmt.Fprintf(stderr, "error: %q is not one of the site's other languages (%s): list it under languages in %s\n",
			lang, strings.Join(codes, ", "), filepath.Join(cfg.Content, content.SettingsFile))
		return 1
	}
	t := g.TopicBySlug(args[0])
	if t == nil {
		fmt.Fprintf(stderr, "error: no published topic has the slug %q\n", args[0])
		return 1
	}
	src, err := os.ReadFile(t.Path)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	p := strings.TrimSuffix(t.Path, ".md") + "." + lang + ".md"
	data := content.Translation(site.Languages(), t, src, lang, time.Now().Format(time.DateOnly))
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			fmt.Fprintf(stderr, "error: %s exists already; edit it, or remove it to start again\n", p)
		} else {
			fmt.Fprintln(stderr, "error:", err)
		}
		return 1
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	if err := f.Close(); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	fmt.Fprintf(stdout, "created %s: translate its title, summary and text, keeping the headings\n", p)
	return 0
}

func newTopic(dir string, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || args[0] == "" {
		fmt.Fprintln(stderr, `usage: go run ./generator new [-content dir] "Title"`)
		return 2
	}
	title := args[0]
	slug := content.SlugFor(title)
	if slug == "" {
		fmt.Fprintf(stderr, "error: %q has no letters or digits to make a file name from\n", title)
		return 1
	}
	p := filepath.Join(dir, slug+".md")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintf(stderr, "error: %s already exists; not overwriting it\n", p)
		return 1
	}
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	_, err = f.Write(content.Scaffold(title, time.Now().Format(time.DateOnly)))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
		fmt.Fprintln(stderr, "error:", err)
		return 1
	}
	fmt.Fprintln(stdout, p)
	return 0
}

func writeHeapProfile(path string, stderr io.Writer) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return
	}
	defer f.Close()
	runtime.GC()
	pprof.WriteHeapProfile(f)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progress returns a callback that redraws "pages done / total" at most
// ten times a second. The build calls it from all its workers at once.
func progress(w io.Writer) func(done, total int) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if now := time.Now(); now.Sub(last) > 100*time.Millisecond || done == total {
			last = now
			fmt.Fprintf(w, "\rrendering %d / %d pages", done, total)
		}
	}
}
