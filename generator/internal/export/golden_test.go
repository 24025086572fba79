package export_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"glossary/generator/internal/export"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden compares every export of the test glossaries with
// testdata/<glossary>/<file>. After an intended change, rewrite them with
//
//	go test ./generator/internal/export/ -run TestGolden -update
//
// and read the diff: it is the change as users of the files will see it.
func TestGolden(t *testing.T) {
	for _, c := range []struct {
		dir   string
		files map[string]string
	}{
		// One language: these files must not change as languages are added.
		{"one-language", files},
		{"two-languages", twoLanguages},
	} {
		g := buildGlossary(t, c.files)
		for _, f := range export.Formats {
			t.Run(c.dir+"/"+f.File, func(t *testing.T) {
				got := write(t, g, f.File)
				golden := filepath.Join("testdata", c.dir, f.File)
				if *update {
					if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (run with -update if the change is intended):\n%s", f.File, golden, got)
				}
			})
		}
	}
}
