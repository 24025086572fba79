package markdown

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// MinAutolinkName is the shortest name that is linked automatically:
// two-letter abbreviations are too often something else.
const MinAutolinkName = 3

// Linker finds mentions of topic names in prose. Names are matched as whole
// words, ignoring case; where names overlap, the longest wins. It is built
// once per set of names and is safe for concurrent use.
type Linker struct {
	// byFirst maps a name's first word to the names starting with it,
	// longest first.
	byFirst map[string][]linkName
	// Files maps a file, as links name it below the content folder, to
	// its target, so a written link to a topic counts as a mention.
	Files map[string]string
}

type linkName struct {
	words  []string
	target string
}

// NewLinker indexes names: each maps a name (a title or alias) to the
// target recorded on the links it makes.
func NewLinker(names, files map[string]string) *Linker {
	l := &Linker{byFirst: map[string][]linkName{}, Files: files}
	for name, target := range names {
		if utf8.RuneCountInString(strings.TrimSpace(name)) < MinAutolinkName {
			continue
		}
		var words []string
		for _, w := range splitWords(name) {
			words = append(words, strings.ToLower(name[w[0]:w[1]]))
		}
		if len(words) == 0 {
			continue
		}
		l.byFirst[words[0]] = append(l.byFirst[words[0]], linkName{words, target})
	}
	for _, c := range l.byFirst {
		slices.SortFunc(c, func(a, b linkName) int {
			return cmp.Or(cmp.Compare(len(b.words), len(a.words)), cmp.Compare(a.target, b.target))
		})
	}
	return l
}

// splitWords returns the byte ranges of the words of s: runs of letters
// and digits, with inner hyphens and apostrophes ("third-party").
func splitWords(s string) [][2]int {
	var out [][2]int
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !word && start >= 0 && (r == '-' || r == '\'' || r == '’') && i+1 < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			word = unicode.IsLetter(next) || unicode.IsDigit(next)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, [2]int{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, len(s)})
	}
	return out
}

// AutolinkScope is one section's worth of auto-linking: a target is linked
// at its first mention only, and never when the section already links to it
// or when it is the page's own topic.
type AutolinkScope struct {
	Linker *Linker
	Seen   map[string]bool
}

// Apply links the first mention of each name in the inline text below
// nodes, skipping headings, code, raw HTML and existing links.
func (sc AutolinkScope) Apply(nodes []ast.Node, src []byte) {
	if sc.Linker == nil {
		return
	}
	for _, n := range nodes {
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch c.Kind() {
			case ast.KindHeading, ast.KindLink, ast.KindAutoLink, ast.KindImage, ast.KindCodeSpan,
				ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindRawHTML, ast.KindHTMLBlock, KindWikiLink:
				return ast.WalkSkipChildren, nil
			}
			if t, ok := c.(*ast.Text); ok {
				sc.text(t, src)
			}
			return ast.WalkContinue, nil
		})
	}
}

// text splits a text node around the first new mention it holds, then
// carries on in the rest.
func (sc AutolinkScope) text(t *ast.Text, src []byte) {
	for t != nil {
		seg := t.Segment
		s := string(src[seg.Start:seg.Stop])
		start, end, target := sc.Linker.find(s, sc.Seen)
		if target == "" {
			return
		}
		sc.Seen[target] = true
		parent := t.Parent()
		link := &WikiLink{Target: target, Label: s[start:end], Offset: seg.Start + start, Auto: true}
		after := ast.NewTextSegment(seg.WithStart(seg.Start + end))
		after.SetSoftLineBreak(t.SoftLineBreak())
		after.SetHardLineBreak(t.HardLineBreak())
		t.Segment = seg.WithStop(seg.Start + start)
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
		parent.InsertAfter(parent, t, link)
		parent.InsertAfter(parent, link, after)
		t = after
	}
}

// find returns the first mention in s of a name whose target is not in
// seen, longest name first where several start at one word.
func (l *Linker) find(s string, seen map[string]bool) (start, end int, target string) {
	words := splitWords(s)
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(s[w[0]:w[1]])
	}
	for i := range words {
		for _, name := range l.byFirst[lower[i]] {
			if seen[name.target] || i+len(name.words) > len(words) {
				continue
			}
			if slices.Equal(name.words, lower[i:i+len(name.words)]) && adjacent(s, words[i:i+len(name.words)]) {
				return words[i][0], words[i+len(name.words)-1][1], name.target
			}
		}
	}
	return 0, 0, ""
}

// adjacent reports whether words are separated by spaces only, so a name
// does not match across punctuation ("limit. Policy").
func adjacent(s string, words [][2]int) bool {
	for i := 1; i < len(words); i++ {
		if strings.TrimSpace(s[words[i-1][1]:words[i][0]]) != "" {
			return false
		}
	}
	return true
}
