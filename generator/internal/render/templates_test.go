package render_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"glossary/generator/internal/glossary"
	"glossary/generator/internal/render"
)

// TestTemplateErrorPositions checks that template mistakes are reported at
// the file, line and column an editor would go to: parse errors carry only
// a line; execution and escaping errors carry a column, counted in runes
// from 1 like every other diagnostic.
func TestTemplateErrorPositions(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // over a minimal working set
		want  string            // prefix of the only diagnostic, relative to the folder
	}{
		{
			name:  "parse error: line only",
			files: map[string]string{"404.html": "{{define \"main\"}}\n  {{.Title\n{{end}}"},
			want:  `404.html:3:1: unexpected "{" in operand`,
		},
		{
			name:  "execution error",
			files: map[string]string{"404.html": "{{define \"main\"}}\n  {{dict 1}}{{end}}"},
			want:  `404.html:2:5: executing "main" at <dict 1>: error calling dict: dict needs key/value pairs`,
		},
		{
			name:  "execution error after non-ASCII text",
			files: map[string]string{"404.html": "{{define \"main\"}}\n<p>Größe – {{dict 1}}</p>{{end}}"},
			want:  `404.html:2:14: executing "main" at <dict 1>:`,
		},
		{
			name:  "execution error on the first line",
			files: map[string]string{"404.html": `{{define "main"}}{{.Nope}}{{end}}`},
			want:  `404.html:1:20: executing "main" at <.Nope>: can't evaluate field Nope`,
		},
		{
			name:  "execution error in a partial",
			files: map[string]string{"_parts.html": "{{define \"part\"}}\n\n {{dict 1}}{{end}}", "404.html": `{{define "main"}}{{template "part"}}{{end}}`},
			want:  `_parts.html:3:4: executing "part" at <dict 1>:`,
		},
		{
			name:  "escaping error",
			files: map[string]string{"404.html": "{{define \"main\"}}\n  {{template \"nope\"}}{{end}}"},
			want:  `404.html:2:14: no such template "nope"`,
		},
		{
			name:  "escaping error in branches",
			files: map[string]string{"404.html": "{{define \"main\"}}\n  {{if .Title}}<a href=\"{{end}}x\">{{end}}"},
			want:  `404.html:2:8: {{if}} branches end in different contexts`,
		},
		{
			// html/template names the executed template, "base", and gives
			// no position: the diagnostic names base's file.
			name:  "escaping error without a position",
			files: map[string]string{"404.html": `{{define "main"}}<a href="{{.Root}}{{end}}`},
			want:  `base.html:1:1: ends in a non-text context`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"base.html": `{{define "base"}}<html>{{template "main" .}}</html>{{end}}`}
			for _, page := range []string{"topic.html", "home.html", "list.html", "404.html"} {
				files[page] = `{{define "main"}}{{end}}`
			}
			for name, src := range tt.files {
				files[name] = src
			}
			for name, src := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ts, d := render.LoadTemplates(dir)
			if d == nil {
				r := &render.Renderer{G: &glossary.Glossary{}, T: ts}
				d = r.Render(io.Discard, render.Page{Kind: render.NotFoundPage, File: "404.html"})
			}
			if len(d) != 1 {
				t.Fatalf("got %d diagnostics %q, want one starting %q", len(d), d, tt.want)
			}
			got := strings.TrimPrefix(d[0].String(), dir+string(filepath.Separator))
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("got  %q\nwant %q...", got, tt.want)
			}
		})
	}
}
