package i18n

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Écart Pertes d’Exploitation", "ecart pertes d’exploitation"},
		{"Deductible", "deductible"},
		{"Œuvre", "oeuvre"},
		{"Ærø", "aero"},
		{"Straße", "strasse"},
		{"Ärger über Öl", "arger uber ol"},
		{"Ñandú", "nandu"},
		{"e\u0301tage", "etage"}, // decomposed already
		{"Łódź", "lodz"},
		{"İstanbul", "istanbul"},
		{"Ωμέγα", "ωμεγα"},
		{"401(k)", "401(k)"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
