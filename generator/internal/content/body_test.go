package content_test

import (
	"slices"
	"strings"
	"testing"

	"glossary/generator/internal/content"
)

// topicSrc is a topic whose body is body, starting on line 6.
func topicSrc(body string) string {
	return "---\ntitle: X\nsummary: S.\n---\n\n" + body
}

// The Markdown's own mistakes (footnotes, callouts) and images' are
// reported at their place in the file, each naming the fix.
func TestBodyProblems(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{
			name: "footnotes",
			body: "## Definition\n\nA claim[^claim] and a note[^nte].\n\n[^note]: Defined.\n",
			want: []string{
				file + `:8:8: footnote [^claim] has no definition: add one on a line of its own, "[^claim]: the note"`,
				file + `:8:27: footnote [^nte] has no definition: add one on a line of its own, "[^nte]: the note" (did you mean "note"?)`,
				file + `:10:1: footnote [^note] is defined but never referenced: cite it in the text with [^note], or delete it`,
			},
		},
		{
			name: "unknown callout",
			body: "## Definition\n\nText.\n\n> [!NOTES]\n> Close.\n",
			want: []string{file + `:10:3: unknown callout kind "NOTES": use one of NOTE, TIP, IMPORTANT, WARNING, CAUTION, EXAMPLE (did you mean "NOTE"?)`},
		},
		{
			name: "images",
			body: "## Definition\n\n" +
				"![](x.png) and ![Alt](y.png \"decorative\")\n" +
				"![Remote](https://cdn.example/x.png) ![Inline](data:image/png;base64,AAAA) ![Far](//cdn.example/x.png)\n" +
				"![Up](../x.png) ![Hidden](_drafts/x.png) ![Temp](x.png~) ![Topic](other.md) ![Nothing]()\n",
			want: []string{
				file + `:8:1: image "x.png" has no alt text: say what it shows, ![what it shows](x.png), or mark it decorative, ![](x.png "decorative")`,
				file + `:8:16: image "y.png" is marked decorative but has alt text: a decorative image has none, so remove the text or the title "decorative"`,
				file + `:9:1: image "https://cdn.example/x.png" is not a file of the site: save it beside the topic (or in static/) and give its path, so pages work offline and do not tell another site who reads them`,
				file + `:9:38: image "data:image/png;base64,AAAA" is not a file of the site: ...`,
				file + `:9:76: image "//cdn.example/x.png" is not a file of the site: ...`,
				file + `:10:1: image "../x.png" is outside the content folder: move it beside the topic, or into static/ and write its path from there (/img/file.png)`,
				file + `:10:17: image "_drafts/x.png" is in a file or folder the site skips (its name starts with . or _, or is an editor's temporary file): rename it`,
				file + `:10:42: image "x.png~" is in a file or folder the site skips ...`,
				file + `:10:58: image "other.md" is a topic, not an image`,
				file + `:10:77: image has no file: write ![what it shows](file.png)`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, d := content.Parse(md, file, "x.md", []byte(topicSrc(tt.body)))
			if got := messages(d); !match(got, tt.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
		})
	}
}

func TestImages(t *testing.T) {
	src := topicSrc("## Definition\n\n" +
		"![Layers *of* responsibility](shared/layers.svg \"The stack\") ![](rule.svg \"decorative\")\n\n" +
		"## FAQ\n\n### Where?\n\n![Logo](/img/logo.png) ![Again](../sub/./shared/layers.svg) ![Spaced](<my%20file.png>)\n")
	tp, _, d := content.Parse(md, "content/sub/x.md", "sub/x.md", []byte(src))
	if len(d) > 0 {
		t.Fatal(d)
	}
	want := []content.Image{
		{Src: "sub/shared/layers.svg", Dest: "shared/layers.svg", Alt: "Layers of responsibility", Line: 8, Col: 1},
		{Src: "sub/rule.svg", Dest: "rule.svg", Decorative: true, Line: 8, Col: 62},
		{Src: "/img/logo.png", Dest: "/img/logo.png", Alt: "Logo", Line: 14, Col: 1},
		{Src: "sub/shared/layers.svg", Dest: "../sub/./shared/layers.svg", Alt: "Again", Line: 14, Col: 24},
		{Src: "sub/my file.png", Dest: "my%20file.png", Alt: "Spaced", Line: 14, Col: 61},
	}
	if !slices.Equal(tp.Images, want) {
		t.Errorf("images\n\t%+v\nwant\n\t%+v", tp.Images, want)
	}
}

func TestImageSource(t *testing.T) {
	tests := []struct{ rel, dest, src string }{
		{"a.md", "a/x.png", "a/x.png"},
		{"sub/a.md", "x.png", "sub/x.png"},
		{"sub/a.md", "../x.png", "x.png"},
		{"sub/a.md", "/img/x.png", "/img/x.png"},
		{"sub/a.md", "/img/../../x.png", "/x.png"}, // a rooted path stays in static/
		{"a.md", "x.png#frag", "x.png"},
		{"a.md", "x%20y.png?v=2", "x y.png"},
		{"a.md", "../x.png", ""},
		{"a.md", "http://x.org/a.png", ""},
		{"a.md", "a.md", ""},
	}
	for _, tt := range tests {
		src, problem := content.ImageSource(tt.rel, tt.dest)
		if src != tt.src || (src == "") != (problem != "") {
			t.Errorf("ImageSource(%q, %q) = %q, %q; want %q", tt.rel, tt.dest, src, problem, tt.src)
		}
	}
}

// Footnote definitions may stand anywhere in the body; they belong to no
// section, and the page shows them after all of them.
func TestNotes(t *testing.T) {
	src := topicSrc("## Definition\n\nA note[^a].\n\n[^a]: Written in the Definition.\n\n## FAQ\n\n### Q?\n\nAnswer[^b].\n\n[^b]: Written last.\n")
	tp, doc, d := content.Parse(md, file, "x.md", []byte(src))
	if len(d) > 0 {
		t.Fatal(d)
	}
	if doc.Notes == nil || doc.Notes.ChildCount() != 2 {
		t.Fatalf("notes = %v, want a list of two", doc.Notes)
	}
	if n := len(doc.Sections[content.Definition]); n != 1 {
		t.Errorf("the Definition has %d blocks, want 1 (the paragraph)", n)
	}
	if n := len(doc.Questions[0].Answer); n != 1 {
		t.Errorf("the answer has %d blocks, want 1", n)
	}
	if !tp.Anchors[content.NotesID] {
		t.Errorf("anchors %v lack #%s", tp.Anchors, content.NotesID)
	}
}
