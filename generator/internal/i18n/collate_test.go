package i18n

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestCollationOrder(t *testing.T) {
	tests := []struct {
		lang string
		in   []string
		want []string
	}{
		{"fr", []string{"Zèbre", "écart", "Eau", "étage", "Azur"},
			[]string{"Azur", "Eau", "écart", "étage", "Zèbre"}},
		// Accents only part words that are otherwise the same.
		{"fr", []string{"côte", "coté", "cote", "côté", "Cotisation"},
			[]string{"cote", "coté", "côte", "côté", "Cotisation"}},
		{"fr", []string{"Œuvre", "Offre", "Obligation", "Ouvrage"},
			[]string{"Obligation", "Œuvre", "Offre", "Ouvrage"}},
		{"de", []string{"Banane", "Ärger", "Apfel", "Zins"},
			[]string{"Apfel", "Ärger", "Banane", "Zins"}},
		{"es", []string{"oro", "ñandú", "nube", "Nación"},
			[]string{"Nación", "nube", "ñandú", "oro"}},
		{"sv", []string{"Örlogs", "Zon", "Ål", "Apa"},
			[]string{"Apa", "Zon", "Ål", "Örlogs"}},
		{"nb", []string{"Øre", "Zon", "Ål", "Apa", "Ærlig"},
			[]string{"Apa", "Zon", "Ærlig", "Øre", "Ål"}},
		// Case and leading punctuation are passed over; equal titles
		// fall back to bytes, so the order is total.
		{"en", []string{"policy", "“Occurrence” Trigger", "Policy", "'Til Death", "Deductible"},
			[]string{"Deductible", "“Occurrence” Trigger", "Policy", "policy", "'Til Death"}},
		{"en", []string{"Form 10", "Form 2", "Form 1"},
			[]string{"Form 1", "Form 2", "Form 10"}},
		{"xx-unknown", []string{"b", "A", "a"}, []string{"A", "a", "b"}},
	}
	for _, tt := range tests {
		c := NewCollation(tt.lang)
		byCompare := slices.Clone(tt.in)
		slices.SortFunc(byCompare, c.Compare)
		if !slices.Equal(byCompare, tt.want) {
			t.Errorf("%s: sorted by Compare %q, want %q", tt.lang, byCompare, tt.want)
		}
		byKey := slices.Clone(tt.in)
		slices.SortFunc(byKey, func(a, b string) int { return bytes.Compare(c.Key(a), c.Key(b)) })
		if !slices.Equal(byKey, tt.want) {
			t.Errorf("%s: sorted by Key %q, want %q", tt.lang, byKey, tt.want)
		}
	}
}

// TestKeyAgreesWithCompare compares every pair of a set of titles chosen
// to share prefixes, accents and case, both ways.
func TestKeyAgreesWithCompare(t *testing.T) {
	titles := []string{"", "e", "é", "E", "É", "ee", "eé", "ée", "e e", "e-e", "'e", "e'",
		"cote", "côte", "coté", "côté", "Côté", "Form 2", "Form 10", "Form 02", "Straße", "Strasse",
		"Œuvre", "oeuvre", "ñ", "n", "\u00e9", "e\u0301", "a\x00b", "a"}
	for _, lang := range []string{"en", "fr", "de", "es"} {
		c := NewCollation(lang)
		for _, a := range titles {
			for _, b := range titles {
				byKey := bytes.Compare(c.Key(a), c.Key(b))
				if got := c.Compare(a, b); got != byKey {
					t.Errorf("%s: Compare(%q, %q) = %d, keys compare %d", lang, a, b, got, byKey)
				}
				if got := c.Compare(a, b); (got == 0) != (a == b) {
					t.Errorf("%s: Compare(%q, %q) = %d", lang, a, b, got)
				}
			}
		}
	}
}

func TestInitial(t *testing.T) {
	tests := []struct{ lang, title, want string }{
		{"fr", "Écart", "E"},
		{"fr", "Œuvre", "O"},
		{"fr", "« Assurance »", "A"},
		{"fr", "L'Assureur", "L"},
		{"de", "Ärger", "A"},
		{"de", "Straße", "S"},
		{"es", "Ñandú", "Ñ"},
		{"es", "ñandú", "Ñ"},
		{"es", "N\u0303andú", "Ñ"}, // n and a combining tilde
		{"es", "Nube", "N"},
		{"es", "Árbol", "A"},
		{"sv", "Östersjön", "Ö"},
		{"sv", "Åtagande", "Å"},
		{"sv", "Élan", "E"},
		{"da", "Ærø", "Æ"},
		{"da", "Aarhus", "Å"},
		{"da", "Ä", "Æ"},
		{"nb", "Øre", "Ø"},
		{"nb", "Åre", "Å"},
		{"sv", "Über", "Y"},
		{"en", "état", "E"},
		{"en", "Øresund", "O"},
		{"en", "Æsthetic", "A"},
		{"en", "ñandú", "N"},
		{"en", "“Occurrence” Trigger", "O"},
		{"en", "'Til Death", "T"},
		{"en", "401(k) Plan", "0–9"},
		{"en", "(3) Days", "0–9"},
		{"en", "Ωmega", "Ω"},
		{"en", "—", "#"},
		{"en", "", "#"},
	}
	for _, tt := range tests {
		if got := NewCollation(tt.lang).Initial(tt.title); got != tt.want {
			t.Errorf("%s: Initial(%q) = %q, want %q", tt.lang, tt.title, got, tt.want)
		}
	}
}

// TestInitialsFollowOrder checks that ownLetters agrees with each
// language's collation: sorted titles run through the letter bar once,
// never coming back to a letter they have left.
func TestInitialsFollowOrder(t *testing.T) {
	words := []string{"zz", "Æb", "Øb", "Œb", "Łb", "Đb", "ßb"}
	for _, first := range "abcdefghijklmnopqrstuvwxyzäåöüéèñ" {
		for _, second := range "aöz" {
			words = append(words, string(first)+string(second), strings.ToUpper(string(first))+string(second)+"e")
		}
	}
	langs := []string{"en", "fr", "de", "es"}
	for l := range ownLetters {
		langs = append(langs, l)
	}
	for _, lang := range langs {
		c := NewCollation(lang)
		sorted := slices.Clone(words)
		slices.SortFunc(sorted, c.Compare)
		left := map[string]bool{}
		last := ""
		for _, w := range sorted {
			i := c.Initial(w)
			if i != last && left[i] {
				t.Errorf("%s: %q comes back to %s after %s: %q", lang, w, i, last, sorted)
				break
			}
			left[last], last = true, i
		}
	}
}

// TestCollationConcurrent sorts from several goroutines at once, for the
// race detector.
func TestCollationConcurrent(t *testing.T) {
	c := NewCollation("fr")
	want := []string{"Azur", "Eau", "écart", "étage", "Zèbre"}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				got := []string{"Zèbre", "écart", "Eau", "étage", "Azur"}
				slices.SortFunc(got, func(a, b string) int { return bytes.Compare(c.Key(a), c.Key(b)) })
				if !slices.Equal(got, want) || c.Initial("écart") != "E" {
					t.Errorf("got %q", got)
					return
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkSortByKey sorts 100,000 titles as a caller should: a key for
// each once, then the keys.
func BenchmarkSortByKey(b *testing.B) {
	titles := benchTitles(100_000)
	c := NewCollation("fr")
	type keyed struct {
		key   []byte
		title string
	}
	for b.Loop() {
		ks := make([]keyed, len(titles))
		for i, t := range titles {
			ks[i] = keyed{c.Key(t), t}
		}
		slices.SortFunc(ks, func(a, b keyed) int { return bytes.Compare(a.key, b.key) })
	}
}

// benchTitles makes n titles of two or three words, with accents, case
// and leading punctuation, the same on every run.
func benchTitles(n int) []string {
	words := []string{"assurance", "Écart", "garantie", "subséquente", "plafond", "de", "Œuvre",
		"responsabilité", "civile", "« franchise »", "sinistre", "côte", "prime", "Zèbre", "étage"}
	r := rand.New(rand.NewPCG(1, 2))
	titles := make([]string, n)
	for i := range titles {
		var b strings.Builder
		for j := range 2 + r.IntN(2) {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		fmt.Fprintf(&b, " %d", r.IntN(1000))
		titles[i] = b.String()
	}
	return titles
}
