package serve

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"glossary/generator/internal/corpus"
	"glossary/generator/internal/pipeline"
)

// BenchmarkServeEdit measures what an editor waits for: from saving one
// topic of a generated site to the dev server serving the page with the
// change (file system event, the quiet period that batches a burst,
// rebuild, HTTP). It reports the median and the 90th percentile.
//
//	go test -run '^$' -bench ServeEdit -benchtime 20x ./generator/internal/serve/
func BenchmarkServeEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			content, err := corpus.Write(dir, n)
			if err != nil {
				b.Fatal(err)
			}
			cfg := pipeline.Config{Content: content, Templates: "../../../templates", Static: "../../../static",
				Out: filepath.Join(dir, "public")}
			ctx, cancel := context.WithCancel(context.Background())
			ready := make(chan string, 1)
			done := make(chan error, 1)
			go func() {
				done <- Run(ctx, Options{Config: cfg, Addr: "127.0.0.1:0", Ready: func(a string) { ready <- a }})
			}()
			defer func() {
				cancel()
				<-done
			}()
			var addr string
			select {
			case addr = <-ready:
			case err := <-done:
				b.Fatalf("serve: %v", err)
			case <-time.After(2 * time.Minute):
				b.Fatal("serve did not start")
			}
			file := corpus.TopicFile(content, n/2)
			url := "http://" + addr + "/topics/" + corpus.Slug(n/2) + "/"
			orig, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			var waits []time.Duration
			b.ResetTimer()
			for i := range b.N {
				marker := fmt.Sprintf("Edit marker %d.", i)
				edited := strings.Replace(string(orig), "## Definition\n\n", "## Definition\n\n"+marker+" ", 1)
				start := time.Now()
				if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
					b.Fatal(err)
				}
				for !served(url, marker) {
					if time.Since(start) > 20*time.Second {
						b.Fatalf("edit %d not served after 20s", i)
					}
					time.Sleep(time.Millisecond)
				}
				waits = append(waits, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(waits)
			b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(waits[len(waits)*9/10].Microseconds())/1000, "ms-p90")
		})
	}
}

func served(url, marker string) bool {
	resp, err := http.Get(url)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return err == nil && strings.Contains(string(body), marker)
}
