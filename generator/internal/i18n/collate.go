package i18n

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// Collation orders titles the way a dictionary in one language does, and
// says which letter each is filed under. It ignores case and leading
// punctuation ("'Til" sorts as "til"); accents count only between words
// that are otherwise the same ("cote", "coté", "côte"), and titles that
// collate as equal fall back to byte order, so every order is total and
// the same from build to build. Numbers sort by value ("Form 2" before
// "Form 10"). It is safe for concurrent use.
type Collation struct {
	// collators holds *collator: a collate.Collator keeps state between
	// calls, so each goroutine takes one of its own.
	collators sync.Pool
	// own are the language's letters of their own.
	own []ownLetter
}

type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

// NewCollation returns the collation of a BCP 47 tag ("fr", "de-CH",
// "en_GB"). A language without rules of its own, or a tag that does not
// parse, gets the Unicode root collation, which suits English.
func NewCollation(lang string) *Collation {
	tag, err := language.Parse(strings.ReplaceAll(strings.TrimSpace(lang), "_", "-"))
	if err != nil {
		tag = language.Und
	}
	if other, ok := collationOf[primary(lang)]; ok {
		tag = language.Make(other)
	}
	c := &Collation{own: ownLetters[primary(lang)]}
	c.collators.New = func() any {
		return &collator{c: collate.New(tag, collate.IgnoreCase, collate.Numeric)}
	}
	return c
}

// Compare returns -1, 0 or +1 as a sorts before, with or after b; it is 0
// only when a == b.
func (c *Collation) Compare(a, b string) int {
	k := c.collators.Get().(*collator)
	r := k.c.CompareString(trimLead(a), trimLead(b))
	c.collators.Put(k)
	if r != 0 {
		return r
	}
	return strings.Compare(a, b)
}

// Key returns the sort key of s: bytes.Compare of two keys is Compare of
// their strings. Sorting many titles is several times faster by keys made
// once each than by Compare, which collates both strings again at every
// comparison.
func (c *Collation) Key(s string) []byte {
	k := c.collators.Get().(*collator)
	raw := k.c.KeyFromString(&k.buf, trimLead(s))
	// The collation key, then s to break ties. A key may be a prefix of
	// another ("e" of "é"), and both hold zero bytes, so each zero is
	// escaped as 0 1 and the key ends in 0 0, which is below anything
	// that could follow in a longer key.
	key := make([]byte, 0, len(raw)+len(raw)/2+2+len(s))
	for _, b := range raw {
		if key = append(key, b); b == 0 {
			key = append(key, 1)
		}
	}
	key = append(append(key, 0, 0), s...)
	k.buf.Reset()
	c.collators.Put(k)
	return key
}

// Initial returns the letter of the A–Z bar that title is filed under, in
// upper case: its first letter without diacritics ("Écart", "Ärger" and
// "état" under E, A and E; "Œuvre" under O), unless the language files
// that letter apart ("Ñandú" under Ñ in Spanish). A title that starts
// with a digit is filed under "0–9", one with neither letter nor digit
// under "#". Leading punctuation is passed over.
func (c *Collation) Initial(title string) string {
	s := trimLead(title)
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case s == "":
		return "#"
	case unicode.IsDigit(r):
		return "0–9"
	}
	// The first two letters with their marks: "n" and U+0303 are "ñ",
	// and Danish files "Aa" under Å.
	end, letters := 0, 0
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if !unicode.Is(unicode.Mn, r) {
			if letters == 2 {
				break
			}
			letters++
		}
		end += n
	}
	head := strings.ToLower(norm.NFC.String(s[:end]))
	for _, own := range c.own {
		if strings.HasPrefix(head, own.start) {
			return own.letter
		}
	}
	base, _ := utf8.DecodeRuneInString(Fold(head))
	return string(unicode.ToUpper(base))
}

// ownLetter is a letter a language files apart from its base letter.
type ownLetter struct {
	start  string // how a title starts, lowercase
	letter string // the letter of the bar it is filed under
}

// ownLetters are, by primary subtag, the letters with diacritics that a
// language's alphabet counts as letters of their own, each with its own
// place in the order and its own entry in the letter bar, and the letters
// it files with them (Swedish puts ü with y, Danish ä with æ). Any other
// letter is filed under its base letter: ä under a in German, é under e in
// French. The table must agree with the language's collation, which sorts
// a letter's words together; TestInitialsFollowOrder checks that it does.
var ownLetters = map[string][]ownLetter{
	"es": {{"ñ", "Ñ"}},
	"sv": swedish,
	"fi": finnish,
	"da": norwegian,
	"nb": norwegian,
	"nn": norwegian,
	"no": norwegian,
}

var (
	finnish = []ownLetter{{"å", "Å"}, {"ä", "Ä"}, {"æ", "Ä"}, {"ö", "Ö"}, {"ø", "Ö"}, {"ü", "Y"}}
	swedish = append([]ownLetter{{"œ", "Ö"}}, finnish...)
	// norwegian is Danish too.
	norwegian = []ownLetter{{"æ", "Æ"}, {"ä", "Æ"}, {"ø", "Ø"}, {"ö", "Ø"}, {"œ", "Ø"},
		{"å", "Å"}, {"aa", "Å"}, {"ü", "Y"}}
)

// collationOf maps a language to the one whose collation it uses, where
// x/text lacks its own: it sorts Bokmål in root order, with å under a,
// but Bokmål sorts as Nynorsk does.
var collationOf = map[string]string{"nb": "nn", "no": "nn"}

// trimLead cuts what precedes the first letter or digit of s, which
// dictionaries pass over: quotes, brackets, spaces.
func trimLead(s string) string {
	return strings.TrimLeftFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
