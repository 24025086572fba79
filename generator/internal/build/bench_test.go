package build

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"glossary/generator/internal/render"
)

// Synthetic sites for benchmarks: n topics in the content model, about
// 600 words each, with relative links, related topics and a FAQ, like
// the corpus of the shared bench kit (generated here so `make bench`
// needs nothing else).

var benchWords = strings.Fields(`coverage insurer policyholder premium deductible exclusion endorsement
liability indemnity underwriting claim risk provider customer contract infrastructure platform
application data access control compliance obligation regulator breach incident configuration
availability retention limit sublimit aggregate occurrence trigger retroactive reinsurance broker
carrier schedule declaration territory valuation subrogation waiver warranty condition notice`)

var benchCats = []string{"Cyber & Technology", "Property", "Casualty", "Claims", "Underwriting",
	"Regulation", "Reinsurance", "Marine", "Life & Health", "Risk Management"}

func benchSlug(i int) string {
	return fmt.Sprintf("%s-%s-%d", benchWords[i%len(benchWords)], benchWords[(i/7)%len(benchWords)], i)
}

func benchTitle(i int) string {
	s := strings.ReplaceAll(benchSlug(i), "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func benchSentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = benchWords[r.IntN(len(benchWords))]
	}
	w[0] = strings.ToUpper(w[0][:1]) + w[0][1:]
	return strings.Join(w, " ") + "."
}

func benchTopic(i, n int) string {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	link := func() string {
		j := r.IntN(n)
		return fmt.Sprintf("[%s](%s.md)", strings.ToLower(benchTitle(j)), benchSlug(j))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\nsummary: %s\ncategory: %s\ntags: [%s, %s]\nrelated: [%s, %s, %s]\nupdated: 2026-%02d-%02d\n---\n\n",
		benchTitle(i), benchSentence(r, 14), benchCats[i%len(benchCats)], benchWords[r.IntN(9)], benchWords[9+r.IntN(9)],
		benchSlug((i+1)%n), benchSlug((i+2)%n), benchSlug((i+3)%n), 1+i%12, 1+i%28)
	b.WriteString("## Definition\n\n")
	for p := 0; p < 2; p++ {
		for s := 0; s < 4; s++ {
			b.WriteString(benchSentence(r, 9+r.IntN(12)) + " ")
		}
		b.WriteString("See " + link() + ".\n\n")
	}
	b.WriteString("## Structural Characteristics\n\n")
	for k := 0; k < 5; k++ {
		fmt.Fprintf(&b, "- **%s:** %s %s\n", benchWords[r.IntN(len(benchWords))], benchSentence(r, 14), link())
	}
	b.WriteString("\n## Parameters & Conditions\n\n")
	for k := 0; k < 5; k++ {
		b.WriteString("- " + benchSentence(r, 16) + "\n")
	}
	b.WriteString("\n## Exceptions, Limitations & Boundaries\n\n" + benchSentence(r, 12) + "\n\n")
	for k := 0; k < 4; k++ {
		b.WriteString("- " + benchSentence(r, 14) + "\n")
	}
	b.WriteString("\n## FAQ\n\n")
	for k := 0; k < 3; k++ {
		fmt.Fprintf(&b, "### What is the %s %s?\n\n%s %s Compare %s.\n\n", benchWords[r.IntN(len(benchWords))],
			benchWords[r.IntN(len(benchWords))], benchSentence(r, 15), benchSentence(r, 12), link())
	}
	return b.String()
}

var benchSites sync.Map // n → content folder

// benchSite writes (once per process) a site of n topics and returns a
// Config for it with a fresh output folder below b.TempDir().
func benchSite(b *testing.B, n int) Config {
	b.Helper()
	dir, ok := benchSites.Load(n)
	if !ok {
		root, err := os.MkdirTemp("", fmt.Sprintf("glossary-bench-%d-", n))
		if err != nil {
			b.Fatal(err)
		}
		content := filepath.Join(root, "content")
		os.MkdirAll(filepath.Join(content, "topics"), 0o755)
		os.WriteFile(filepath.Join(content, "_index.md"), []byte("---\ntitle: Bench Glossary\nbase_url: https://example.org/\n---\n\nSynthetic topics.\n"), 0o644)
		for i := 0; i < n; i++ {
			if err := os.WriteFile(filepath.Join(content, "topics", benchSlug(i)+".md"), []byte(benchTopic(i, n)), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		dir, _ = benchSites.LoadOrStore(n, content)
	}
	return Config{Content: dir.(string), Templates: "../../../templates", Static: "../../../static",
		Out: filepath.Join(b.TempDir(), "public")}
}

func TestMain(m *testing.M) {
	code := m.Run()
	benchSites.Range(func(_, dir any) bool {
		os.RemoveAll(filepath.Dir(dir.(string)))
		return true
	})
	os.Exit(code)
}

var benchSizes = []int{1000, 10000}

// BenchmarkLoad reads and parses every file.
func BenchmarkLoad(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cfg := benchSite(b, n)
			for b.Loop() {
				NewSite(cfg).Load()
			}
		})
	}
}

// BenchmarkIndex builds the glossary (link graph, checks) from loaded topics.
func BenchmarkIndex(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := NewSite(benchSite(b, n))
			s.Load()
			for b.Loop() {
				if _, d := s.Index(); len(d) > 0 {
					b.Fatal(d.Err())
				}
			}
		})
	}
}

// BenchmarkRender renders every page into memory, writing nothing.
func BenchmarkRender(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := NewSite(benchSite(b, n))
			s.Load()
			for b.Loop() {
				if _, err := s.Generate(Check); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBuild is a whole cold build: load, index, render and write
// into a fresh output folder.
func BenchmarkBuild(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cfg := benchSite(b, n)
			for b.Loop() {
				b.StopTimer()
				os.RemoveAll(cfg.Out)
				b.StartTimer()
				s := NewSite(cfg)
				s.Load()
				if _, err := s.Generate(Full); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuildUnchanged is a second build of an unchanged site.
func BenchmarkRebuildUnchanged(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cfg := benchSite(b, n)
			s := NewSite(cfg)
			s.Load()
			if _, err := s.Generate(Full); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				s := NewSite(cfg)
				s.Load()
				if _, err := s.Generate(Full); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEditOneTopic is the dev server's work after one topic is saved:
// re-read it, re-index, re-render what its change affects, write in place.
func BenchmarkEditOneTopic(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			cfg := benchSite(b, n)
			s := NewSite(cfg)
			s.Load()
			if _, err := s.Generate(Full); err != nil {
				b.Fatal(err)
			}
			file := filepath.Join(cfg.Content, "topics", benchSlug(n/2)+".md")
			orig, _ := os.ReadFile(file)
			defer os.WriteFile(file, orig, 0o644)
			i := 0
			for b.Loop() {
				i++
				edited := strings.Replace(string(orig), "## Definition\n\n", fmt.Sprintf("## Definition\n\nEdit %d. ", i), 1)
				os.WriteFile(file, []byte(edited), 0o644)
				s.Reload([]string{file})
				res, err := s.Generate(InPlace)
				if err != nil {
					b.Fatal(err)
				}
				if res.Written == 0 {
					b.Fatal("edit wrote nothing")
				}
			}
		})
	}
}

var _ = render.Pages
