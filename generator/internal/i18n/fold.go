package i18n

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as search compares it: lower case, without diacritics,
// and with ligatures and ß written out, so that "ecart" finds "Écart",
// "oeuvre" finds "Œuvre" and "strasse" finds "Straße". Letters that carry
// a stroke rather than an accent (ø, ł, đ) fold to their base letter too.
// Everything else, punctuation included, is kept.
func Fold(s string) string {
	if ascii(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue // the marks NFD took off their letters
		}
		if plain := spelled(r); plain != "" {
			b.WriteString(plain)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// spelled returns how a letter that NFD leaves whole is written in plain
// letters, or "".
func spelled(r rune) string {
	switch r {
	case 'œ':
		return "oe"
	case 'æ':
		return "ae"
	case 'ß':
		return "ss"
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'đ':
		return "d"
	}
	return ""
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
