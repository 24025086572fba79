package i18n

import (
	"slices"
	"strings"
	"testing"
)

func TestEnglishWord(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"deductible", []string{"deductibles", "deductible's", "deductible’s"}},
		{"policy", []string{"policies", "policy's", "policy’s"}},
		{"attorney", []string{"attorneys", "attorney's", "attorney’s"}},
		{"loss", []string{"losses", "loss's", "loss’s"}},
		{"status", []string{"statuses", "status's", "status’s"}},
		{"tax", []string{"taxes", "tax's", "tax’s"}},
		{"breach", []string{"breaches", "breach's", "breach’s"}},
		{"crash", []string{"crashes", "crash's", "crash’s"}},
		{"analysis", []string{"analyses", "analysis's", "analysis’s"}},
		{"fines", []string{"fines's", "fines’s"}},
		{"saas", []string{"saas's", "saas’s"}},
		{"café", []string{"cafés", "café's", "café’s"}},
		{"lloyd's", nil},
		{"27001", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := englishWord(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("englishWord(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestFrenchPlural(t *testing.T) {
	tests := []struct{ word, want string }{
		{"contrat", "contrats"},
		{"garantie", "garanties"},
		{"subséquente", "subséquentes"},
		{"assuré", "assurés"},
		// -s, -x, -z do not change.
		{"risques", ""},
		{"dommages", ""},
		{"prix", ""},
		{"gaz", ""},
		// -al: -aux, but a few take -s.
		{"journal", "journaux"},
		{"légal", "légaux"},
		{"contractuel", "contractuels"},
		{"bal", "bals"},
		{"carnaval", "carnavals"},
		{"chacal", "chacals"},
		{"festival", "festivals"},
		{"récital", "récitals"},
		{"régal", "régals"},
		{"naval", "navals"},
		// -eau, -au, -eu: -x, but a few take -s.
		{"bureau", "bureaux"},
		{"tuyau", "tuyaux"},
		{"feu", "feux"},
		{"bleu", "bleus"},
		{"pneu", "pneus"},
		{"landau", "landaus"},
		{"sarrau", "sarraus"},
		// -ail: -s, but a few take -aux.
		{"détail", "détails"},
		{"travail", "travaux"},
		{"bail", "baux"},
		{"corail", "coraux"},
		{"émail", "émaux"},
		{"soupirail", "soupiraux"},
		{"vantail", "vantaux"},
		{"vitrail", "vitraux"},
		// -ou: -s, but seven take -x.
		{"trou", "trous"},
		{"bijou", "bijoux"},
		{"caillou", "cailloux"},
		{"chou", "choux"},
		{"genou", "genoux"},
		{"hibou", "hiboux"},
		{"joujou", "joujoux"},
		{"pou", "poux"},
		// Numbers and elided words do not inflect.
		{"1240", ""},
		{"d'exploitation", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := frenchPlural(tt.word); got != tt.want {
			t.Errorf("frenchPlural(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestInflections inflects whole names: English by the last word, French
// by the head noun and the words that agree with it.
func TestInflections(t *testing.T) {
	tests := []struct {
		lang, name string
		want       []string // forms, words joined by spaces
	}{
		{"en", "policy", []string{"policies", "policy's", "policy’s"}},
		{"en", "claims-made policy", []string{"claims-made policies", "claims-made policy's", "claims-made policy’s"}},
		{"en", "business interruption", []string{"business interruptions", "business interruption's", "business interruption’s"}},
		{"en", "iso 27001", nil},
		{"en-GB", "insurer", []string{"insurers", "insurer's", "insurer’s"}},
		{"fr", "assureur", []string{"assureurs"}},
		{"fr", "plafond de garantie", []string{"plafonds de garantie"}},
		{"fr", "assurance cyber", []string{"assurances cyber", "assurances cybers"}},
		{"fr", "garantie subséquente", []string{"garanties subséquente", "garanties subséquentes"}},
		{"fr", "responsabilité civile professionnelle", []string{
			"responsabilités civile professionnelle", "responsabilités civiles professionnelles"}},
		{"fr", "pertes d'exploitation", nil},
		{"fr", "pertes d’exploitation", nil},
		{"fr", "contrat d'assurance", []string{"contrats d'assurance"}},
		{"fr", "frais de justice", nil},
		{"fr", "dommage matériel", []string{"dommages matériel", "dommages matériels"}},
		{"fr", "bail commercial", []string{"baux commercial", "baux commerciaux"}},
		{"fr", "clause pour compte", []string{"clauses pour compte"}},
		{"fr", "risques", nil},
		{"fr-CA", "sinistre", []string{"sinistres"}},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.name)
		var got []string
		for _, f := range Inflections(tt.lang)(words) {
			got = append(got, strings.Join(f, " "))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Inflections(%q)(%q) = %q, want %q", tt.lang, tt.name, got, tt.want)
		}
		if strings.Join(words, " ") != tt.name {
			t.Errorf("Inflections(%q) changed its input to %q", tt.lang, words)
		}
	}
}

func TestInflectionsByTag(t *testing.T) {
	for _, tag := range []string{"en", "EN", "en-GB", "en_US", " en ", "fr", "fr-CA", "fr_BE"} {
		if Inflections(tag) == nil {
			t.Errorf("Inflections(%q) = nil, want rules", tag)
		}
	}
	for _, tag := range []string{"", "de", "english"} {
		if Inflections(tag) != nil {
			t.Errorf("Inflections(%q) has rules", tag)
		}
	}
}

func TestElisions(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"fr", []string{"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}},
		{"fr-CH", []string{"c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}},
		{"en", nil},
		{"de", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Elisions(tt.lang); !slices.Equal(got, tt.want) {
			t.Errorf("Elisions(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	Elisions("fr")[0] = "x"
	if Elisions("fr")[0] != "c" {
		t.Error("Elisions returns the package's own table")
	}
}
