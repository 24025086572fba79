package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// MinAutolinkName is the shortest name that is linked automatically:
// two-letter abbreviations are too often something else.
const MinAutolinkName = 3

// Linker finds mentions of topic names in prose. Names are matched as whole
// words, ignoring case and which apostrophe is written (' or ’); where
// names overlap, the longest wins. A name's forms (its plural, its
// possessive) are matched like the name, but a name as written wins over
// another name's form. A mention may also start after an elided word
// ("assureur" in "l'assureur"). It is built once per set of names and is
// safe for concurrent use.
type Linker struct {
	// root is a trie of names by word, as wordKey writes them: following
	// a mention's words from the root finds every name it starts,
	// longest last.
	root *trieNode
	// elisions are Names.Elisions.
	elisions []string
	// Files maps a file, as links name it below the content folder, to
	// its target, so a written link to a topic counts as a mention.
	Files map[string]string
}

type trieNode struct {
	next   map[string]*trieNode
	target string // non-empty where a name ends
	// form marks a target reached through a form rather than a name.
	form bool
}

// Names are what a Linker finds, each mapping a lowercase name to the
// target recorded on the links it makes.
type Names struct {
	// Names are titles and aliases.
	Names map[string]string
	// Forms are further spellings to match (an irregular plural): they
	// are not inflected.
	Forms map[string]string
	// Files is the Linker's Files.
	Files map[string]string
	// Inflect, if set, gives the other forms of a name from its
	// lowercase words, each as its words: English inflects the last word
	// ("claims-made policies"), French the first and the words that agree
	// with it ("garanties subséquentes"). It must not change words.
	Inflect func(words []string) [][]string
	// Elisions are the words the language elides before a vowel,
	// lowercase and without the apostrophe ("l", "qu" in French): a
	// mention may start after one of them and its apostrophe, so that
	// "l'assureur" and "qu’une" mention "assureur" and "une".
	Elisions []string
}

// NewLinker indexes names. Names go in first so that none of them is
// taken by another name's form; ties go to the smaller target, so the
// result does not depend on map order.
func NewLinker(n Names) *Linker {
	l := &Linker{root: &trieNode{}, Files: n.Files, elisions: n.Elisions}
	for name, target := range n.Names {
		l.add(splitLower(name), target, false)
	}
	for name, target := range n.Forms {
		l.add(splitLower(name), target, true)
	}
	if n.Inflect != nil {
		for name, target := range n.Names {
			if words := splitLower(name); len(words) > 0 {
				for _, form := range n.Inflect(words) {
					l.add(form, target, true)
				}
			}
		}
	}
	return l
}

// splitLower returns the lowercase words of a name long enough to link,
// or nil.
func splitLower(name string) []string {
	if utf8.RuneCountInString(strings.TrimSpace(name)) < MinAutolinkName {
		return nil
	}
	var words []string
	for _, w := range splitWords(name) {
		words = append(words, strings.ToLower(name[w[0]:w[1]]))
	}
	return words
}

// add records that words name target.
func (l *Linker) add(words []string, target string, form bool) {
	if len(words) == 0 {
		return
	}
	n := l.root
	for _, word := range words {
		word := string(wordKey(nil, word))
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		if n.next[word] == nil {
			n.next[word] = &trieNode{}
		}
		n = n.next[word]
	}
	switch {
	case n.target == "", n.form && !form:
		n.target, n.form = target, form
	case n.form == form && target < n.target:
		n.target = target
	}
}

// splitWords returns the byte ranges of the words of s: runs of letters
// and digits, with inner hyphens and apostrophes ("third-party").
func splitWords(s string) [][2]int {
	var out [][2]int
	for ws, we := nextWord(s, 0); ws >= 0; ws, we = nextWord(s, we) {
		out = append(out, [2]int{ws, we})
	}
	return out
}

// AutolinkScope is one section's worth of auto-linking: a target is linked
// at its first mention only, and never when the section already links to it
// or when it is the page's own topic.
type AutolinkScope struct {
	Linker *Linker
	Seen   map[string]bool
	// Found, if set, collects the links made, so that a later parse of
	// the same source can make them again without searching.
	Found *[]Match
}

// Match is one auto-link: the source bytes [Start, End) link to Target.
type Match struct {
	Start, End int
	Target     string
}

// Apply links the first mention of each name in the inline text below
// nodes, skipping headings, code, raw HTML and existing links.
func (sc AutolinkScope) Apply(nodes []ast.Node, src []byte) {
	if sc.Linker == nil {
		return
	}
	for _, t := range proseTexts(nodes...) {
		sc.text(t, src)
	}
}

// proseTexts lists the text nodes below nodes that auto-linking may
// touch, in document order.
func proseTexts(nodes ...ast.Node) []*ast.Text {
	var texts []*ast.Text
	for _, n := range nodes {
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			if skipped(c) {
				return ast.WalkSkipChildren, nil
			}
			if t, ok := c.(*ast.Text); ok {
				texts = append(texts, t)
			}
			return ast.WalkContinue, nil
		})
	}
	return texts
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
		m := Match{Start: seg.Start + start, End: seg.Start + end, Target: target}
		if sc.Found != nil {
			*sc.Found = append(*sc.Found, m)
		}
		t = split(t, m, src)
	}
}

// split turns the part m of text node t into a link and returns the text
// node holding the rest.
func split(t *ast.Text, m Match, src []byte) *ast.Text {
	seg := t.Segment
	parent := t.Parent()
	link := &WikiLink{Target: m.Target, Label: string(src[m.Start:m.End]), Offset: m.Start, Auto: true}
	after := ast.NewTextSegment(seg.WithStart(m.End))
	after.SetSoftLineBreak(t.SoftLineBreak())
	after.SetHardLineBreak(t.HardLineBreak())
	t.Segment = seg.WithStop(m.Start)
	t.SetSoftLineBreak(false)
	t.SetHardLineBreak(false)
	parent.InsertAfter(parent, t, link)
	parent.InsertAfter(parent, link, after)
	return after
}

// ApplyMatches makes again, in a new parse of the same source, the links
// an AutolinkScope recorded; ms is sorted by Start.
func ApplyMatches(root ast.Node, src []byte, ms []Match) {
	if len(ms) == 0 {
		return
	}
	texts := proseTexts(root)
	i := 0
	for _, t := range texts {
		for i < len(ms) && ms[i].Start < t.Segment.Start {
			i++ // not in prose any more: the source changed
		}
		for i < len(ms) && ms[i].End <= t.Segment.Stop {
			t = split(t, ms[i], src)
			i++
		}
	}
}

// skipped reports the nodes whose text is never auto-linked.
func skipped(n ast.Node) bool {
	switch n.Kind() {
	case ast.KindHeading, ast.KindLink, ast.KindAutoLink, ast.KindImage, ast.KindCodeSpan,
		ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindRawHTML, ast.KindHTMLBlock, KindWikiLink:
		return true
	}
	return false
}

// find returns the first mention in s of a name whose target is not in
// seen, the longest where several start at one word; where the longest
// one's target is in seen, its words are passed over. Most prose mentions
// nothing, so it allocates nothing: words are lowercased into a small
// buffer and looked up without conversion.
func (l *Linker) find(s string, seen map[string]bool) (start, end int, target string) {
	for ws, we := nextWord(s, 0); ws >= 0; ws, we = nextWord(s, we) {
		start = ws
		end, target = l.longest(s, ws, we)
		if end < 0 {
			// A name as written ("aujourd'hui") before one after an
			// elision.
			if start = l.elided(s[ws:we]); start < 0 {
				continue
			}
			start += ws
			if end, target = l.longest(s, start, we); end < 0 {
				continue
			}
		}
		if !seen[target] {
			return start, end, target
		}
		// The longest name here is linked already: its words mean that
		// term, so none of them links a shorter name ("excess" within a
		// second "excess liability" is not the deductible's excess).
		we = end
	}
	return 0, 0, ""
}

// longest returns the end and target of the longest name that starts with
// the word s[ws:we], or -1.
func (l *Linker) longest(s string, ws, we int) (last int, target string) {
	var buf [64]byte
	n, last, end := l.root, -1, ws
	for ks, ke := ws, we; ks >= 0 && n.next != nil; ks, ke = nextWord(s, ke) {
		if ks > ws && strings.TrimSpace(s[end:ks]) != "" {
			break // names do not run across punctuation ("limit. Policy")
		}
		end = ke
		if n = n.next[string(wordKey(buf[:0], s[ks:ke]))]; n == nil {
			break
		}
		if n.target != "" {
			last, target = ke, n.target
		}
	}
	return last, target
}

// elided returns where word starts again after an elided word and its
// apostrophe ("l'assureur", "qu’une"), or -1. A letter must follow: "l'2"
// elides nothing.
func (l *Linker) elided(word string) int {
	if len(l.elisions) == 0 {
		return -1
	}
	i := strings.IndexAny(word, "'’")
	if i <= 0 {
		return -1
	}
	_, size := utf8.DecodeRuneInString(word[i:])
	if r, _ := utf8.DecodeRuneInString(word[i+size:]); !unicode.IsLetter(r) {
		return -1
	}
	for _, e := range l.elisions {
		if strings.EqualFold(word[:i], e) {
			return i + size
		}
	}
	return -1
}

// nextWord returns the bounds of the first word of s at or after from, as
// splitWords defines words, or -1. It is the hot loop of auto-linking, so
// ASCII takes a fast path.
func nextWord(s string, from int) (int, int) {
	i := from
	for i < len(s) {
		r, size := runeAt(s, i)
		if isWordRune(r) {
			break
		}
		i += size
	}
	if i >= len(s) {
		return -1, -1
	}
	start := i
	for i < len(s) {
		r, size := runeAt(s, i)
		if !isWordRune(r) {
			if r != '-' && r != '\'' && r != '’' || i+size >= len(s) {
				break
			}
			if next, _ := runeAt(s, i+size); !isWordRune(next) {
				break
			}
		}
		i += size
	}
	return start, i
}

func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordKey appends word as the trie holds it: lowercase, with ’ written as
// ', so that a name matches whichever apostrophe the text uses.
func wordKey(buf []byte, word string) []byte {
	for i := 0; i < len(word); {
		if c := word[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(word[i:])
		if r == '’' {
			r = '\''
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
		i += size
	}
	return buf
}
