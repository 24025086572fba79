package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"glossary/generator/internal/corpus"
	"glossary/generator/internal/export"
)

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
		content, err := corpus.Write(root, n)
		if err != nil {
			b.Fatal(err)
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
				// As the build command does: start from the cache.
				s := NewSite(cfg)
				s.LoadCache()
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
			cfg.Incremental = true // as under the dev server
			s := NewSite(cfg)
			s.Load()
			if _, err := s.Generate(Full); err != nil {
				b.Fatal(err)
			}
			file := corpus.TopicFile(cfg.Content, n/2)
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

// BenchmarkExports is what the exports add to a build, on one core: their
// hash (which every rebuild computes for their fingerprints) and the five
// files, written into memory one after another. Compare it with
// BenchmarkBuild at the same size; the budget is 5% of it.
func BenchmarkExports(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			s := NewSite(benchSite(b, n))
			s.Load()
			g, d := s.Index()
			if len(d) > 0 {
				b.Fatal(d.Err())
			}
			var buf bytes.Buffer
			written := 0
			for b.Loop() {
				export.Hash(g)
				written = 0
				for _, f := range export.Formats {
					buf.Reset()
					if err := f.Write(&buf, g); err != nil {
						b.Fatal(err)
					}
					written += buf.Len()
				}
			}
			b.ReportMetric(float64(written)/1e6, "MB")
		})
	}
}
