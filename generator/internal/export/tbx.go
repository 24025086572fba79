package export

import (
	"encoding/xml"
	"strings"

	"glossary/generator/internal/glossary"
)

// TBXNamespace is TBX's namespace since ISO 30042:2019 (its second
// edition).
const TBXNamespace = "urn:iso:std:iso:30042:ed-2"

// writeTBX writes a TBX-Basic termbase in the DCA style: one conceptEntry
// per term with its subject field (the category) and a link to its page,
// and one langSec in the site's language with the definition, the title
// as the preferred term and the aliases as admitted terms.
func writeTBX(o *out, g *glossary.Glossary) {
	s := g.Settings
	lang := Language(g)
	if lang == "" {
		lang = "und" // BCP 47's "undetermined": langSec must name one
	}
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
		o.str(`<langSec xml:lang="` + xmlText(lang) + `">` + "\n")
		o.str(`<descrip type="definition">` + xmlText(term.Summary) + "</descrip>\n")
		tbxTerm(o, term.Title, adminStatus(term.Status))
		for _, a := range term.Aliases {
			tbxTerm(o, a, "admittedTerm-admn-sts")
		}
		o.str("</langSec>\n</conceptEntry>\n")
	}
	o.str("</body>\n</text>\n</tbx>\n")
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
	case "proposed":
		return "admittedTerm-admn-sts"
	case "deprecated":
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
