package pipeline

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkProcess runs whole programs side by side on the same corpus
// and prints one table: the generator (cold build, and a rebuild with
// nothing changed), and, where they are found, the shared kit's
// bare-libraries floor (../shared/bench/floor) and Hugo (hugo on PATH,
// with the kit's gen_corpus.py to write its site). Each row is the median
// of three runs, interleaved so that machine noise hits all rows alike.
//
//	go test -run '^$' -bench Process -benchtime 1x ./generator/internal/pipeline/
//
// GLOSSARY_BENCH_SIZES picks the sizes (default "1000 10000");
// GLOSSARY_BENCH_BASE a git revision to measure beside this one.
func BenchmarkProcess(b *testing.B) {
	sizes := []int{1000, 10000}
	if env := os.Getenv("GLOSSARY_BENCH_SIZES"); env != "" {
		sizes = nil
		for _, f := range strings.Fields(env) {
			var n int
			fmt.Sscan(f, &n)
			sizes = append(sizes, n)
		}
	}
	tmp := b.TempDir()
	gen := filepath.Join(tmp, "generator")
	if out, err := exec.Command("go", "build", "-o", gen, "../../../generator").CombinedOutput(); err != nil {
		b.Fatalf("building the generator: %v\n%s", err, out)
	}
	kit := findKit()
	floor := ""
	if kit != "" {
		floor = filepath.Join(tmp, "floor")
		cmd := exec.Command("go", "build", "-o", floor, ".")
		cmd.Dir = filepath.Join(kit, "floor")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Logf("floor not built: %v\n%s", err, out)
			floor = ""
		}
	}
	// GLOSSARY_BENCH_BASE=<git revision> adds that revision's build and
	// check, built from a worktree, to compare a change side by side.
	base, baseTree := "", ""
	if rev := os.Getenv("GLOSSARY_BENCH_BASE"); rev != "" {
		baseTree = filepath.Join(tmp, "base-tree")
		if out, err := exec.Command("git", "worktree", "add", "--detach", baseTree, rev).CombinedOutput(); err != nil {
			b.Fatalf("git worktree add %s: %v\n%s", rev, err, out)
		}
		b.Cleanup(func() { exec.Command("git", "worktree", "remove", "--force", baseTree).Run() })
		base = filepath.Join(tmp, "base")
		cmd := exec.Command("go", "build", "-o", base, "./generator")
		cmd.Dir = baseTree
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("building %s: %v\n%s", rev, err, out)
		}
	}
	hugo, _ := exec.LookPath("hugo")
	python, _ := exec.LookPath("python3")

	var rows []row
	for _, n := range sizes {
		site := filepath.Join(tmp, fmt.Sprint("site-", n))
		corpus := "Go generator"
		if kit != "" && python != "" {
			// The kit's corpus, so every program reads the same files.
			args := []string{filepath.Join(kit, "gen_corpus.py"), fmt.Sprint(n), site}
			if hugo != "" {
				args = append(args, "--hugo")
			}
			if out, err := exec.Command(python, args...).CombinedOutput(); err != nil {
				b.Fatalf("gen_corpus.py: %v\n%s", err, out)
			}
			corpus = "gen_corpus.py"
		} else {
			cfg := benchSite(b, n)
			site = filepath.Dir(cfg.Content)
			hugo = ""
		}
		content := filepath.Join(site, "content")
		topicsDir := filepath.Join(content, "topics")
		out := filepath.Join(tmp, "out")
		ours := func(bin, cmd, content, tree, out string) []string {
			return []string{bin, cmd, "-content", content, "-templates", filepath.Join(tree, "templates"),
				"-static", filepath.Join(tree, "static"), "-out", out, "-cache", out + "-cache"}
		}
		programs := []program{
			{"generator build (cold)", ours(gen, "build", content, "../../..", out), out, true},
			{"generator build (nothing changed)", ours(gen, "build", content, "../../..", out), out, false},
			{"generator check", ours(gen, "check", content, "../../..", out+"-check"), out + "-check", false},
		}
		if off := withoutExports(b, site); off != "" {
			programs = append(programs, program{"generator build (cold, exports off)", ours(gen, "build", off, "../../..", out+"-off"), out + "-off", true})
		}
		fr := withFrench(b, site)
		programs = append(programs, program{"generator build (cold, +20% in French)", ours(gen, "build", fr, "../../..", out+"-fr"), out + "-fr", true})
		if base != "" {
			// Without -cache, which older revisions do not have.
			baseRun := func(cmd, out string) []string { return ours(base, cmd, content, baseTree, out)[:10] }
			programs = append(programs,
				program{"base build (cold)", baseRun("build", out+"-base"), out + "-base", true},
				program{"base check", baseRun("check", out+"-base-check"), out + "-base-check", false})
		}
		if floor != "" {
			programs = append(programs, program{"floor (bare libraries)", []string{floor, topicsDir, out + "-floor"}, out + "-floor", true})
		}
		if hugo != "" {
			programs = append(programs, program{"hugo v0.160.0", []string{hugo, "--quiet", "-s", site, "-d", out + "-hugo"}, out + "-hugo", true})
		}
		runs := make([][]measure, len(programs))
		for range 3 {
			for i, p := range programs {
				if p.cold {
					// Cold: no output, and no parsed topics kept from before.
					os.RemoveAll(p.out)
					os.RemoveAll(p.out + "-cache")
				} else if _, err := os.Stat(p.out); err != nil {
					run(b, p.argv) // a rebuild needs a previous build
				}
				runs[i] = append(runs[i], run(b, p.argv))
			}
		}
		for i, p := range programs {
			rows = append(rows, row{n, corpus, p.name, countFiles(p.out, ".html"), median(runs[i])})
		}
	}
	printTable(rows)
}

// withoutExports makes a copy of site's content folder whose settings turn
// the exports off, its topics hard-linked, and returns it; or "" where
// the site has no base_url, so no exports to turn off.
func withoutExports(b *testing.B, site string) string {
	content := filepath.Join(site, "content")
	settings, err := os.ReadFile(filepath.Join(content, "_index.md"))
	if err != nil || !strings.Contains(string(settings), "\nbase_url:") {
		return ""
	}
	off := filepath.Join(site+"-exports-off", "content")
	err = filepath.WalkDir(content, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(off, strings.TrimPrefix(p, content))
		switch {
		case e.IsDir():
			return os.MkdirAll(dst, 0o755)
		case p == filepath.Join(content, "_index.md"):
			return os.WriteFile(dst, []byte(strings.Replace(string(settings), "\nbase_url:", "\nexports: false\nbase_url:", 1)), 0o644)
		default:
			return os.Link(p, dst)
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	return off
}

// withFrench makes a copy of site's content folder in two languages:
// English, and French for every fifth topic (20%), each translation its
// original with a French title and French section headings. Originals
// are hard-linked.
func withFrench(b *testing.B, site string) string {
	content := filepath.Join(site, "content")
	fr := filepath.Join(site+"-fr", "content")
	headings := strings.NewReplacer("## Definition\n", "## Définition\n", "## Structural Characteristics\n", "## Caractéristiques structurelles\n",
		"## Parameters & Conditions\n", "## Paramètres et conditions\n", "## Topic Relationships\n", "## Relations entre les sujets\n",
		"## Exceptions, Limitations & Boundaries\n", "## Exceptions, limites et frontières\n", "## FAQ\n", "## Questions fréquentes\n")
	n := 0
	err := filepath.WalkDir(content, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(fr, strings.TrimPrefix(p, content))
		switch {
		case e.IsDir():
			return os.MkdirAll(dst, 0o755)
		case p == filepath.Join(content, "_index.md"):
			settings, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			text := strings.Replace(string(settings), "\nlanguage: en\n", "\n", 1)
			text = strings.Replace(text, "---\n", "---\nlanguages:\n  - code: en\n    name: English\n    default: true\n  - code: fr\n    name: Français\n", 1)
			return os.WriteFile(dst, []byte(text), 0o644)
		}
		if err := os.Link(p, dst); err != nil {
			return err
		}
		if n++; n%5 != 0 || !strings.HasSuffix(p, ".md") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		text := strings.Replace(string(src), "\ntitle: ", "\ntitle: Fr ", 1)
		return os.WriteFile(strings.TrimSuffix(dst, ".md")+".fr.md", []byte(headings.Replace(text)), 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	return fr
}

// program is one row's command; cold runs start from no output folder.
type program struct {
	name string
	argv []string
	out  string
	cold bool
}

type measure struct {
	wall, cpu time.Duration
	peakMiB   float64
}

type row struct {
	topics int
	corpus string
	name   string
	pages  int
	m      measure
}

func run(b *testing.B, argv []string) measure {
	cmd := exec.Command(argv[0], argv[1:]...)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		b.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, out)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return measure{wall: wall, cpu: cpu, peakMiB: float64(ru.Maxrss) / 1024}
}

func median(ms []measure) measure {
	pick := func(f func(measure) float64) float64 {
		v := make([]float64, len(ms))
		for i, m := range ms {
			v[i] = f(m)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return measure{
		wall:    time.Duration(pick(func(m measure) float64 { return float64(m.wall) })),
		cpu:     time.Duration(pick(func(m measure) float64 { return float64(m.cpu) })),
		peakMiB: pick(func(m measure) float64 { return m.peakMiB }),
	}
}

func countFiles(dir, ext string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() && strings.HasSuffix(p, ext) {
			n++
		}
		return nil
	})
	return n
}

func printTable(rows []row) {
	fmt.Printf("\n%-8s %-14s %-38s %7s %8s %8s %9s %9s\n", "topics", "corpus", "program", "pages", "wall s", "CPU s", "peak MiB", "pages/s")
	for _, r := range rows {
		fmt.Printf("%-8d %-14s %-38s %7d %8.2f %8.2f %9.0f %9.0f\n", r.topics, r.corpus, r.name, r.pages,
			r.m.wall.Seconds(), r.m.cpu.Seconds(), r.m.peakMiB, float64(r.pages)/r.m.wall.Seconds())
	}
	fmt.Println()
	// What one row costs over another at the same size, where both ran.
	for _, c := range []struct{ what, row, over string }{
		{"the exports add to a cold build", "generator build (cold)", "generator build (cold, exports off)"},
		{"a second language on 20% of the topics adds to a cold build", "generator build (cold, +20% in French)", "generator build (cold)"},
		{"check costs over the base revision's", "generator check", "base check"},
		{"a cold build costs over the base revision's", "generator build (cold)", "base build (cold)"},
	} {
		for _, r := range rows {
			for _, o := range rows {
				if r.topics == o.topics && r.name == c.row && o.name == c.over {
					fmt.Printf("%d topics: %s: %+.1f%% wall, %+.1f%% CPU\n", r.topics, c.what,
						100*(r.m.wall.Seconds()/o.m.wall.Seconds()-1), 100*(r.m.cpu.Seconds()/o.m.cpu.Seconds()-1))
				}
			}
		}
	}
}

// findKit locates the shared bench kit beside the repository, if any.
func findKit() string {
	for _, p := range []string{"../../../../shared/bench", "../../../../../shared/bench"} {
		if _, err := os.Stat(filepath.Join(p, "gen_corpus.py")); err == nil {
			abs, _ := filepath.Abs(p)
			return abs
		}
	}
	return ""
}
