// Package diag holds positioned diagnostics: every problem the generator
// finds is a Diagnostic that prints as "path:line:col: message".
//
// Stages append to a List instead of returning at the first problem, so one
// run reports everything; the command sorts the list and prints it once.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Diagnostic is one problem at one place. Line and Col are 1-based; a zero
// Line means the problem concerns the whole file.
type Diagnostic struct {
	Path string
	Line int
	Col  int
	Msg  string
}

func (d Diagnostic) String() string {
	line, col := d.Line, d.Col
	if line < 1 {
		line = 1
	}
	if col < 1 {
		col = 1
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.Path, line, col, d.Msg)
}

// List collects diagnostics. The zero value is ready to use; it is not safe
// for concurrent use (stages collect per worker and Append the results).
type List []Diagnostic

// Add records a problem.
func (l *List) Add(path string, line, col int, format string, args ...any) {
	*l = append(*l, Diagnostic{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Append adds all of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders by path, line, column, then message, and drops exact repeats,
// so output is stable however the work was scheduled.
func (l List) Sort() List {
	slices.SortFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col), cmp.Compare(a.Msg, b.Msg))
	})
	return slices.Compact(l)
}

// Error makes the list usable as an error; nil when empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return ListError(l.Sort())
}

// ListError is a non-empty, sorted List returned as an error.
type ListError List

func (e ListError) Error() string {
	var b strings.Builder
	for i, d := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Lines converts byte offsets into 1-based line and column numbers. Columns
// count runes, as editors do.
type Lines struct {
	src    []byte
	starts []int
	// Base is added to every line number: it lets a body that was cut out
	// of a larger file report positions in that file.
	Base int
}

// NewLines indexes the line starts of src.
func NewLines(src []byte, base int) *Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts, Base: base}
}

// Pos returns the line and column of byte offset off.
func (l *Lines) Pos(off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(l.src) {
		off = len(l.src)
	}
	i, found := slices.BinarySearch(l.starts, off)
	if !found {
		i--
	}
	col = 1 + len([]rune(string(l.src[l.starts[i]:off])))
	return l.Base + i + 1, col
}

// Suggest returns the candidate closest to word by edit distance, or "" when
// nothing is close enough to be a plausible typo.
func Suggest(word string, candidates []string) string {
	w := []rune(strings.ToLower(word))
	// Typos are in names, not in paragraphs: a long word gets no
	// suggestion rather than a quadratic comparison with every candidate.
	if len(w) > maxSuggest {
		return ""
	}
	limit := max(2, len(w)/3)
	best, bestD := "", limit+1
	for _, c := range candidates {
		cr := []rune(strings.ToLower(c))
		if abs(len(cr)-len(w)) >= bestD {
			continue // the distance is at least the difference in length
		}
		if d := distance(w, cr); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// maxSuggest is the longest word, in runes, that gets a suggestion.
const maxSuggest = 80

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// DidYouMean formats a suggestion as a message suffix.
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// distance is the Levenshtein distance over runes.
func distance(ra, rb []rune) int {
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
