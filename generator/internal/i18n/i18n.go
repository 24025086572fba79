// Package i18n holds what the generator knows about the languages a
// glossary is written in. Everything is keyed by the site's language
// setting (content/_index.md), a BCP 47 tag such as "en", "fr" or "de-CH";
// a language the package has no rules for gets neutral behaviour rather
// than an error.
//
// # Auto-linking
//
// Inflections gives the forms a term's name takes in running text, so that
// auto-linking finds "deductibles" and "insurer's" for Deductible and
// Insurer, or "garanties subséquentes" for Garantie subséquente. Elisions
// lists the short words a language fuses to the next one with an
// apostrophe, so that "l'assureur" mentions Assureur. A language without
// rules links names as written.
//
// # Interface words
//
// A Catalog holds the words pages show and the section headings topics
// are read by, English built in and other languages from files.
//
// # Ordering and search
//
// A Collation sorts titles the way a dictionary in the language does and
// says which letter of the A–Z bar each is filed under ("Écart" under E,
// "Ñandú" under Ñ in Spanish). Fold reduces text to what search compares,
// so that "ecart" finds "Écart".
//
// Teaching the package a language is adding entries to its tables:
// inflections, elisions, ownLetters.
package i18n

import "strings"

// primary returns the primary language subtag of a tag, lowercase: "fr"
// for "fr-CA" and "FR_ca". The rules of a language hold for all its
// regions.
func primary(lang string) string {
	p, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(lang)), "-")
	p, _, _ = strings.Cut(p, "_")
	return p
}
