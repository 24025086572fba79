package i18n

import (
	"slices"
	"strings"
)

// Inflect returns the other forms of a name in running text (plurals,
// possessives), each as its lowercase words. words are the name's
// lowercase words; Inflect does not change them. Where a rule cannot tell
// which form is right, it may return several: a form that no text uses
// costs nothing.
type Inflect func(words []string) [][]string

// inflections are the rules of each language by its primary subtag.
var inflections = map[string]Inflect{
	"en": lastWord(englishWord),
	"fr": french,
}

// Inflections returns the rules for a language tag ("en", "en-GB"), or
// nil when the language has none.
func Inflections(lang string) Inflect {
	return inflections[primary(lang)]
}

// elisions are, by primary subtag, the words a language cuts to a letter
// or two and an apostrophe before a vowel ("l'assureur", "qu'une"),
// lowercase and without the apostrophe. Only these count: the "aujourd"
// of "aujourd'hui" is no word of its own.
var elisions = map[string][]string{
	"fr": {"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"},
}

// Elisions returns the elided words of a language tag, or nil when the
// language has none (English: "insurer's" is a form of "insurer", not an
// elision).
func Elisions(lang string) []string {
	return slices.Clone(elisions[primary(lang)])
}

// lastWord inflects a name by its last word, as English does: in
// "claims-made policy", only "policy" changes.
func lastWord(inflect func(word string) []string) Inflect {
	return func(words []string) [][]string {
		if len(words) == 0 {
			return nil
		}
		n := len(words) - 1
		var forms [][]string
		for _, f := range inflect(words[n]) {
			forms = append(forms, append(slices.Clone(words[:n]), f))
		}
		return forms
	}
}

// englishWord gives the regular plural and the possessive of a noun. The
// plural possessive ("insurers'") needs no form of its own: a trailing
// apostrophe is not part of a word. Irregular plurals (criterion,
// criteria) are the editor's to add with a topic's forms.
func englishWord(word string) []string {
	if word == "" || strings.ContainsAny(word, "'’") {
		return nil // already possessive, or an elision such as "o'clock"
	}
	last := word[len(word)-1]
	if !isLetter(last) {
		return nil // "Form 10", "ISO 27001": numbers do not inflect
	}
	forms := make([]string, 0, 3)
	if p := englishPlural(word); p != "" {
		forms = append(forms, p)
	}
	// Both apostrophes: editors and word processors write either.
	return append(forms, word+"'s", word+"’s")
}

// englishPlural is the regular plural of a lowercase noun, or "" for a
// word that already reads as a plural ("fines", "penalties").
func englishPlural(w string) string {
	n := len(w)
	has := func(suffix string) bool { return strings.HasSuffix(w, suffix) }
	switch {
	case has("ss"), has("us"), has("x"), has("z"), has("ch"), has("sh"):
		return w + "es" // losses, statuses, taxes, breaches
	case has("is") && n > 3:
		return w[:n-2] + "es" // analysis, analyses; basis, bases
	case has("s"):
		return ""
	case has("y") && n > 1 && !isVowel(w[n-2]):
		return w[:n-1] + "ies" // policy, policies
	}
	return w + "s"
}

// french gives the plural of a name. French puts it on the head noun, the
// first word, and on the adjectives that agree with it, up to the first
// preposition: "garanties subséquentes", but "plafonds de garantie". A
// word after the noun may instead be a noun in apposition, which stays
// singular ("assurances cyber"): the words cannot tell which, so both the
// head alone and the head with everything after it up to the preposition
// are forms. French has no possessive form.
func french(words []string) [][]string {
	agree := 0
	for agree < len(words) && !frenchPreposition(words[agree]) {
		agree++
	}
	var forms [][]string
	for _, n := range []int{1, agree} {
		form := slices.Clone(words)
		for i := range form[:min(n, agree)] {
			if p := frenchPlural(form[i]); p != "" {
				form[i] = p
			}
		}
		if !slices.Equal(form, words) && !slices.ContainsFunc(forms, func(f []string) bool { return slices.Equal(f, form) }) {
			forms = append(forms, form)
		}
	}
	return forms
}

// frenchPrepositions end the words that agree with a French head noun:
// what follows is a complement ("plafond de garantie").
var frenchPrepositions = []string{
	"de", "du", "des", "à", "au", "aux", "en", "pour", "sur", "sous", "par", "contre",
	"sans", "avec", "dans", "entre", "chez", "selon",
}

func frenchPreposition(word string) bool {
	// An elided "de" is part of the next word: "pertes d'exploitation".
	return slices.Contains(frenchPrepositions, word) ||
		strings.HasPrefix(word, "d'") || strings.HasPrefix(word, "d’")
}

// frenchPlural is the plural of a lowercase French noun or adjective, or
// "" for a word that does not change ("risques", "prix", "gaz", numbers).
// Hyphenated compounds take it on their last part only ("coffre-forts"
// is wrong): the editor adds the right plural as a topic's form.
func frenchPlural(w string) string {
	if w == "" || strings.ContainsAny(w, "'’") || !isLetter(w[len(w)-1]) {
		return ""
	}
	if p, ok := frenchIrregular[w]; ok {
		return p
	}
	has := func(suffix string) bool { return strings.HasSuffix(w, suffix) }
	switch {
	case has("s"), has("x"), has("z"):
		return ""
	case has("al"):
		return w[:len(w)-2] + "aux" // journal, journaux; légal, légaux
	case has("au"), has("eu"):
		return w + "x" // bureau, bureaux; feu, feux
	}
	return w + "s" // including -ail (détail) and -ou (trou)
}

// frenchIrregular are the French plurals that break the rule for their
// ending.
var frenchIrregular = map[string]string{
	// -al taking -s.
	"bal": "bals", "carnaval": "carnavals", "chacal": "chacals", "festival": "festivals",
	"récital": "récitals", "régal": "régals", "banal": "banals", "bancal": "bancals",
	"fatal": "fatals", "natal": "natals", "naval": "navals",
	// -au and -eu taking -s.
	"bleu": "bleus", "pneu": "pneus", "landau": "landaus", "sarrau": "sarraus",
	// -ail taking -aux.
	"bail": "baux", "corail": "coraux", "émail": "émaux", "soupirail": "soupiraux",
	"travail": "travaux", "vantail": "vantaux", "vitrail": "vitraux",
	// -ou taking -x.
	"bijou": "bijoux", "caillou": "cailloux", "chou": "choux", "genou": "genoux",
	"hibou": "hiboux", "joujou": "joujoux", "pou": "poux",
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || c >= 0x80 }
