// Package i18n holds what the generator knows about the languages a
// glossary is written in. For now that is how a term's name changes in
// running text, so that auto-linking finds "deductibles" and "insurer's"
// for Deductible and Insurer. Rules are keyed by the site's language
// setting (content/_index.md); a language without rules links exact names
// only. Adding a language is adding an entry to inflections.
package i18n

import (
	"strings"
)

// Inflect returns the other forms of a word in running text (plural,
// possessive), lowercase. word is lowercase.
type Inflect func(word string) []string

// inflections are the rules of each language by its primary subtag.
var inflections = map[string]Inflect{
	"en": english,
}

// Inflections returns the rules for a language tag ("en", "en-GB"), or
// nil when the language has none.
func Inflections(lang string) Inflect {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	primary, _, _ = strings.Cut(primary, "_")
	return inflections[primary]
}

// english gives the regular plural and the possessive of a noun. The
// plural possessive ("insurers'") needs no form of its own: a trailing
// apostrophe is not part of a word. Irregular plurals (criterion,
// criteria) are the editor's to add with a topic's forms.
func english(word string) []string {
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

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || c >= 0x80 }
