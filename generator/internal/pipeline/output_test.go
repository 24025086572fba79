package pipeline

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"glossary/generator/internal/content"
)

// TestStream: a file streamed into the output has the hash of its bytes,
// as one written whole would, and one whose bytes did not change keeps its
// old file (and so its time), whichever writer publishes it.
func TestStream(t *testing.T) {
	const file = "data/glossary.csv"
	oldBytes, newBytes := "slug,title\nold,Old\n", "slug,title\nnew,New\n"
	fill := func(s string) func(io.Writer) error {
		return func(w io.Writer) error {
			// In pieces, as the exports write.
			for i := 0; i < len(s); i += 5 {
				if _, err := io.WriteString(w, s[i:min(i+5, len(s))]); err != nil {
					return err
				}
			}
			return nil
		}
	}
	writers := map[string]func(t *testing.T, out, record string, old map[string]entry) writer{
		"swap": func(t *testing.T, out, record string, old map[string]entry) writer {
			w, err := newSwapWriter(out, record, old, nil)
			if err != nil {
				t.Fatal(err)
			}
			return w
		},
		"place": func(t *testing.T, out, record string, old map[string]entry) writer {
			return &placeWriter{out: out, record: record, old: old}
		},
	}
	for name, open := range writers {
		for _, tc := range []struct {
			what    string
			content string
			kept    bool
		}{
			{"unchanged", oldBytes, true},
			{"changed", newBytes, false},
		} {
			t.Run(name+"/"+tc.what, func(t *testing.T) {
				dir := t.TempDir()
				out, record := filepath.Join(dir, "public"), filepath.Join(dir, "record")
				p := filepath.Join(out, filepath.FromSlash(file))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(oldBytes), 0o644); err != nil {
					t.Fatal(err)
				}
				before, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				old := map[string]entry{file: {Hash: content.Hash([]byte(oldBytes))}}
				w := open(t, out, record, old)
				hash, err := w.stream(file, fill(tc.content))
				if err != nil {
					t.Fatal(err)
				}
				if want := content.Hash([]byte(tc.content)); hash != want {
					t.Errorf("stream returned hash %x, want %x (the hash of the bytes)", hash, want)
				}
				if _, err := w.commit(map[string]entry{file: {Hash: hash}}); err != nil {
					t.Fatal(err)
				}
				got, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != tc.content {
					t.Errorf("output holds %q, want %q", got, tc.content)
				}
				after, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				if same := os.SameFile(before, after); same != tc.kept {
					t.Errorf("old file kept = %v, want %v", same, tc.kept)
				}
				left, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".*"))
				if len(left) > 0 {
					t.Errorf("staging files left in the output: %v", left)
				}
			})
		}
	}
}
