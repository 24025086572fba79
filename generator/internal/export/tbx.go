package export

import (
	"encoding/xml"
	"strings"

	"glossary/generator/internal/content"
	"glossary/generator/internal/glossary"
)

// TBXNamespace is TBX's namespace since ISO 30042:2019 (its second
// edition).
const TBXNamespace = "urn:iso:std:iso:30042:ed-2"

// writeTBX writes a TBX-Basic termbase in the DCA style: one conceptEntry
// per term with its subject field (the category), a link to its page and
// its sources, and one langSec in each language that has the term with
// the definition, the title as the preferred term and the aliases as
// admitted terms.
func writeTBX(o *out, g *glossary.Glossary) {
	s := g.Settings
	langs := languages(g)
	for i := range langs {
		if langs[i].tag == "" {
			langs[i].tag = "und" // BCP 47's "undetermined": langSec must name one
		}
	}
	lang := langs[0].tag
	o.str(xml.Header)
	o.str(`<tbx type="TBX-Basic" style="dca" xml:lang="` + xmlText(lang) + `" xmlns="` + TBXNamespace + `">` + "\n")
	o.str("<tbxHeader>\n<fileDesc>\n<titleStmt><title>" + xmlText(s.Title) + "</title></titleStmt>\n")
	if s.License != "" {
		o.str("<publicationStmt><p>License: " + xmlText(s.License))
		if s.LicenseURL != s.License {
			o.str(" (" + xmlText(s.LicenseURL) + ")")
		}
		o.str("</p></publicationStmt>\n")
	}
	o.str("<sourceDesc><p>" + xmlText(s.BaseURL) + "</p></sourceDesc>\n</fileDesc>\n</tbxHeader>\n<text>\n<body>\n")
	for _, t := range g.Topics {
		term := TermOf(g, t)
		o.str(`<conceptEntry id="c-` + term.Slug + `">` + "\n")
		o.str(`<descrip type="subjectField">` + xmlText(term.Category) + "</descrip>\n")
		o.str(`<xref type="externalCrossReference" target="` + xmlText(term.URL) + `">` + xmlText(term.Title) + "</xref>\n")
		// TBX-Basic's source data category is text, allowed at concept
		// level: the concept's sources, as the topic page cites them.
		for _, src := range term.Sources {
			o.str(`<admin type="source">` + xmlText(src.citation()) + "</admin>\n")
		}
		tbxLangSec(o, lang, term.Summary, term.Title, term.Aliases, term.Status)
		for _, l := range langs[1:] {
			if tr, ok := term.Translations[l.g.Code]; ok {
				tbxLangSec(o, l.tag, tr.Summary, tr.Title, tr.Aliases, term.Status)
			}
		}
		o.str("</conceptEntry>\n")
	}
	o.str("</body>\n</text>\n</tbx>\n")
}

// citation is a source as one line of text: title and locator, then
// publisher, date and address where given.
func (s Source) citation() string {
	parts := []string{s.Title}
	for _, v := range []string{s.Locator, s.Publisher, s.Date, s.URL} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}

// tbxLangSec writes a term's names and definition in one language. The
// status is the concept's: a term deprecated in one language is in all.
func tbxLangSec(o *out, lang, definition, title string, aliases []string, status string) {
	o.str(`<langSec xml:lang="` + xmlText(lang) + `">` + "\n")
	o.str(`<descrip type="definition">` + xmlText(definition) + "</descrip>\n")
	tbxTerm(o, title, adminStatus(status))
	// A replaced term's other names lead to its replacement too.
	aliasStatus := "admittedTerm-admn-sts"
	if status == content.StatusDeprecated {
		aliasStatus = "deprecatedTerm-admn-sts"
	}
	for _, a := range aliases {
		tbxTerm(o, a, aliasStatus)
	}
	o.str("</langSec>\n")
}

func tbxTerm(o *out, term, status string) {
	o.str("<termSec>\n<term>" + xmlText(term) + "</term>\n")
	o.str(`<termNote type="administrativeStatus">` + status + "</termNote>\n</termSec>\n")
}

// adminStatus is TBX-Basic's administrative status of a term's title: a
// proposed term is admitted, not yet preferred; a deprecated one is
// deprecated.
func adminStatus(status string) string {
	switch status {
	case content.StatusProposed:
		return "admittedTerm-admn-sts"
	case content.StatusDeprecated:
		return "deprecatedTerm-admn-sts"
	}
	return "preferredTerm-admn-sts"
}

// xmlText escapes s for XML text and attribute values; characters XML
// cannot hold at all (most control characters) become U+FFFD.
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
