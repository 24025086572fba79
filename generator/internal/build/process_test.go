package build

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
//	go test -run '^$' -bench Process -benchtime 1x ./generator/internal/build/
//
// GLOSSARY_BENCH_SIZES picks the sizes (default "1000 10000").
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
		ours := []string{gen, "build", "-content", content, "-templates", "../../../templates", "-static", "../../../static", "-out", out}
		programs := []program{
			{"generator build (cold)", ours, out, true},
			{"generator build (nothing changed)", ours, out, false},
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
					os.RemoveAll(p.out)
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
	fmt.Printf("\n%-8s %-14s %-34s %7s %8s %8s %9s %9s\n", "topics", "corpus", "program", "pages", "wall s", "CPU s", "peak MiB", "pages/s")
	for _, r := range rows {
		fmt.Printf("%-8d %-14s %-34s %7d %8.2f %8.2f %9.0f %9.0f\n", r.topics, r.corpus, r.name, r.pages,
			r.m.wall.Seconds(), r.m.cpu.Seconds(), r.m.peakMiB, float64(r.pages)/r.m.wall.Seconds())
	}
	fmt.Println()
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
