package diag

import (
	"strings"
	"testing"
)

func TestSortAndError(t *testing.T) {
	var l List
	l.Add("b.md", 2, 1, "second file")
	l.Add("a.md", 10, 3, "later line")
	l.Add("a.md", 2, 5, "same line, later column")
	l.Add("a.md", 2, 1, "first")
	l.Add("a.md", 2, 1, "first") // an exact repeat is dropped
	l.Add("c.md", 0, 0, "whole file")
	want := strings.Join([]string{
		"a.md:2:1: first",
		"a.md:2:5: same line, later column",
		"a.md:10:3: later line",
		"b.md:2:1: second file",
		"c.md:1:1: whole file",
	}, "\n")
	if got := l.Err().Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if (List{}).Err() != nil {
		t.Error("an empty list is an error")
	}
}

func TestLines(t *testing.T) {
	src := []byte("ab\nçd\n\nx")
	tests := []struct{ off, line, col int }{
		{0, 11, 1}, {1, 11, 2}, {3, 12, 1}, {5, 12, 2}, {7, 13, 1}, {8, 14, 1}, {99, 14, 2},
	}
	l := NewLines(src, 10)
	for _, tt := range tests {
		if line, col := l.Pos(tt.off); line != tt.line || col != tt.col {
			t.Errorf("Pos(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestSuggest(t *testing.T) {
	tests := []struct {
		word  string
		cands []string
		want  string
	}{
		{"sumary", []string{"title", "summary", "slug"}, "summary"},
		{"Defintion", []string{"Definition", "FAQ"}, "Definition"},
		{"zzzzzz", []string{"title", "summary"}, ""},
		{"x", nil, ""},
		// Far too long to be a typo: no suggestion, and no quadratic work.
		{strings.Repeat("policy limit ", 10000), []string{strings.Repeat("policy limit ", 10000) + "x"}, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.word, tt.cands); got != tt.want {
			t.Errorf("Suggest(%.40q) = %.40q, want %q", tt.word, got, tt.want)
		}
	}
}
