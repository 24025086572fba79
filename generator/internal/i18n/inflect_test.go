package i18n

import (
	"slices"
	"testing"
)

func TestEnglish(t *testing.T) {
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
	en := Inflections("en")
	for _, tt := range tests {
		if got := en(tt.word); !slices.Equal(got, tt.want) {
			t.Errorf("english(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestInflectionsByTag(t *testing.T) {
	for _, tag := range []string{"en", "EN", "en-GB", "en_US", " en "} {
		if Inflections(tag) == nil {
			t.Errorf("Inflections(%q) = nil, want English", tag)
		}
	}
	for _, tag := range []string{"", "de", "fr-CA", "english"} {
		if Inflections(tag) != nil {
			t.Errorf("Inflections(%q) has rules", tag)
		}
	}
}
