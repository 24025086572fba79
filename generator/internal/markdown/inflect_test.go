package markdown

import (
	"testing"

	"glossary/generator/internal/i18n"
)

// TestLinkerInflections links English plurals and possessives of a name,
// in its last word only, and nothing that merely looks like one.
func TestLinkerInflections(t *testing.T) {
	l := NewLinker(Names{
		Names: map[string]string{
			"deductible": "Deductible", "policy": "Policy", "insurer": "Insurer", "loss": "Loss",
			"claims-made policy": "Claims-Made Policy", "excess": "Excess", "premium": "Premium",
			"business interruption": "Business Interruption", "attorney": "Attorney", "sla": "SLA",
			"crisis": "Crisis", "status": "Status", "breach": "Breach", "tax": "Tax",
			"regulatory fines": "Regulatory Fines", "lloyd's": "Lloyd's", "iso 27001": "ISO 27001",
			"policy limit": "Policy Limit", "losses": "Losses Named Alone", "third-party": "Third-Party",
			"indemnity": "Indemnity",
		},
		Forms:   map[string]string{"premia": "Premium", "indemnities": "Indemnity Form"},
		Inflect: i18n.Inflections("en"),
	})
	tests := []struct {
		text string
		want string // the matched text, then "=" and the target; "" for no link
	}{
		// Plurals.
		{"two deductibles apply", "deductibles=Deductible"},
		{"all policies renew", "policies=Policy"},
		{"the insurers agree", "insurers=Insurer"},
		{"covered losses", "losses=Losses Named Alone"}, // a name as written beats a form
		{"excesses differ", "excesses=Excess"},
		{"several attorneys", "attorneys=Attorney"},
		{"the SLAs say", "SLAs=SLA"},
		{"crises happen", "crises=Crisis"},
		{"statuses change", "statuses=Status"},
		{"breaches occur", "breaches=Breach"},
		{"taxes apply", "taxes=Tax"},
		{"Third-parties sue", "Third-parties=Third-Party"},
		// Possessives, both apostrophes, and plural possessives.
		{"the insurer's view", "insurer's=Insurer"},
		{"the insurer’s view", "insurer’s=Insurer"},
		{"the insurers' view", "insurers=Insurer"},
		{"the policy's terms", "policy's=Policy"},
		{"the policies' terms", "policies=Policy"},
		{"the loss's size", "loss's=Loss"},
		{"the SLA's terms", "SLA's=SLA"},
		{"the deductible's size", "deductible's=Deductible"},
		// Only the last word of a name inflects.
		{"claims-made policies differ", "claims-made policies=Claims-Made Policy"},
		{"a claims-made policy's trigger", "claims-made policy's=Claims-Made Policy"},
		{"business interruptions", "business interruptions=Business Interruption"},
		{"policies limit nothing", "policies=Policy"},
		{"policy limits apply", "policy limits=Policy Limit"},
		{"policy's limit", "policy's=Policy"},
		// Irregular forms come from the topic, and are not inflected.
		{"premia rose", "premia=Premium"},
		{"premiums rose", "premiums=Premium"},
		{"premias rose", ""},
		{"indemnities", "indemnities=Indemnity"}, // the regular plural, as a name's form, ties with the topic's form: the smaller target wins
		// Names that are plural already, possessive or numbered do not
		// inflect further.
		{"regulatory fines", "regulatory fines=Regulatory Fines"},
		{"regulatory fineses", ""},
		{"Lloyd's", "Lloyd's=Lloyd's"},
		{"Lloyd's's", ""},
		{"ISO 27001s", ""},
		// Words that only look like a form.
		{"the police came", ""},
		{"a policyholder", ""},
		{"policys", ""},
		{"insurers's", ""},
		{"insured", ""},
		{"lossy codecs", ""},
		{"deductibility", ""},
		{"premiumss", ""},
		{"excessive", ""},
		{"attornies", ""},
		{"business interruptionss", ""},
		{"crisises", ""},
		{"claims-mades policy", "policy=Policy"},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tt := range tests {
		start, end, target := l.find(tt.text, map[string]bool{})
		got := ""
		if target != "" {
			got = tt.text[start:end] + "=" + target
		}
		if got != tt.want {
			t.Errorf("find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLinkerFrench links French plurals, which fall on a name's head
// noun and the adjectives that agree with it, after elisions too.
func TestLinkerFrench(t *testing.T) {
	l := NewLinker(Names{
		Names: map[string]string{
			"plafond de garantie": "Plafond de garantie", "assurance cyber": "Assurance cyber",
			"pertes d'exploitation": "Pertes d'exploitation", "garantie subséquente": "Garantie subséquente",
			"bail commercial": "Bail commercial", "assureur": "Assureur", "sinistre": "Sinistre",
			"bureau": "Bureau", "garantie": "Garantie",
		},
		Inflect:  i18n.Inflections("fr"),
		Elisions: i18n.Elisions("fr"),
	})
	tests := []struct {
		text string
		want string // the matched text, then "=" and the target; "" for no link
	}{
		{"les plafonds de garantie", "plafonds de garantie=Plafond de garantie"},
		{"les assurances cyber", "assurances cyber=Assurance cyber"},
		{"des pertes d’exploitation", "pertes d’exploitation=Pertes d'exploitation"},
		{"les garanties subséquentes", "garanties subséquentes=Garantie subséquente"},
		{"les baux commerciaux", "baux commerciaux=Bail commercial"},
		{"les assureurs", "assureurs=Assureur"},
		{"d'autres sinistres", "sinistres=Sinistre"},
		{"les bureaux", "bureaux=Bureau"},
		// Only the head and what agrees with it inflect: here only the
		// complement's own name matches.
		{"les plafonds de garanties", "garanties=Garantie"},
		{"des garanties", "garanties=Garantie"},
		{"les bureaus", ""},
		{"l’assureurs", "assureurs=Assureur"},
		// No English forms.
		{"the assureur's view", ""},
	}
	for _, tt := range tests {
		start, end, target := l.find(tt.text, map[string]bool{})
		got := ""
		if target != "" {
			got = tt.text[start:end] + "=" + target
		}
		if got != tt.want {
			t.Errorf("find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLinkerWithoutInflections matches names exactly in a language that
// has no rules.
func TestLinkerWithoutInflections(t *testing.T) {
	l := NewLinker(Names{Names: map[string]string{"policy": "Policy"}, Inflect: i18n.Inflections("xx")})
	for text, want := range map[string]string{"policy": "Policy", "policies": "", "policy's": ""} {
		if _, _, got := l.find(text, map[string]bool{}); got != want {
			t.Errorf("find(%q) = %q, want %q", text, got, want)
		}
	}
}
