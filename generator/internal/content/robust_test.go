package content_test

import (
	"strings"
	"testing"

	"glossary/generator/internal/content"
	"glossary/generator/internal/markdown"
)

// Text in another encoding is reported once, where it first goes wrong.
func TestInvalidUTF8(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"in the body", "---\ntitle: A\nsummary: B\n---\n\n## Definition\n\nCaf\xe9 cover.\n",
			"content/x.md:8:4: the file is not valid UTF-8 here: save it as UTF-8"},
		{"in front matter", "---\ntitle: \xff\n---\n", "content/x.md:2:8: the file is not valid UTF-8 here: save it as UTF-8"},
	}
	md := markdown.New(markdown.Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, doc, d := content.Parse(md, "content/x.md", "x.md", []byte(tt.src))
			if len(d) != 1 || d[0].String() != tt.want {
				t.Errorf("diagnostics %v, want [%s]", d, tt.want)
			}
			if doc != nil {
				t.Error("a body was parsed from a file that is not UTF-8")
			}
		})
	}
}

// A topic of several megabytes parses, with positions still right at its
// end. (Time is not asserted: a regression to quadratic work shows as a
// test that no longer finishes.)
func TestLargeFile(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\ntitle: Large\nsummary: A very large topic.\n---\n\n## Definition\n\n")
	para := strings.Repeat("The insurer pays covered loss above the deductible and within the limit. ", 12) + "\n\n"
	for b.Len() < 6<<20 {
		b.WriteString(para)
	}
	lines := strings.Count(b.String(), "\n")
	b.WriteString("See [[Nowhere]].\n")
	md := markdown.New(markdown.Options{})
	topic, _, d := content.Parse(md, "content/large.md", "large.md", []byte(b.String()))
	if len(d) != 0 {
		t.Fatalf("diagnostics: %v", d)
	}
	if len(topic.Links) != 1 || topic.Links[0].Line != lines+1 || topic.Links[0].Col != 5 {
		t.Errorf("links %+v, want one at line %d column 5", topic.Links, lines+1)
	}
}

// A file that cannot be read is reported at its path, and the rest loads.
func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	loaded := content.LoadHeaders(nil, dir, []string{"gone.md"})
	if len(loaded) != 1 || loaded[0].Topic != nil || len(loaded[0].Diags) != 1 ||
		!strings.Contains(loaded[0].Diags[0].String(), "gone.md:1:1: no such file or directory") {
		t.Errorf("got %+v", loaded)
	}
}
