package markdown

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"glossary/generator/internal/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/render.txtar's expected files")

// TestRender renders each case of testdata/render.txtar: NAME.md is the
// input, NAME.html the HTML expected and NAME.problems the problems, as
// line:col: message.
func TestRender(t *testing.T) {
	file := filepath.Join("testdata", "render.txtar")
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{}
	for _, f := range ar.Files {
		want[f.Name] = f.Data
	}
	md := New(Options{})
	out := &txtar.Archive{Comment: ar.Comment}
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".md")
		if !ok {
			continue
		}
		out.Files = append(out.Files, f)
		root, problems := md.Parse(f.Data, nil)
		var html bytes.Buffer
		if err := md.Render(&html, f.Data, root); err != nil {
			t.Fatal(err)
		}
		var probs bytes.Buffer
		lines := diag.NewLines(f.Data, 0)
		for _, p := range problems {
			line, col := lines.Pos(p.Offset)
			fmt.Fprintf(&probs, "%d:%d: %s\n", line, col, p.Message)
		}
		for _, got := range []txtar.File{{Name: name + ".html", Data: html.Bytes()}, {Name: name + ".problems", Data: probs.Bytes()}} {
			if len(got.Data) > 0 {
				out.Files = append(out.Files, got)
			}
			if !*update && !bytes.Equal(got.Data, want[got.Name]) {
				t.Errorf("%s:\n got: %s\nwant: %s", got.Name, got.Data, want[got.Name])
			}
		}
	}
	if *update {
		if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
